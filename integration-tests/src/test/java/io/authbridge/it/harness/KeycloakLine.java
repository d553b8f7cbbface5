package io.authbridge.it.harness;

/**
 * The Keycloak line of the distribution under test ({@code -Dkeycloak.dist.version}), for the few assertions whose
 * answer the README's compatibility table says differs between lines.
 */
public record KeycloakLine(int major, int minor) {

    public static KeycloakLine current() {
        return parse(System.getProperty("keycloak.dist.version", ""));
    }

    static KeycloakLine parse(String version) {
        String[] parts = version.split("\\.");
        if (parts.length < 2) {
            throw new IllegalStateException("keycloak.dist.version is not set (e.g. 26.7.5): '" + version + "'");
        }
        return new KeycloakLine(Integer.parseInt(parts[0]), Integer.parseInt(parts[1]));
    }

    /** Whether this line is {@code line} (e.g. "26.4") or a later one. */
    public boolean atLeast(String line) {
        KeycloakLine other = parse(line);
        return major != other.major ? major > other.major : minor >= other.minor;
    }

    /**
     * Whether this line raises the client-policy event for token exchange (26.2+); on 26.0 the cookie exchange is
     * refused while the realm has an enabled client policy (README "Compatibility").
     */
    public boolean raisesTokenExchangePolicyEvent() {
        return atLeast("26.2");
    }

    @Override
    public String toString() {
        return major + "." + minor;
    }
}
