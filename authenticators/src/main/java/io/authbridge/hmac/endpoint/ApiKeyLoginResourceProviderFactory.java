package io.authbridge.hmac.endpoint;

import io.authbridge.hmac.HmacProviderIds;
import org.keycloak.Config;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.services.resource.RealmResourceProvider;
import org.keycloak.services.resource.RealmResourceProviderFactory;

/**
 * Realm resource {@value #PROVIDER_ID}: {@code POST /realms/{realm}/api-key/login/session}, the legacy platform's
 * admin-token call, answered with the API key's service-account tokens.
 */
public class ApiKeyLoginResourceProviderFactory implements RealmResourceProviderFactory {

    /** The path segment under {@code /realms/{realm}/}. */
    public static final String PROVIDER_ID = HmacProviderIds.ENDPOINT;

    @Override
    public RealmResourceProvider create(KeycloakSession session) {
        return new ApiKeyLoginResourceProvider(session);
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
