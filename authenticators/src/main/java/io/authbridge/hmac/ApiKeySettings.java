package io.authbridge.hmac;

import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.keycloak.models.AuthenticationExecutionModel;
import org.keycloak.models.AuthenticatorConfigModel;
import org.keycloak.models.RealmModel;
import org.keycloak.provider.ProviderConfigProperty;
import org.keycloak.provider.ProviderConfigurationBuilder;
import io.authbridge.hmac.client.ClientHmacSignatureAuthenticatorFactory;

/**
 * The realm's API-key settings: the configuration of the {@code client-hmac-signature} execution in the realm's
 * client authentication flow, shared by the token endpoint and the legacy {@code api-key} endpoint. Defaults apply
 * where the execution has no configuration.
 *
 * @param maxAgeSeconds    how old a request's timestamp may be (legacy rule: 30 minutes); also how long a used
 *                         signature is remembered
 * @param clockSkewSeconds how far ahead of the server's clock a timestamp may be
 * @param maxFailures      wrong signatures for one API key before it is locked; 0 turns the lockout off
 * @param lockoutSeconds   how long a lockout lasts, and how long each wrong signature counts towards one
 */
public record ApiKeySettings(long maxAgeSeconds, long clockSkewSeconds, int maxFailures, long lockoutSeconds) {

    public static final String MAX_AGE = "hmac.max-age-seconds";
    public static final String CLOCK_SKEW = "hmac.clock-skew-seconds";
    public static final String MAX_FAILURES = "hmac.max-failures";
    public static final String LOCKOUT = "hmac.lockout-seconds";

    public static final ApiKeySettings DEFAULTS = new ApiKeySettings(1800, 300, 10, 300);

    public ApiKeySettings {
        if (maxAgeSeconds < 1 || clockSkewSeconds < 0 || maxFailures < 0 || lockoutSeconds < 1) {
            throw new IllegalArgumentException("API-key settings out of range");
        }
    }

    /** Settings from an execution's configuration; a missing or invalid value takes its default. */
    public static ApiKeySettings from(Map<String, String> config) {
        return new ApiKeySettings(
                positive(config.get(MAX_AGE), DEFAULTS.maxAgeSeconds, 1),
                positive(config.get(CLOCK_SKEW), DEFAULTS.clockSkewSeconds, 0),
                (int) positive(config.get(MAX_FAILURES), DEFAULTS.maxFailures, 0),
                positive(config.get(LOCKOUT), DEFAULTS.lockoutSeconds, 1));
    }

    /** The settings of the realm's {@code client-hmac-signature} execution (client authentication flow), or the defaults. */
    public static ApiKeySettings forRealm(RealmModel realm) {
        String flowId = realm.getClientAuthenticationFlow() == null ? null : realm.getClientAuthenticationFlow().getId();
        if (flowId == null) {
            return DEFAULTS;
        }
        return realm.getAuthenticationExecutionsStream(flowId)
                .filter(e -> ClientHmacSignatureAuthenticatorFactory.PROVIDER_ID.equals(e.getAuthenticator()))
                .map(AuthenticationExecutionModel::getAuthenticatorConfig)
                .filter(Objects::nonNull)
                .map(realm::getAuthenticatorConfigById)
                .filter(Objects::nonNull)
                .map(AuthenticatorConfigModel::getConfig)
                .map(ApiKeySettings::from)
                .findFirst()
                .orElse(DEFAULTS);
    }

    public static List<ProviderConfigProperty> configProperties() {
        return ProviderConfigurationBuilder.create()
                .property().name(MAX_AGE).label("Maximum timestamp age (seconds)")
                .helpText("How old the timestamp of a signed request may be. The legacy platform allowed 30 minutes "
                        + "(1800). A used signature is remembered this long, so it cannot be replayed.")
                .type(ProviderConfigProperty.STRING_TYPE).defaultValue(String.valueOf(DEFAULTS.maxAgeSeconds)).add()
                .property().name(CLOCK_SKEW).label("Allowed clock skew (seconds)")
                .helpText("How far ahead of this server's clock a timestamp may be; later ones are refused, so a "
                        + "signature cannot be made today and used next month.")
                .type(ProviderConfigProperty.STRING_TYPE).defaultValue(String.valueOf(DEFAULTS.clockSkewSeconds)).add()
                .property().name(MAX_FAILURES).label("Wrong signatures before lockout")
                .helpText("Wrong signatures for one API key, each counted for the lockout duration, after which the "
                        + "key is refused for that duration even with a correct signature. 0 turns the lockout off.")
                .type(ProviderConfigProperty.STRING_TYPE).defaultValue(String.valueOf(DEFAULTS.maxFailures)).add()
                .property().name(LOCKOUT).label("Lockout duration (seconds)")
                .helpText("How long an API key stays locked, and how long each wrong signature counts.")
                .type(ProviderConfigProperty.STRING_TYPE).defaultValue(String.valueOf(DEFAULTS.lockoutSeconds)).add()
                .build();
    }

    private static long positive(String value, long fallback, long min) {
        try {
            long parsed = value == null || value.isBlank() ? fallback : Long.parseLong(value.trim());
            return parsed < min ? fallback : parsed;
        } catch (NumberFormatException e) {
            return fallback;
        }
    }
}
