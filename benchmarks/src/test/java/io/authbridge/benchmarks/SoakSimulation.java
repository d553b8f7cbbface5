package io.authbridge.benchmarks;

import java.time.Duration;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import io.gatling.javaapi.core.PopulationBuilder;
import io.gatling.javaapi.core.Simulation;

import static io.gatling.javaapi.core.CoreDsl.atOnceUsers;
import static io.gatling.javaapi.core.CoreDsl.forAll;
import static io.gatling.javaapi.core.CoreDsl.scenario;
import static io.gatling.javaapi.http.HttpDsl.http;

/**
 * The soak: the Digest, HMAC API-key and cookie-exchange scenarios at once, {@code users} virtual users each in a
 * closed loop (saturation), for {@code soakWarmupSeconds} of warm-up and then {@code soakSeconds}, against one
 * Keycloak node, while {@link SoakMonitor} samples its heap and single-use store. The same load goes on (requests
 * named {@value #TAIL_PREFIX}…) until the end checkpoint is taken, so that the store is still being written to then,
 * as at the other checkpoints. {@link SoakReport} checks the figures afterwards; a failed request fails the run
 * here (Gatling assertion, checked by {@code gatling:verify}).
 *
 * <p>The realm's replay windows are {@code soakReplayWindowSeconds} (default 120 s) instead of the realm JSON's, so
 * that the store fills up during the warm-up and must stay level for the whole soak.
 */
public class SoakSimulation extends Simulation {

    static final List<String> SCENARIOS = List.of(BenchmarkScenarios.DIGEST_CLIENT_CREDENTIALS,
            BenchmarkScenarios.HMAC_CLIENT_CREDENTIALS, BenchmarkScenarios.COOKIE_EXCHANGE);
    /** The start of the request names of the load that goes on until the end checkpoint is taken. */
    static final String TAIL_PREFIX = "tail: ";
    /** The end checkpoint waits up to two reaper intervals for a pass, then takes the heap. */
    private static final Duration MAX_TAIL = SoakSettings.REAPER_INTERVAL.multipliedBy(3);
    /** Room for in-flight requests before Gatling's hard stop. */
    private static final Duration SAFETY_MARGIN = Duration.ofMinutes(5);

    private final BenchSettings settings = BenchSettings.fromSystemProperties();
    private final SoakSettings soak = SoakSettings.fromSystemProperties();
    private final List<BenchmarkScenario> scenarios = SCENARIOS.stream().map(BenchmarkScenarios::named).toList();
    private RunInfo runInfo;
    // Set in before(); read by the virtual users, which Gatling starts after it.
    private volatile SoakMonitor monitor;

    public SoakSimulation() {
        List<PopulationBuilder> populations = scenarios.stream()
                .map(scenario -> scenario("soak: " + scenario.name())
                        .exec(scenario.load(BenchmarkScenario.WARMUP_PREFIX + scenario.name(), soak.warmup()))
                        .exec(scenario.load(scenario.name(), soak.duration()))
                        .exec(scenario.loadWhile(TAIL_PREFIX + scenario.name(), MAX_TAIL, () -> !monitor.ended()))
                        .injectOpen(atOnceUsers(settings.users())))
                .toList();
        setUp(populations)
                .protocols(http.baseUrl(settings.baseUrl().toString()).acceptHeader("application/json"))
                .assertions(forAll().failedRequests().count().is(0L))
                .maxDuration(soak.warmup().plus(soak.duration()).plus(MAX_TAIL).plus(SAFETY_MARGIN));
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
