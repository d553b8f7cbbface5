package io.authbridge.exchange;

import org.keycloak.models.KeycloakSession;
import org.keycloak.services.resource.RealmResourceProvider;

public class CookieExchangeResourceProvider implements RealmResourceProvider {

    private final KeycloakSession session;

    public CookieExchangeResourceProvider(KeycloakSession session) {
        this.session = session;
    }

    @Override
    public Object getResource() {
        return new CookieExchangeResource(session);
    }

    @Override
    public void close() {
    }
}
