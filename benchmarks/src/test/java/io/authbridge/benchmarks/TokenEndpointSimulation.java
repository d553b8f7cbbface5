package io.authbridge.benchmarks;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.JsonNode;
import io.gatling.javaapi.core.ChainBuilder;
import io.gatling.javaapi.core.PopulationBuilder;
import io.gatling.javaapi.core.Simulation;

import static io.gatling.javaapi.core.CoreDsl.atOnceUsers;
import static io.gatling.javaapi.core.CoreDsl.exec;
import static io.gatling.javaapi.core.CoreDsl.forAll;
import static io.gatling.javaapi.core.CoreDsl.jsonPath;
import static io.gatling.javaapi.core.CoreDsl.scenario;
import static io.gatling.javaapi.http.HttpDsl.http;
import static io.gatling.javaapi.http.HttpDsl.status;

/**
 * Runs every {@link BenchmarkScenarios#ALL scenario} against the token endpoint of the realm
 * {@value BenchRealm#NAME}, which {@link #before()} recreates: first all warm-ups, then the measurements.
 *
 * <p>Warm-ups first: with one warm-up right before each measurement, the JIT of a freshly started server sharing
 * 2 cores with Gatling was still speeding up the client_credentials path after its 60 s warm-up, so the first
 * measurement came out too low. This way each code path has had at least {@code warmupSeconds} of load before
 * any measurement starts. The warm-ups run in reverse order so that the first measurement continues straight
 * from its own warm-up.
 *
 * <p>Measurements in {@code rounds}: each round measures every scenario, in list order, for
 * {@code measureSeconds / rounds}. On a shared machine throughput drifts over tens of seconds; slices spread
 * over the whole measuring time let such drift affect a scenario and its baseline alike, where one window per
 * scenario let it decide their ratio. Each slice starts with a lead-in of {@code leadInSeconds}: the same load,
 * counted as warm-up, after which the same virtual users go on into the measured part. Without it, a slice right
 * after a different load (the password hashing, say) started slow, which favoured whichever scenario came
 * second in a round.
 *
 * <p>Closed model: {@code users} virtual users each send their next request as soon as the previous answer
 * arrives, over their own keep-alive connection, for the phase's duration.
 */
public class TokenEndpointSimulation extends Simulation {

    /** Room for the last in-flight requests, setup and cleanup, before Gatling's hard stop. */
    private static final Duration SAFETY_MARGIN = Duration.ofMinutes(5);

    private final BenchSettings settings = BenchSettings.fromSystemProperties();
    private final List<BenchmarkScenario> scenarios = settings.secondNode().isPresent()
            ? BenchmarkScenarios.onBothNodes(BenchmarkScenarios.selected()) : BenchmarkScenarios.selected();
    private final boolean ssoScenarios = scenarios.stream().anyMatch(scenario -> scenario.name().startsWith(BenchmarkScenarios.SSO_PREFIX));

    public TokenEndpointSimulation() {
        requireKnownBaselines();
        List<PopulationBuilder> phases = new ArrayList<>();
        for (BenchmarkScenario scenario : reversed(scenarios)) {
            String warmupName = BenchmarkScenario.WARMUP_PREFIX + scenario.name();
            addPhase(phases, warmupName, scenario, scenario.load(warmupName, settings.warmup()));
        }
        for (int round = 1; round <= settings.rounds(); round++) {
            for (BenchmarkScenario scenario : scenarios) {
                addPhase(phases, scenario.name() + " (round " + round + ")", scenario,
                        scenario.load(BenchmarkScenario.WARMUP_PREFIX + scenario.name(), settings.leadIn())
                                .exec(scenario.load(scenario.name(), settings.measureSlice())));
            }
        }
        setUp(oneAfterAnother(phases))
                .protocols(http.baseUrl(settings.baseUrl().toString()).acceptHeader("application/json"))
                .assertions(forAll().failedRequests().count().is(0L))
                .maxDuration(plannedDuration().plus(SAFETY_MARGIN));
    }

    @Override
    public void before() {
        KeycloakAdminClient admin = KeycloakAdminClient.login(settings.baseUrl(), settings.adminUser(), settings.adminPassword());
        JsonNode serverInfo = admin.serverInfo();
        BenchRealm.recreate(admin);
        if (ssoScenarios) {
            BenchRealm.recreateSsoRealm(admin);
            SsoSessionPool.logIn(settings.baseUrl(), settings.ssoSessions());
        }
        runInfo(serverInfo).write(RunInfo.file());
    }

    /**
     * Adds a phase: {@code users} virtual users running the given load, followed by the removal of the realm's
     * user sessions if the scenario creates any (the SSO scenarios' sessions are in a realm of their own).
     *
     * @param phaseName Gatling's scenario name, unique per phase
     */
    private void addPhase(List<PopulationBuilder> phases, String phaseName, BenchmarkScenario scenario, ChainBuilder load) {
        PopulationBuilder population = scenario(phaseName).exec(load).injectOpen(atOnceUsers(settings.users()));
        if (settings.secondNode().isPresent()) {
            // Gatling gives each virtual user one of the base URLs in turn: half the users on each node, in warm-ups
            // too, so that both nodes' code is compiled before anything is measured.
            population = population.protocols(http.baseUrls(settings.baseUrl().toString(), settings.secondNode().get().toString())
                    .acceptHeader("application/json"));
        }
        phases.add(population);
        if (scenario.createsUserSessions()) {
            phases.add(logoutAllPhase("after " + phaseName));
        }
    }

    /** Removes the realm's user sessions with one admin call; its requests are named "cleanup: …". */
    private PopulationBuilder logoutAllPhase(String when) {
        return scenario("cleanup " + when)
                .exec(logoutAllUserSessions())
                .injectOpen(atOnceUsers(1));
    }

    private ChainBuilder logoutAllUserSessions() {
        return exec(http("cleanup: admin login").post("/realms/master/protocol/openid-connect/token")
                .formParam("grant_type", "password")
                .formParam("client_id", "admin-cli")
                .formParam("username", settings.adminUser())
                .formParam("password", settings.adminPassword())
                .check(status().is(200), jsonPath("$.access_token").saveAs("adminToken")))
                .exec(http("cleanup: logout-all").post("/admin/realms/" + BenchRealm.NAME + "/logout-all")
                        .header("Authorization", "Bearer #{adminToken}")
                        .check(status().is(200)));
    }

    private static PopulationBuilder oneAfterAnother(List<PopulationBuilder> phases) {
        PopulationBuilder sequence = phases.get(phases.size() - 1);
        for (int i = phases.size() - 2; i >= 0; i--) {
            sequence = phases.get(i).andThen(sequence);
        }
        return sequence;
    }

    private Duration plannedDuration() {
        Duration leadIns = settings.leadIn().multipliedBy(settings.rounds());
        return settings.warmup().plus(leadIns).plus(settings.measure()).multipliedBy(scenarios.size());
    }

    private static <T> List<T> reversed(List<T> list) {
        List<T> copy = new ArrayList<>(list);
        Collections.reverse(copy);
        return copy;
    }

    private void requireKnownBaselines() {
        Set<String> names = scenarios.stream().map(BenchmarkScenario::name).collect(Collectors.toSet());
        for (BenchmarkScenario scenario : scenarios) {
            for (String compared : Arrays.asList(scenario.baseline(), scenario.reference())) {
                if (compared != null && !names.contains(compared)) {
                    throw new IllegalStateException("Scenario '" + scenario.name() + "' is compared to unknown scenario '"
                            + compared + "'");
                }
            }
        }
    }

    private RunInfo runInfo(JsonNode serverInfo) {
        return RunInfo.of(serverInfo, settings, settings.warmup(), settings.measure(), settings.rounds(), settings.leadIn(),
                ssoScenarios ? settings.ssoSessions() : 0, scenarios);
    }
}
