package io.authbridge.benchmarks;

import java.net.URI;
import java.time.Duration;

import io.authbridge.digest.core.DigestNonceCodec;

/**
 * The soak's own parameters, each overridable with {@code -Dname=value}; the server, admin, {@code users} and
 * {@code ssoSessions} come from {@link BenchSettings}.
 *
 * @param duration       {@code soakSeconds}: the measured soak after the warm-up
 * @param warmup         {@code soakWarmupSeconds}: load before the first measurement
 * @param replayWindow   {@code soakReplayWindowSeconds}: the Digest nonce lifetime and the API-key maximum timestamp
 *                       age of the soak's realm
 * @param sampleInterval {@code soakSampleSeconds}: how often the store is counted
 * @param managementUrl  {@code managementUrl}: Keycloak's management interface, which serves {@code /metrics}
 * @param serverPid      {@code serverPid}: the Keycloak JVM's process id, for {@code jcmd}
 */
record SoakSettings(Duration duration, Duration warmup, Duration replayWindow, Duration sampleInterval,
                    URI managementUrl, long serverPid) {

    /**
     * How long the expiration reaper waits between passes: Keycloak configures no expiration interval for the
     * {@code actionTokens} cache (checked on 26.7.5), so Infinispan's default of a minute applies. Until a pass
     * removes them, expired entries stay in memory.
     */
    static final Duration REAPER_INTERVAL = Duration.ofMinutes(1);

    static SoakSettings fromSystemProperties() {
        String pid = System.getProperty("serverPid", "");
        if (!pid.matches("[0-9]+")) {
            throw new IllegalArgumentException("-DserverPid must be the process id of the Keycloak JVM (for jcmd), got '"
                    + pid + "'; benchmarks/run-soak.sh sets it");
        }
        return new SoakSettings(
                Duration.ofSeconds(BenchSettings.positiveInt("soakSeconds", 600)),
                Duration.ofSeconds(BenchSettings.positiveInt("soakWarmupSeconds", 120)),
                Duration.ofSeconds(BenchSettings.positiveInt("soakReplayWindowSeconds", 120)),
                Duration.ofSeconds(BenchSettings.positiveInt("soakSampleSeconds", 10)),
                BenchSettings.loopbackBaseUrl(System.getProperty("managementUrl", "http://localhost:9000")),
                Long.parseLong(pid));
    }

    /** A used (nonce, nc) pair's lifespan in the store: nonce lifetime + clock skew + 1 s (DigestExchange.markUsed). */
    Duration digestEntryLifespan() {
        return replayWindow.plus(DigestNonceCodec.MAX_CLOCK_SKEW).plusSeconds(1);
    }

    /** A used signature's lifespan in the store: maximum age + clock skew (SignatureReplayCache.markUsed). */
    Duration apiKeyEntryLifespan() {
        return replayWindow.plus(BenchRealm.API_KEY_CLOCK_SKEW);
    }

    /** The longest lifespan of an entry AuthBridge writes in the soak. */
    Duration entryLifespan() {
        return digestEntryLifespan().compareTo(apiKeyEntryLifespan()) >= 0 ? digestEntryLifespan() : apiKeyEntryLifespan();
    }
}
