package io.authbridge.hmac.core;

import java.util.Locale;

/** What an API-key signature covers; chosen per client by the admin. */
public enum SigningMode {

    /**
     * The legacy platform's rule: HMAC of the minified JSON body {@code {"timestamp":…}}. Any of the forms in
     * {@link LegacySignedMessages} is accepted. The signature does not cover the tenant, method or path.
     */
    LEGACY("legacy"),

    /** HMAC of the {@link StrictCanonicalRequest}: timestamp, method, path, tenant and a hash of the body. */
    STRICT("strict");

    private final String configValue;

    SigningMode(String configValue) {
        this.configValue = configValue;
    }

    public String configValue() {
        return configValue;
    }

    /** The mode named by a client attribute; absent or blank means {@link #LEGACY}. */
    public static SigningMode fromConfig(String value) {
        if (value == null || value.isBlank()) {
            return LEGACY;
        }
        String normalized = value.trim().toLowerCase(Locale.ROOT);
        for (SigningMode mode : values()) {
            if (mode.configValue.equals(normalized)) {
                return mode;
            }
        }
        throw new IllegalArgumentException("Unknown signing mode '" + value + "'; expected legacy or strict");
    }
}
