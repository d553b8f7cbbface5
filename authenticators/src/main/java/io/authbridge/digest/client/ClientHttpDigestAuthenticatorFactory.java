package io.authbridge.digest.client;

import java.util.List;
import java.util.Map;
import java.util.Set;

import io.authbridge.digest.DigestSettings;
import org.keycloak.Config;
import org.keycloak.authentication.ClientAuthenticator;
import org.keycloak.authentication.ClientAuthenticatorFactory;
import org.keycloak.models.AuthenticationExecutionModel;
import org.keycloak.models.ClientModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.provider.ProviderConfigProperty;

/**
 * Client authenticator {@value #PROVIDER_ID}: client_id and client secret over HTTP Digest.
 * <p>
 * Like every client authenticator it works only once it is an execution of the realm's client-authentication flow
 * (ALTERNATIVE, beside Keycloak's own), which the admin adds: Keycloak's built-in {@code clients} flow cannot be
 * edited, so the admin duplicates it, adds {@value #PROVIDER_ID} and binds the copy as the realm's client
 * authentication flow (or does the same in the realm JSON). The execution's configuration holds the Digest settings.
 */
public class ClientHttpDigestAuthenticatorFactory implements ClientAuthenticatorFactory {

    public static final String PROVIDER_ID = "client-http-digest";

    private static final ClientHttpDigestAuthenticator SINGLETON = new ClientHttpDigestAuthenticator();
    private static final AuthenticationExecutionModel.Requirement[] REQUIREMENT_CHOICES = {
            AuthenticationExecutionModel.Requirement.ALTERNATIVE,
            AuthenticationExecutionModel.Requirement.DISABLED};

    @Override
    public ClientAuthenticator create() {
        return SINGLETON;
    }

    @Override
    public ClientAuthenticator create(KeycloakSession session) {
        return SINGLETON;
    }

    @Override
    public String getId() {
        return PROVIDER_ID;
    }

    @Override
    public String getDisplayType() {
        return "HTTP Digest with client secret";
    }

    @Override
    public String getHelpText() {
        return "AuthBridge: the client authenticates with HTTP Digest (RFC 7616), client_id as the user name and the "
                + "client secret as the password (e.g. curl --digest -u client:secret). The rotated secret is accepted "
                + "during its grace period. Add it as ALTERNATIVE to the realm's client authentication flow.";
    }

    @Override
    public String getReferenceCategory() {
        return null;
    }

    @Override
    public boolean isConfigurable() {
        return true;
    }

    /** The Digest settings, set on the execution in the client authentication flow. */
    @Override
    public List<ProviderConfigProperty> getConfigProperties() {
        return DigestSettings.configProperties();
    }

    @Override
    public List<ProviderConfigProperty> getConfigPropertiesPerClient() {
        return List.of();
    }

    @Override
    public AuthenticationExecutionModel.Requirement[] getRequirementChoices() {
        return REQUIREMENT_CHOICES;
    }

    @Override
    public boolean isUserSetupAllowed() {
        return false;
    }

    /** The console shows and regenerates the client secret for this authenticator, as for "Client Id and Secret". */
    @Override
    public boolean supportsSecret() {
        return true;
    }

    /** Adapters have no Digest support: nothing to put in an adapter configuration. */
    @Override
    public Map<String, Object> getAdapterConfiguration(KeycloakSession session, ClientModel client) {
        return Map.of();
    }

    /** No OIDC {@code token_endpoint_auth_method} names HTTP Digest, so none is advertised in the discovery document. */
    @Override
    public Set<String> getProtocolAuthenticatorMethods(String loginProtocol) {
        return Set.of();
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
