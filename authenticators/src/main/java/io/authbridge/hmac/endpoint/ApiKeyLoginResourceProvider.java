package io.authbridge.hmac.endpoint;

import org.keycloak.models.KeycloakSession;
import org.keycloak.services.resource.RealmResourceProvider;

public class ApiKeyLoginResourceProvider implements RealmResourceProvider {

    private final KeycloakSession session;

    public ApiKeyLoginResourceProvider(KeycloakSession session) {
        this.session = session;
    }

    @Override
    public Object getResource() {
        return new ApiKeyLoginResource(session);
    }

    @Override
    public void close() {
    }
}
