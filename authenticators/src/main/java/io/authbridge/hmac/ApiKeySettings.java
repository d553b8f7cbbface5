package io.authbridge.hmac;

import java.util.List;
import java.util.Map;

import io.authbridge.common.FlowExecutions;
import io.authbridge.common.InvalidSettingsException;
import io.authbridge.common.MisconfiguredStep;
import jakarta.ws.rs.core.Response;
import org.keycloak.models.RealmModel;
import org.keycloak.provider.ProviderConfigProperty;
import org.keycloak.provider.ProviderConfigurationBuilder;

/**
 * The realm's API-key settings: the configuration of the {@code client-hmac-signature} execution in the realm's
 * client authentication flow, shared by the token endpoint and the legacy {@code api-key} endpoint. Defaults apply
 * where the execution has no configuration; values out of range are refused when the admin saves them.
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

    /** The limits of each setting; the admin console's help texts quote them. */
    static final long MAX_AGE_LIMIT = 86_400;
    static final long CLOCK_SKEW_LIMIT = 3_600;
    static final int MAX_FAILURES_LIMIT = 100;
    static final long LOCKOUT_LIMIT = 86_400;

    /**
     * The settings an admin saved on the {@code client-hmac-signature} execution; blank or absent values take their
     * defaults.
     *
     * @throws InvalidSettingsException naming the setting as the admin console labels it
     */
    public static ApiKeySettings parse(Map<String, String> config) {
        Map<String, String> c = config == null ? Map.of() : config;
        return new ApiKeySettings(
                number(c.get(MAX_AGE), DEFAULTS.maxAgeSeconds, 1, MAX_AGE_LIMIT, "Maximum timestamp age (seconds)"),
                number(c.get(CLOCK_SKEW), DEFAULTS.clockSkewSeconds, 0, CLOCK_SKEW_LIMIT, "Allowed clock skew (seconds)"),
                (int) number(c.get(MAX_FAILURES), DEFAULTS.maxFailures, 0, MAX_FAILURES_LIMIT, "Wrong signatures before lockout"),
                number(c.get(LOCKOUT), DEFAULTS.lockoutSeconds, 1, LOCKOUT_LIMIT, "Lockout duration (seconds)"));
    }

    /**
     * The settings of the {@code client-hmac-signature} execution Keycloak runs in the realm's client authentication
     * flow, or the defaults when it runs none.
     *
     * @throws InvalidSettingsException the execution's settings are invalid (stored by a realm import)
     */
    public static ApiKeySettings forRealm(RealmModel realm) {
        return FlowExecutions.inClientFlow(realm, HmacProviderIds.CLIENT_AUTHENTICATOR)
                .map(found -> parse(found.config()))
                .orElse(DEFAULTS);
    }

    /** The event reason when the realm's API-key settings are invalid. */
    public static final String MISCONFIGURED_REASON = MisconfiguredStep.reason(HmacProviderIds.CLIENT_AUTHENTICATOR);

    /** The answer to an API-key request while the realm's settings are invalid: a 503, an ERROR for the operator. */
    public static Response misconfigured(RealmModel realm, InvalidSettingsException e) {
        MisconfiguredStep.log(realm, HmacProviderIds.CLIENT_AUTHENTICATOR, null, e);
        return MisconfiguredStep.response("API-key authentication is not available");
    }

    public static List<ProviderConfigProperty> configProperties() {
        return ProviderConfigurationBuilder.create()
                .property().name(MAX_AGE).label("Maximum timestamp age (seconds)")
                .helpText("How old the timestamp of a signed request may be, 1 to " + MAX_AGE_LIMIT + " seconds. The legacy platform "
                        + "allowed 30 minutes (1800). A used signature is remembered this long, so it cannot be replayed.")
                .type(ProviderConfigProperty.STRING_TYPE).defaultValue(String.valueOf(DEFAULTS.maxAgeSeconds)).add()
                .property().name(CLOCK_SKEW).label("Allowed clock skew (seconds)")
                .helpText("How far ahead of this server's clock a timestamp may be, 0 to " + CLOCK_SKEW_LIMIT + " seconds; later ones are refused, so a "
                        + "signature cannot be made today and used next month.")
                .type(ProviderConfigProperty.STRING_TYPE).defaultValue(String.valueOf(DEFAULTS.clockSkewSeconds)).add()
                .property().name(MAX_FAILURES).label("Wrong signatures before lockout")
                .helpText("Wrong signatures (0 to " + MAX_FAILURES_LIMIT + ") for one API key, each counted for the lockout duration, after which the "
                        + "key is refused for that duration even with a correct signature. 0 turns the lockout off.")
                .type(ProviderConfigProperty.STRING_TYPE).defaultValue(String.valueOf(DEFAULTS.maxFailures)).add()
                .property().name(LOCKOUT).label("Lockout duration (seconds)")
                .helpText("How long an API key stays locked, and how long each wrong signature counts: 1 to " + LOCKOUT_LIMIT + " seconds.")
                .type(ProviderConfigProperty.STRING_TYPE).defaultValue(String.valueOf(DEFAULTS.lockoutSeconds)).add()
                .build();
    }

    private static long number(String value, long fallback, long min, long max, String label) {
        if (value == null || value.isBlank()) {
            return fallback;
        }
        long parsed;
        try {
            parsed = Long.parseLong(value.strip());
        } catch (NumberFormatException e) {
            parsed = min - 1;
        }
        if (parsed < min || parsed > max) {
            throw new InvalidSettingsException(label + ": a whole number from " + min + " to " + max);
        }
        return parsed;
    }
}
