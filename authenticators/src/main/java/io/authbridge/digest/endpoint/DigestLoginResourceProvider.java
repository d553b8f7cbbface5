package io.authbridge.digest.endpoint;

import org.keycloak.models.KeycloakSession;
import org.keycloak.services.resource.RealmResourceProvider;

/** Serves {@code /realms/{realm}/digest/…}: the Digest login endpoint. */
public class DigestLoginResourceProvider implements RealmResourceProvider {

    private final KeycloakSession session;

    public DigestLoginResourceProvider(KeycloakSession session) {
        this.session = session;
    }

    @Override
    public Object getResource() {
        return new DigestLoginResource(session);
    }

    @Override
    public void close() {
    }
}
