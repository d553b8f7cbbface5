package io.authbridge.benchmarks;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * What the report needs to know about a run besides Gatling's statistics: written by the simulation's setup,
 * read by {@link BenchmarkReport}.
 */
record RunInfo(String startedAt, String baseUrl, String secondNode, String keycloakVersion, String serverJvm, int serverCores,
               String loadGeneratorJvm, int loadGeneratorCores, int users, long warmupSeconds, long measureSeconds,
               int rounds, long leadInSeconds, int ssoSessions, List<Scenario> scenarios) {

    record Scenario(String name, String baseline, Double minThroughputRatio, Double maxMedianRatio, String reference) {
    }

    /**
     * This run, starting now: the server as {@code GET /admin/serverinfo} describes it, this JVM as the load
     * generator, and the phases.
     */
    static RunInfo of(JsonNode serverInfo, BenchSettings settings, Duration warmup, Duration measure, int rounds,
                      Duration leadIn, int ssoSessions, List<BenchmarkScenario> scenarios) {
        JsonNode system = serverInfo.path("systemInfo");
        return new RunInfo(
                Instant.now().truncatedTo(ChronoUnit.SECONDS).toString(),
                settings.baseUrl().toString(),
                settings.secondNode().map(Object::toString).orElse(null),
                system.path("version").asText("unknown"),
                system.path("javaRuntime").asText() + " " + system.path("javaVmVersion").asText(),
                serverInfo.path("cpuInfo").path("processorCount").asInt(),
                System.getProperty("java.runtime.name") + " " + System.getProperty("java.vm.version"),
                Runtime.getRuntime().availableProcessors(),
                settings.users(),
                warmup.toSeconds(),
                measure.toSeconds(),
                rounds,
                leadIn.toSeconds(),
                ssoSessions,
                scenarios.stream()
                        .map(scenario -> new Scenario(scenario.name(), scenario.baseline(), scenario.minThroughputRatio(),
                                scenario.maxMedianRatio(), scenario.reference()))
                        .toList());
    }

    /** Where a simulation leaves what its report reads: {@code -Dbench.runInfoFile}, set by pom.xml. */
    static Path file() {
        return Path.of(System.getProperty("bench.runInfoFile", "target/bench-run-info.json"));
    }

    /** Whether the scenarios were spread over two nodes ({@code -DsecondNode}). */
    boolean onTwoNodes() {
        return secondNode != null;
    }

    void write(Path file) {
        JsonFile.write(file, this);
    }

    static RunInfo read(Path file) {
        return JsonFile.read(file, RunInfo.class);
    }
}
