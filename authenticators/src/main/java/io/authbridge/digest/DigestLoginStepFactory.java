package io.authbridge.digest;

import java.util.List;
import java.util.Map;

import io.authbridge.common.ValidatedSettings;
import org.keycloak.Config;
import org.keycloak.authentication.Authenticator;
import org.keycloak.authentication.AuthenticatorFactory;
import org.keycloak.models.AuthenticationExecutionModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.models.RealmModel;
import org.keycloak.models.credential.PasswordCredentialModel;
import org.keycloak.provider.ProviderConfigProperty;

/**
 * What the factories of the browser and direct-grant Digest steps share: the settings (checked when the admin saves
 * them), the requirement choices, and the password reference category.
 */
public abstract class DigestLoginStepFactory implements AuthenticatorFactory, ValidatedSettings {

    private static final AuthenticationExecutionModel.Requirement[] REQUIREMENT_CHOICES = {
            AuthenticationExecutionModel.Requirement.ALTERNATIVE,
            AuthenticationExecutionModel.Requirement.REQUIRED,
            AuthenticationExecutionModel.Requirement.DISABLED};

    /** The step: stateless, so one instance serves every request. */
    protected abstract DigestLoginStep step();

    @Override
    public final Authenticator create(KeycloakSession session) {
        return step();
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
