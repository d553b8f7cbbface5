package io.authbridge.digest.authenticator;

import java.util.List;
import java.util.Map;

import io.authbridge.common.ValidatedSettings;
import io.authbridge.digest.DigestProviderIds;
import io.authbridge.digest.DigestSettings;
import org.keycloak.Config;
import org.keycloak.authentication.Authenticator;
import org.keycloak.authentication.AuthenticatorFactory;
import org.keycloak.models.AuthenticationExecutionModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.models.RealmModel;
import org.keycloak.models.credential.PasswordCredentialModel;
import org.keycloak.provider.ProviderConfigProperty;

public class HttpDigestAuthenticatorFactory implements AuthenticatorFactory, ValidatedSettings {

    public static final String PROVIDER_ID = DigestProviderIds.USER_AUTHENTICATOR;

    private static final HttpDigestAuthenticator SINGLETON = new HttpDigestAuthenticator();
    private static final AuthenticationExecutionModel.Requirement[] REQUIREMENT_CHOICES = {
            AuthenticationExecutionModel.Requirement.ALTERNATIVE,
            AuthenticationExecutionModel.Requirement.REQUIRED,
            AuthenticationExecutionModel.Requirement.DISABLED};

    @Override
    public Authenticator create(KeycloakSession session) {
        return SINGLETON;
    }

    @Override
    public String getId() {
        return PROVIDER_ID;
    }

    @Override
    public String getDisplayType() {
        return "HTTP Digest";
    }

    /**
     * "password": an HA1 is derived from the password and is password-equivalent, and Keycloak's brute-force
     * protection counts failures (and resets them on success) only for the password, OTP and recovery-code categories.
     */
    @Override
    public String getReferenceCategory() {
        return PasswordCredentialModel.TYPE;
    }

    @Override
    public String getHelpText() {
        return "AuthBridge: logs the user in with HTTP Digest (RFC 7616) against the digest-ha1 credential. "
                + "Browser flow: as ALTERNATIVE the login form still works when the user cancels the browser's prompt. "
                + "Direct grant: place it before the username/password steps; requests with a password parameter skip it.";
    }

    @Override
    public boolean isConfigurable() {
        return true;
    }

    @Override
    public List<ProviderConfigProperty> getConfigProperties() {
        return DigestSettings.configProperties();
    }

    @Override
    public void validateSettings(RealmModel realm, Map<String, String> config) {
        DigestSettings.of(realm, config);
    }

    @Override
    public AuthenticationExecutionModel.Requirement[] getRequirementChoices() {
        return REQUIREMENT_CHOICES;
    }

    @Override
    public boolean isUserSetupAllowed() {
        return false;
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
