package io.authbridge.digest;

import java.time.Duration;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.authbridge.common.FlowExecutions;
import io.authbridge.common.InvalidSettingsException;
import io.authbridge.digest.core.DigestAlgorithm;
import io.authbridge.digest.core.DigestQop;
import org.keycloak.models.RealmModel;
import org.keycloak.provider.ProviderConfigProperty;
import org.keycloak.provider.ProviderConfigurationBuilder;

/**
 * How a realm speaks HTTP Digest: realm string, algorithms, qop and nonce lifetime. Read from a Digest step's
 * configuration in the admin console; every property has a safe default (SHA-256, no MD5), and a value that cannot
 * work is refused when the admin saves it ({@link #parse}), never replaced by a default at request time.
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

    /** What Digest users and Digest clients are told while a step's settings are invalid. */
    public static final String LOGIN_UNAVAILABLE = "HTTP Digest login is not available";
    public static final String CLIENT_AUTHENTICATION_UNAVAILABLE = "HTTP Digest client authentication is not available";

    /** Accepted nonce lifetimes: long enough for a slow client's two requests, short enough to bound replays. */
    public static final int MIN_NONCE_LIFETIME_SECONDS = 10;
    public static final int MAX_NONCE_LIFETIME_SECONDS = 86_400;
    /** The digest realm goes into every challenge and into every stored HA1: printable ASCII, at most this long. */
    public static final int MAX_DIGEST_REALM_LENGTH = 128;

    /**
     * The settings an admin saved for a Digest step (blank or absent values take their defaults).
     *
     * @param realmName the Keycloak realm's name, the digest realm string when none is set
     * @throws InvalidSettingsException naming the setting as the admin console labels it
     */
    public static DigestSettings parse(Map<String, String> config, String realmName) {
        Map<String, String> c = config == null ? Map.of() : config;
        String configured = c.get(DIGEST_REALM);
        String digestRealm = configured == null || configured.isBlank() ? realmName : configured;
        if (!isPrintableAscii(digestRealm) || digestRealm.length() > MAX_DIGEST_REALM_LENGTH) {
            throw new InvalidSettingsException(configured == null || configured.isBlank()
                    ? "Digest realm: the Keycloak realm's name cannot be sent in a Digest challenge; set a Digest realm "
                    + "of printable ASCII characters (at most " + MAX_DIGEST_REALM_LENGTH + ")"
                    : "Digest realm: printable ASCII characters only, at most " + MAX_DIGEST_REALM_LENGTH);
        }
        Set<DigestAlgorithm> algorithms = EnumSet.noneOf(DigestAlgorithm.class);
        for (String token : split(blankToDefault(c.get(ALGORITHMS), DEFAULT_ALGORITHMS))) {
            algorithms.add(DigestAlgorithm.fromToken(token).orElseThrow(() -> new InvalidSettingsException(
                    "Algorithms: unknown algorithm \"" + printable(token) + "\"; choose from SHA-256, SHA-512-256, MD5")));
        }
        Set<DigestQop> qops = EnumSet.noneOf(DigestQop.class);
        for (String token : split(blankToDefault(c.get(QOP), DEFAULT_QOP))) {
            qops.add(DigestQop.fromToken(token).orElseThrow(() -> new InvalidSettingsException(
                    "Quality of protection: unknown value \"" + printable(token) + "\"; choose auth, auth-int or both")));
        }
        if (algorithms.isEmpty()) {
            throw new InvalidSettingsException("Algorithms: choose at least one");
        }
        if (qops.isEmpty()) {
            throw new InvalidSettingsException("Quality of protection: choose auth, auth-int or both");
        }
        String lifetimeText = blankToDefault(c.get(NONCE_LIFETIME), String.valueOf(DEFAULT_NONCE_LIFETIME_SECONDS)).strip();
        int lifetime;
        try {
            lifetime = Integer.parseInt(lifetimeText);
        } catch (NumberFormatException e) {
            lifetime = -1;
        }
        if (lifetime < MIN_NONCE_LIFETIME_SECONDS || lifetime > MAX_NONCE_LIFETIME_SECONDS) {
            throw new InvalidSettingsException("Nonce lifetime (seconds): a whole number from " + MIN_NONCE_LIFETIME_SECONDS
                    + " to " + MAX_NONCE_LIFETIME_SECONDS);
        }
        return new DigestSettings(digestRealm, algorithms, qops, Duration.ofSeconds(lifetime));
    }

    /** The settings of a Digest step in {@code realm} (see {@link #parse}). */
    public static DigestSettings of(RealmModel realm, Map<String, String> config) {
        return parse(config, realm.getName());
    }

    /** The defaults, as a step without saved settings has them. */
    public static DigestSettings defaults(RealmModel realm) {
        return of(realm, Map.of());
    }

    /**
     * The settings of the realm's own Digest user login, for HA1s that must verify there: the Digest step of its
     * direct-grant flow, else of its browser flow, else of the first flow a client can bind as its override, else the
     * defaults (the realm's name, SHA-256).
     *
     * @throws InvalidSettingsException when that step's stored settings are invalid: the admin's to fix first
     */
    public static DigestSettings forRealmLogin(RealmModel realm) {
        Map<String, String> config = FlowExecutions.inUserFlow(realm, null, FlowExecutions.Binding.DIRECT_GRANT, DigestProviderIds.DIRECT_GRANT_STEPS)
                .or(() -> FlowExecutions.inUserFlow(realm, null, FlowExecutions.Binding.BROWSER, Set.of(DigestProviderIds.BROWSER_AUTHENTICATOR)))
                .or(() -> FlowExecutions.inOverridableDirectGrantFlows(realm, DigestProviderIds.DIRECT_GRANT_STEPS).findFirst())
                .map(FlowExecutions.Found::config)
                .orElse(Map.of());
        return of(realm, config);
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
                .helpText("How long a server nonce is accepted, " + MIN_NONCE_LIFETIME_SECONDS + " to " + MAX_NONCE_LIFETIME_SECONDS + " seconds. An expired but genuine nonce is answered with stale=true, "
                        + "so clients retry without asking the user again.")
                .type(ProviderConfigProperty.STRING_TYPE)
                .defaultValue(String.valueOf(DEFAULT_NONCE_LIFETIME_SECONDS)).add()
                .build();
    }

    private static String blankToDefault(String value, String fallback) {
        return value == null || value.isBlank() ? fallback : value;
    }

    private static boolean isPrintableAscii(String value) {
        return !value.isEmpty() && value.chars().allMatch(c -> c >= 0x20 && c <= 0x7E);
    }

    /** An admin's input echoed in a message: cut short, control characters dropped. */
    private static String printable(String value) {
        String shown = value.codePoints().filter(c -> c >= 0x20 && c != 0x7F)
                .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append).toString();
        return shown.length() > 40 ? shown.substring(0, 40) + "…" : shown;
    }

    private static List<String> split(String value) {
        return Arrays.stream(value.split(MULTIVALUED_SEPARATOR + "|,")).map(String::strip).filter(s -> !s.isEmpty()).toList();
    }
}
