package io.authbridge.digest;

import java.time.Duration;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.authbridge.digest.core.DigestAlgorithm;
import io.authbridge.digest.core.DigestQop;
import org.keycloak.models.AuthenticatorConfigModel;
import org.keycloak.models.RealmModel;
import org.keycloak.provider.ProviderConfigProperty;
import org.keycloak.provider.ProviderConfigurationBuilder;

/**
 * How a realm speaks HTTP Digest: realm string, algorithms, qop and nonce lifetime. Read from an authenticator's
 * configuration in the admin console; every property has a safe default (SHA-256, no MD5).
 */
public record DigestSettings(String digestRealm, Set<DigestAlgorithm> algorithms, Set<DigestQop> qops, Duration nonceLifetime) {

    public static final String DIGEST_REALM = "digest.realm";
    public static final String ALGORITHMS = "digest.algorithms";
    public static final String QOP = "digest.qop";
    public static final String NONCE_LIFETIME = "digest.nonce-lifetime-seconds";

    // SHA-256 only by default: it is RFC 7616's must-implement algorithm, and widely deployed clients get SHA-512-256
    // wrong (curl before 8.8 hashes it as SHA-256), so offering it first would lock them out.
    static final String DEFAULT_ALGORITHMS = "SHA-256";
    static final String DEFAULT_QOP = "auth##auth-int";
    static final int DEFAULT_NONCE_LIFETIME_SECONDS = 300;

    /** Keycloak stores multi-valued config as one string joined by "##". */
    private static final String MULTIVALUED_SEPARATOR = "##";

    public static DigestSettings from(Map<String, String> config, RealmModel realm) {
        Map<String, String> c = config == null ? Map.of() : config;
        String digestRealm = blankToDefault(c.get(DIGEST_REALM), realm.getName());
        Set<DigestAlgorithm> algorithms = EnumSet.noneOf(DigestAlgorithm.class);
        for (String token : split(blankToDefault(c.get(ALGORITHMS), DEFAULT_ALGORITHMS))) {
            DigestAlgorithm.fromToken(token).ifPresent(algorithms::add);
        }
        Set<DigestQop> qops = EnumSet.noneOf(DigestQop.class);
        for (String token : split(blankToDefault(c.get(QOP), DEFAULT_QOP))) {
            DigestQop.fromToken(token).ifPresent(qops::add);
        }
        if (algorithms.isEmpty()) {
            algorithms = EnumSet.of(DigestAlgorithm.SHA_256);
        }
        if (qops.isEmpty()) {
            qops = EnumSet.of(DigestQop.AUTH);
        }
        int lifetime;
        try {
            lifetime = Integer.parseInt(blankToDefault(c.get(NONCE_LIFETIME), String.valueOf(DEFAULT_NONCE_LIFETIME_SECONDS)).strip());
        } catch (NumberFormatException e) {
            lifetime = DEFAULT_NONCE_LIFETIME_SECONDS;
        }
        return new DigestSettings(digestRealm, algorithms, qops, Duration.ofSeconds(Math.max(10, lifetime)));
    }

    /** The settings of an authenticator's configuration in the admin console; the defaults where it has none. */
    public static DigestSettings from(AuthenticatorConfigModel config, RealmModel realm) {
        return from(config == null ? null : config.getConfig(), realm);
    }

    /** RFC 2069/2617 clients that send no qop are accepted only with MD5 enabled, as those clients only know MD5. */
    public boolean allowsLegacyNoQop() {
        return algorithms.contains(DigestAlgorithm.MD5);
    }

    public static List<ProviderConfigProperty> configProperties() {
        return ProviderConfigurationBuilder.create()
                .property().name(DIGEST_REALM).label("Digest realm")
                .helpText("The realm string clients see in the challenge and hash into HA1 (default: the Keycloak realm's name). "
                        + "Stored HA1 hashes are valid only for this string: keep it equal to the legacy system's to reuse imported hashes.")
                .type(ProviderConfigProperty.STRING_TYPE).add()
                .property().name(ALGORITHMS).label("Algorithms")
                .helpText("Algorithms offered, strongest first in the challenge (clients take the first they support). "
                        + "SHA-512-256 is off by default: curl before 8.8 computes it wrongly. MD5 is for legacy clients only "
                        + "(RFC 2617); enabling it also accepts clients that send no qop.")
                .type(ProviderConfigProperty.MULTIVALUED_LIST_TYPE)
                .options(Arrays.stream(DigestAlgorithm.values()).map(DigestAlgorithm::token).toList())
                .defaultValue(DEFAULT_ALGORITHMS).add()
                .property().name(QOP).label("Quality of protection")
                .helpText("auth protects method and URI; auth-int also the request body (offered only where the body can be read).")
                .type(ProviderConfigProperty.MULTIVALUED_LIST_TYPE)
                .options(List.of("auth", "auth-int"))
                .defaultValue(DEFAULT_QOP).add()
                .property().name(NONCE_LIFETIME).label("Nonce lifetime (seconds)")
                .helpText("How long a server nonce is accepted. An expired but genuine nonce is answered with stale=true, "
                        + "so clients retry without asking the user again.")
                .type(ProviderConfigProperty.STRING_TYPE)
                .defaultValue(String.valueOf(DEFAULT_NONCE_LIFETIME_SECONDS)).add()
                .build();
    }

    private static String blankToDefault(String value, String fallback) {
        return value == null || value.isBlank() ? fallback : value;
    }

    private static List<String> split(String value) {
        return Arrays.stream(value.split(MULTIVALUED_SEPARATOR + "|,")).map(String::strip).filter(s -> !s.isEmpty()).toList();
    }
}
