package io.authbridge.digest.enroll;

import java.util.List;
import java.util.Map;

import io.authbridge.common.ValidatedSettings;
import io.authbridge.digest.DigestProviderIds;
import io.authbridge.digest.DigestSettings;
import io.authbridge.digest.credential.DigestHa1CredentialModel;
import org.keycloak.Config;
import org.keycloak.authentication.Authenticator;
import org.keycloak.authentication.AuthenticatorFactory;
import org.keycloak.models.AuthenticationExecutionModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.models.RealmModel;
import org.keycloak.provider.ProviderConfigProperty;

public class DigestEnrollAuthenticatorFactory implements AuthenticatorFactory, ValidatedSettings {

    public static final String PROVIDER_ID = DigestProviderIds.ENROLL;

    private static final DigestEnrollAuthenticator SINGLETON = new DigestEnrollAuthenticator();
    private static final AuthenticationExecutionModel.Requirement[] REQUIREMENT_CHOICES = {
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
        return "HTTP Digest enrolment (store HA1)";
    }

    @Override
    public String getReferenceCategory() {
        return DigestHa1CredentialModel.TYPE;
    }

    @Override
    public String getHelpText() {
        return "AuthBridge: after the password step, derives HTTP Digest HA1 hashes from the verified password and stores "
                + "them (credential digest-ha1) for the configured digest realm and algorithms. Use the same digest realm "
                + "and algorithms as the http-digest authenticator.";
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
