package io.authbridge.benchmarks;

import java.time.Duration;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import io.gatling.javaapi.core.PopulationBuilder;
import io.gatling.javaapi.core.Simulation;

import static io.gatling.javaapi.core.CoreDsl.asLongAsDuring;
import static io.gatling.javaapi.core.CoreDsl.atOnceUsers;
import static io.gatling.javaapi.core.CoreDsl.forAll;
import static io.gatling.javaapi.core.CoreDsl.pause;
import static io.gatling.javaapi.core.CoreDsl.scenario;
import static io.gatling.javaapi.http.HttpDsl.http;

/**
 * The soak: the Digest, HMAC API-key and cookie-exchange scenarios at once, {@code users} virtual users each in a
 * closed loop (saturation), against one Keycloak node, while {@link SoakMonitor} samples its heap and single-use
 * store: {@code soakWarmupSeconds} of warm-up, a pause until the store has drained for the start checkpoint, then
 * {@code soakSeconds} of soak, after which the monitor takes the end checkpoint. {@link SoakReport} checks the
 * figures; a failed request fails the run here (Gatling assertion, checked by {@code gatling:verify}).
 *
 * <p>The realm's replay windows are {@code soakReplayWindowSeconds} (default 120 s) instead of the realm JSON's, so
 * that the store's entries expire within minutes and its count must level off during the soak.
 */
public class SoakSimulation extends Simulation {

    static final List<String> SCENARIOS = List.of(BenchmarkScenarios.DIGEST_CLIENT_CREDENTIALS,
            BenchmarkScenarios.HMAC_CLIENT_CREDENTIALS, BenchmarkScenarios.COOKIE_EXCHANGE);
    /** Room for in-flight requests before Gatling's hard stop. */
    private static final Duration SAFETY_MARGIN = Duration.ofMinutes(5);

    private final BenchSettings settings = BenchSettings.fromSystemProperties();
    private final SoakSettings soak = SoakSettings.fromSystemProperties();
    private final List<BenchmarkScenario> scenarios = SCENARIOS.stream().map(BenchmarkScenarios::named).toList();
    /** The start checkpoint waits an entry lifespan, then up to two reaper intervals for a pass. */
    private final Duration maxPause = soak.entryLifespan().plus(SoakSettings.REAPER_INTERVAL.multipliedBy(3));
    private RunInfo runInfo;
    // Set in before(); read by the virtual users, which Gatling starts after it.
    private volatile SoakMonitor monitor;

    public SoakSimulation() {
        List<PopulationBuilder> populations = scenarios.stream()
                .map(scenario -> scenario("soak: " + scenario.name())
                        .exec(scenario.load(BenchmarkScenario.WARMUP_PREFIX + scenario.name(), soak.warmup()))
                        .exec(asLongAsDuring(session -> !monitor.started(), maxPause).on(pause(Duration.ofSeconds(1))))
                        .exec(scenario.load(scenario.name(), soak.duration()))
                        .injectOpen(atOnceUsers(settings.users())))
                .toList();
        setUp(populations)
                .protocols(http.baseUrl(settings.baseUrl().toString()).acceptHeader("application/json"))
                .assertions(forAll().failedRequests().count().is(0L))
                .maxDuration(soak.warmup().plus(maxPause).plus(soak.duration()).plus(SAFETY_MARGIN));
    }

    @Override
    public void before() {
        KeycloakAdminClient admin = KeycloakAdminClient.login(settings.baseUrl(), settings.adminUser(), settings.adminPassword());
        JsonNode serverInfo = admin.serverInfo();
        BenchRealm.recreate(admin, soak.replayWindow());
        BenchRealm.recreateSsoRealm(admin);
        SsoSessionPool.logIn(settings.baseUrl(), settings.ssoSessions());
        runInfo = RunInfo.of(serverInfo, settings, soak.warmup(), soak.duration(), 1, Duration.ZERO,
                settings.ssoSessions(), scenarios);
        monitor = SoakMonitor.start(soak);
    }

    @Override
    public void after() {
        monitor.finish();
        new SoakRun(runInfo, soak.replayWindow().toSeconds(), soak.digestEntryLifespan().toSeconds(),
                soak.apiKeyEntryLifespan().toSeconds(), SoakSettings.REAPER_INTERVAL.toSeconds(),
                soak.sampleInterval().toSeconds(), soak.serverPid(), soak.managementUrl().toString(),
                monitor.samples(), monitor.checkpoints(), monitor.errors())
                .write(RunInfo.file());
    }
}
