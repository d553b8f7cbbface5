package io.authbridge.digest.client;

import java.util.List;
import java.util.Map;

import io.authbridge.common.SecretKeyedClientAuthenticatorFactory;
import io.authbridge.common.ValidatedSettings;
import io.authbridge.digest.DigestProviderIds;
import io.authbridge.digest.DigestSettings;
import org.keycloak.authentication.ClientAuthenticator;
import org.keycloak.models.RealmModel;
import org.keycloak.provider.ProviderConfigProperty;

/**
 * Client authenticator {@value #PROVIDER_ID}: client_id and client secret over HTTP Digest.
 * <p>
 * Like every client authenticator it works only once it is an execution of the realm's client-authentication flow
 * (ALTERNATIVE, beside Keycloak's own), which the admin adds: Keycloak's built-in {@code clients} flow cannot be
 * edited, so the admin duplicates it, adds {@value #PROVIDER_ID} and binds the copy as the realm's client
 * authentication flow (or does the same in the realm JSON). The execution's configuration holds the Digest settings.
 */
public class ClientHttpDigestAuthenticatorFactory extends SecretKeyedClientAuthenticatorFactory implements ValidatedSettings {

    public static final String PROVIDER_ID = DigestProviderIds.CLIENT_AUTHENTICATOR;

    private static final ClientHttpDigestAuthenticator SINGLETON = new ClientHttpDigestAuthenticator();

    @Override
    protected ClientAuthenticator authenticator() {
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

    /** The Digest settings, set on the execution in the client authentication flow. */
    @Override
    public List<ProviderConfigProperty> getConfigProperties() {
        return DigestSettings.configProperties();
    }

    @Override
    public void validateSettings(RealmModel realm, Map<String, String> config) {
        DigestSettings.of(realm, config);
    }
}
