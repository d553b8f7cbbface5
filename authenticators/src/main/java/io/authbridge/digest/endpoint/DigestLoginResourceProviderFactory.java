package io.authbridge.digest.endpoint;

import io.authbridge.digest.DigestProviderIds;
import org.keycloak.Config;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.services.resource.RealmResourceProvider;
import org.keycloak.services.resource.RealmResourceProviderFactory;

/**
 * Realm resource {@value #PROVIDER_ID}: {@code GET|POST /realms/{realm}/digest/login?client_id=…} logs a user in with
 * HTTP Digest and answers with Keycloak's SSO cookies and the client's tokens.
 */
public class DigestLoginResourceProviderFactory implements RealmResourceProviderFactory {

    /** The path segment under {@code /realms/{realm}/}. */
    public static final String PROVIDER_ID = DigestProviderIds.ENDPOINT;

    @Override
    public RealmResourceProvider create(KeycloakSession session) {
        return new DigestLoginResourceProvider(session);
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
