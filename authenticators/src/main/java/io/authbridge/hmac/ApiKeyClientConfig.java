package io.authbridge.hmac;

import java.util.List;
import java.util.Locale;
import java.util.function.Function;

import io.authbridge.hmac.core.SigningMode;
import io.authbridge.hmac.core.TenantList;
import org.keycloak.models.ClientModel;
import org.keycloak.provider.ProviderConfigProperty;
import org.keycloak.provider.ProviderConfigurationBuilder;

/**
 * What an admin sets per API key, as client attributes (admin console: the client's attributes; realm JSON:
 * {@code attributes}). Validated when the client is saved.
 *
 * @param tenants          {@value #TENANTS}: the tenants the key may act for
 * @param replayProtection {@value #REPLAY_PROTECTION}: each signature usable once (default true)
 * @param signingMode      {@value #SIGNING_MODE}: {@code legacy} (default) or {@code strict}
 */
public record ApiKeyClientConfig(TenantList tenants, boolean replayProtection, SigningMode signingMode) {

    public static final String TENANTS = "authbridge.tenants";
    public static final String REPLAY_PROTECTION = "authbridge.hmac.replay-protection";
    public static final String SIGNING_MODE = "authbridge.hmac.signing-mode";

    /**
     * @throws IllegalArgumentException an attribute has a value AuthBridge does not understand (refused at save time,
     *                                  so only a client stored before AuthBridge was installed can have one)
     */
    public static ApiKeyClientConfig of(ClientModel client) {
        return new ApiKeyClientConfig(
                attribute(client, TENANTS, TenantList::parse),
                attribute(client, REPLAY_PROTECTION, ApiKeyClientConfig::parseBoolean),
                attribute(client, SIGNING_MODE, SigningMode::fromConfig));
    }

    /** Parses one attribute; an error names it, so the admin sees which one to fix. */
    private static <T> T attribute(ClientModel client, String name, Function<String, T> parser) {
        try {
            return parser.apply(client.getAttribute(name));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(name + ": " + e.getMessage(), e);
        }
    }

    private static boolean parseBoolean(String value) {
        if (value == null || value.isBlank()) {
            return true;
        }
        return switch (value.trim().toLowerCase(Locale.ROOT)) {
            case "true" -> true;
            case "false" -> false;
            default -> throw new IllegalArgumentException("must be true or false");
        };
    }

    /** The per-client settings, as the client authenticator lists them for the admin console. */
    public static List<ProviderConfigProperty> configProperties() {
        return ProviderConfigurationBuilder.create()
                .property().name(TENANTS).label("Tenants")
                .helpText("Tenant ids (x-multitenant-external-id) this API key may act for, separated by commas, or * "
                        + "for any tenant. With a value, every request must name one of them; without, requests must "
                        + "not name a tenant. The tenant goes into the user-session note authbridge.tenant (map it to "
                        + "a claim with a 'User Session Note' mapper).")
                .type(ProviderConfigProperty.STRING_TYPE).add()
                .property().name(REPLAY_PROTECTION).label("Single-use signatures")
                .helpText("Refuse a signature that was already used (remembered cluster-wide for the maximum timestamp "
                        + "age). Turn off only for a legacy caller that re-sends the same signed request.")
                .type(ProviderConfigProperty.BOOLEAN_TYPE).defaultValue("true").add()
                .property().name(SIGNING_MODE).label("Signing mode")
                .helpText("legacy: the signature covers {\"timestamp\":…} only, as the legacy platform defined it. "
                        + "strict: it also covers method, path, tenant and a SHA-256 of the body (see the README).")
                .type(ProviderConfigProperty.LIST_TYPE).options("legacy", "strict").defaultValue("legacy").add()
                .build();
    }
}
