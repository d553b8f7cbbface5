package io.authbridge.hmac.client;

import java.util.List;
import java.util.Map;

import io.authbridge.common.SecretKeyedClientAuthenticatorFactory;
import io.authbridge.common.ValidatedSettings;
import io.authbridge.hmac.ApiKeyClientConfig;
import io.authbridge.hmac.ApiKeySettings;
import io.authbridge.hmac.HmacProviderIds;
import org.keycloak.authentication.ClientAuthenticator;
import org.keycloak.models.ClientModel;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.models.ModelValidationException;
import org.keycloak.models.RealmModel;
import org.keycloak.provider.ProviderConfigProperty;

/**
 * Client authenticator {@value #PROVIDER_ID}: an API key (client_id) and an HMAC-SHA256 signature keyed with the
 * client secret, in the legacy platform's headers.
 * <p>
 * Like every client authenticator it works only as an execution of the realm's client authentication flow
 * (ALTERNATIVE, beside Keycloak's own): the admin duplicates the built-in {@code clients} flow, adds
 * {@value #PROVIDER_ID} and binds the copy. The execution's configuration holds the realm's API-key settings
 * ({@link ApiKeySettings}); each client's attributes hold its own ({@link ApiKeyClientConfig}), validated on save.
 */
public class ClientHmacSignatureAuthenticatorFactory extends SecretKeyedClientAuthenticatorFactory implements ValidatedSettings {

    public static final String PROVIDER_ID = HmacProviderIds.CLIENT_AUTHENTICATOR;

    private static final ClientHmacSignatureAuthenticator SINGLETON = new ClientHmacSignatureAuthenticator();

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
        return "API key with HMAC signature";
    }

    @Override
    public String getHelpText() {
        return "AuthBridge: the client (API key = client_id) signs each request with HMAC-SHA256 keyed with its client "
                + "secret, in the legacy headers x-authentication-api-key, x-authentication-signature and "
                + "x-multitenant-external-id (timestamp in x-authentication-timestamp). Signatures are single-use and "
                + "time-limited; the rotated secret is accepted during its grace period. Add it as ALTERNATIVE to the "
                + "realm's client authentication flow.";
    }

    /** The realm's API-key settings, set on the execution in the client authentication flow. */
    @Override
    public List<ProviderConfigProperty> getConfigProperties() {
        return ApiKeySettings.configProperties();
    }

    /** Per API key: tenants, single-use signatures, signing mode (client attributes). */
    @Override
    public List<ProviderConfigProperty> getConfigPropertiesPerClient() {
        return ApiKeyClientConfig.configProperties();
    }

    @Override
    public void postInit(KeycloakSessionFactory factory) {
        // Refuse invalid API-key attributes when the client is saved (admin REST, console, realm import): Keycloak
        // answers a ModelValidationException with 400 and its message.
        factory.register(event -> {
            if (event instanceof ClientModel.ClientUpdatedEvent updated) {
                try {
                    ApiKeyClientConfig.of(updated.getUpdatedClient());
                } catch (IllegalArgumentException e) {
                    throw new ModelValidationException("Invalid API-key attribute: " + e.getMessage());
                }
            }
        });
    }

    @Override
    public void validateSettings(RealmModel realm, Map<String, String> config) {
        ApiKeySettings.parse(config);
    }
}
