package io.authbridge.it.harness;

/**
 * How many hostile requests the malformed-input tests send per scheme: 1000 in every build, more in CI's hostile-input
 * run ({@code -Dauthbridge.hostile.requests=10000}, README "Tests").
 */
public final class HostileRuns {

    private HostileRuns() {
    }

    public static int requestsPerScheme() {
        return Integer.getInteger("authbridge.hostile.requests", 1000);
    }
}
