package io.authbridge.benchmarks;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.Optional;

/**
 * Run parameters, each overridable with {@code -Dname=value} on the Maven command line (the Gatling plugin
 * passes Maven's system properties on to the Gatling JVM).
 */
record BenchSettings(URI baseUrl, String adminUser, String adminPassword, int users, Duration warmup, Duration measure,
                     int rounds, Duration leadIn, int ssoSessions, Optional<URI> secondNode) {

    static BenchSettings fromSystemProperties() {
        return new BenchSettings(
                baseUrlFromSystemProperties(),
                System.getProperty("adminUser", "admin"),
                System.getProperty("adminPassword", "admin"),
                positiveInt("users", 8),
                Duration.ofSeconds(positiveInt("warmupSeconds", 60)),
                Duration.ofSeconds(positiveInt("measureSeconds", 60)),
                positiveInt("rounds", 3),
                Duration.ofSeconds(intAtLeast("leadInSeconds", 10, 0)),
                positiveInt("ssoSessions", 1000),
                Optional.ofNullable(System.getProperty("secondNode")).filter(v -> !v.isBlank()).map(BenchSettings::loopbackBaseUrl));
    }

    /** {@code -DbaseUrl}, node 1 in a two-node run. */
    static URI baseUrlFromSystemProperties() {
        return loopbackBaseUrl(System.getProperty("baseUrl", "http://localhost:8080"));
    }

    /** Each scenario is measured in {@link #rounds} slices of this length, see {@link TokenEndpointSimulation}. */
    Duration measureSlice() {
        return measure.dividedBy(rounds);
    }

    /**
     * The benchmark runs next to a local server and must never load a shared environment by accident,
     * so only loopback hosts are accepted. The trailing slash goes: request paths are appended to it.
     */
    static URI loopbackBaseUrl(String value) {
        URI uri = URI.create(value.replaceAll("/+$", ""));
        if (uri.getHost() == null) {
            throw new IllegalArgumentException("baseUrl must be an absolute http(s) URL: " + value);
        }
        try {
            for (InetAddress address : InetAddress.getAllByName(uri.getHost())) {
                if (!address.isLoopbackAddress()) {
                    throw new IllegalArgumentException(
                            "baseUrl must point to this machine (loopback), got " + value + " -> " + address);
                }
            }
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("baseUrl host cannot be resolved: " + value, e);
        }
        return uri;
    }

    static int positiveInt(String name, int defaultValue) {
        return intAtLeast(name, defaultValue, 1);
    }

    private static int intAtLeast(String name, int defaultValue, int minimum) {
        String value = System.getProperty(name);
        if (value == null || value.isBlank()) {
            return defaultValue;
        }
        int parsed;
        try {
            parsed = Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            parsed = minimum - 1;
        }
        if (parsed < minimum) {
            throw new IllegalArgumentException("-D" + name + " must be an integer of at least " + minimum + ", got '" + value + "'");
        }
        return parsed;
    }
}
