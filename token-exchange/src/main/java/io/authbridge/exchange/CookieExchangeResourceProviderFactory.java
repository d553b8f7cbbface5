package io.authbridge.exchange;

import org.keycloak.Config;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.services.resource.RealmResourceProvider;
import org.keycloak.services.resource.RealmResourceProviderFactory;

/**
 * Realm resource {@value #PROVIDER_ID}: {@code POST /realms/{realm}/cookie-exchange/token} trades the caller's
 * Keycloak SSO cookie for a client's tokens.
 */
public class CookieExchangeResourceProviderFactory implements RealmResourceProviderFactory {

    /** The path segment under {@code /realms/{realm}/}. */
    public static final String PROVIDER_ID = "cookie-exchange";

    @Override
    public RealmResourceProvider create(KeycloakSession session) {
        return new CookieExchangeResourceProvider(session);
    }

    @Override
    public String getId() {
        return PROVIDER_ID;
    }

    @Override
    public void init(Config.Scope config) {
    }

    @Override
    public void postInit(KeycloakSessionFactory factory) {
    }

    @Override
    public void close() {
    }
}
