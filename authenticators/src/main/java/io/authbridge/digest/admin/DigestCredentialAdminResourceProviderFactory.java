package io.authbridge.digest.admin;

import io.authbridge.common.compat.AdminRealmResources;
import io.authbridge.digest.DigestProviderIds;
import org.keycloak.Config;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.services.resources.admin.ext.AdminRealmResourceProvider;
import org.keycloak.services.resources.admin.ext.AdminRealmResourceProviderFactory;

/**
 * Serves {@code /admin/realms/{realm}/authbridge-digest/…}. The provider comes from {@link AdminRealmResources}:
 * Keycloak's admin-resource interface takes a permission evaluator whose package differs between 26 lines.
 */
public class DigestCredentialAdminResourceProviderFactory implements AdminRealmResourceProviderFactory {

    public static final String PROVIDER_ID = DigestProviderIds.ADMIN_ENDPOINT;

    private static final AdminRealmResourceProvider SINGLETON =
            AdminRealmResources.provider(DigestCredentialAdminResource::new);

    @Override
    public AdminRealmResourceProvider create(KeycloakSession session) {
        return SINGLETON;
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
