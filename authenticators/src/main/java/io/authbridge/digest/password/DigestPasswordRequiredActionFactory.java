package io.authbridge.digest.password;

import io.authbridge.digest.DigestProviderIds;
import org.keycloak.Config;
import org.keycloak.authentication.RequiredActionFactory;
import org.keycloak.authentication.RequiredActionProvider;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;

/**
 * Registers {@link DigestPasswordRequiredAction} as <em>Set HTTP Digest password</em>: listed, once enabled in
 * <em>Authentication → Required actions</em>, among a user's <em>Required user actions</em> and the
 * <em>Credential Reset</em> actions; as the credential type's set-up action the account console offers it too.
 */
public class DigestPasswordRequiredActionFactory implements RequiredActionFactory {

    public static final String PROVIDER_ID = DigestProviderIds.PASSWORD_REQUIRED_ACTION;
    private static final DigestPasswordRequiredAction SINGLETON = new DigestPasswordRequiredAction();

    @Override
    public String getDisplayText() {
        return "Set HTTP Digest password";
    }

    @Override
    public RequiredActionProvider create(KeycloakSession session) {
        return SINGLETON;
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

    @Override
    public String getId() {
        return PROVIDER_ID;
    }
}
