package io.authbridge.common;

import java.util.List;
import java.util.Map;
import java.util.Set;

import org.keycloak.Config;
import org.keycloak.authentication.ClientAuthenticator;
import org.keycloak.authentication.ClientAuthenticatorFactory;
import org.keycloak.models.AuthenticationExecutionModel;
import org.keycloak.models.ClientModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.provider.ProviderConfigProperty;

/**
 * What AuthBridge's client authenticators have in common: a stateless authenticator keyed with the client secret
 * (which the admin console then shows, regenerates and rotates), added as ALTERNATIVE to the realm's client
 * authentication flow with its realm-wide settings on that execution, and no OIDC {@code token_endpoint_auth_method}
 * or adapter configuration to advertise, since no standard names these schemes. A subclass names itself, describes
 * itself for the console, lists its settings and returns its authenticator.
 */
public abstract class SecretKeyedClientAuthenticatorFactory implements ClientAuthenticatorFactory {

    private static final AuthenticationExecutionModel.Requirement[] REQUIREMENT_CHOICES = {
            AuthenticationExecutionModel.Requirement.ALTERNATIVE,
            AuthenticationExecutionModel.Requirement.DISABLED};

    /** The authenticator: stateless, so one instance serves every request. */
    protected abstract ClientAuthenticator authenticator();

    @Override
    public final ClientAuthenticator create() {
        return authenticator();
    }

    @Override
    public final ClientAuthenticator create(KeycloakSession session) {
        return authenticator();
    }

    @Override
    public String getReferenceCategory() {
        return null;
    }

    /** The realm-wide settings live on the execution in the client authentication flow. */
    @Override
    public boolean isConfigurable() {
        return true;
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

    /** The console shows, regenerates and rotates the client secret, which is this authenticator's key. */
    @Override
    public boolean supportsSecret() {
        return true;
    }

    /**
     * Keycloak's adapters know nothing of these schemes: nothing to put in an adapter configuration. Keycloak 26.0–26.4
     * call this one-argument form…
     */
    @Override
    public Map<String, Object> getAdapterConfiguration(ClientModel client) {
        return Map.of();
    }

    /** …and 26.5 onwards the form with the session (no {@code @Override}: the interface compiled against lacks it). */
    public Map<String, Object> getAdapterConfiguration(KeycloakSession session, ClientModel client) {
        return getAdapterConfiguration(client);
    }

    /** No OIDC {@code token_endpoint_auth_method} names these schemes, so none is advertised in the discovery document. */
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
