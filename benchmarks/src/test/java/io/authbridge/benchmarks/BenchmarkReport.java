package io.authbridge.benchmarks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Writes REPORT.md and report.png (CLUSTER-REPORT.md and cluster-report.png for a run on two nodes) for the
 * Gatling run that the same Maven build just made (run by the exec-maven-plugin after gatling:test, see pom.xml).
 *
 * <p>Arguments: the Gatling results folder, the run-info file the simulation wrote, the output folder.
 */
public final class BenchmarkReport {

    private BenchmarkReport() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 3) {
            throw new IllegalArgumentException("Usage: BenchmarkReport <gatling results folder> <run-info file> <output folder>");
        }
        Path gatlingResults = Path.of(args[0]);
        Path outputFolder = Path.of(args[2]);
        String runFolder = runFolderOfThisBuild(gatlingResults);
        // The run-info is fresh: Gatling only writes results for a run whose setup (which writes it) succeeded.
        RunInfo run = RunInfo.read(Path.of(args[1]));
        GatlingRunStats stats = GatlingRunStats.read(gatlingResults, runFolder);
        List<ScenarioResult> results = results(run, stats);

        Files.createDirectories(outputFolder);
        // A two-node run has its own report, so that it does not replace the one-node figures.
        Path report = outputFolder.resolve(run.onTwoNodes() ? "CLUSTER-REPORT.md" : "REPORT.md");
        Path chart = outputFolder.resolve(run.onTwoNodes() ? "cluster-report.png" : "report.png");
        Files.writeString(report, markdown(run, results, stats.failedRequests(), gatlingResults.resolve(runFolder),
                chart.getFileName().toString()) + references(run, results));
        ReportChart.write(run, results, chart);
        System.out.println("Benchmark report: " + report.toAbsolutePath() + " and " + chart.toAbsolutePath());
    }

    /** gatling:test lists the run folders it created in lastRun.txt, together with an error line if it failed. */
    static String runFolderOfThisBuild(Path gatlingResults) throws IOException {
        Path lastRun = gatlingResults.resolve("lastRun.txt");
        List<String> runFolders = Files.exists(lastRun)
                ? Files.readAllLines(lastRun).stream()
                        .map(String::trim)
                        .filter(line -> !line.isEmpty() && Files.isRegularFile(gatlingResults.resolve(line).resolve("simulation.log")))
                        .toList()
                : List.of();
        if (runFolders.size() != 1) {
            throw new IllegalStateException("No single finished Gatling run of this build in " + lastRun + " (found "
                    + runFolders + "): the simulation stopped early, see the Gatling output above");
        }
        return runFolders.get(0);
    }

    private static List<ScenarioResult> results(RunInfo run, GatlingRunStats stats) {
        Map<String, GatlingRunStats.RequestStats> measured = run.scenarios().stream()
                .collect(Collectors.toMap(RunInfo.Scenario::name, scenario -> stats.request(scenario.name())
                        .orElseThrow(() -> new IllegalStateException("No measured requests for scenario '"
                                + scenario.name() + "' in the Gatling results"))));
        Function<String, Double> requestsPerSecond = name -> (double) measured.get(name).count() / run.measureSeconds();

        List<ScenarioResult> results = new ArrayList<>();
        for (RunInfo.Scenario scenario : run.scenarios()) {
            GatlingRunStats.RequestStats requests = measured.get(scenario.name());
            double throughput = requestsPerSecond.apply(scenario.name());
            Double ratio = scenario.baseline() == null ? null : throughput / requestsPerSecond.apply(scenario.baseline());
            Double medianRatio = scenario.baseline() == null ? null
                    : (double) requests.p50Millis() / Math.max(1, measured.get(scenario.baseline()).p50Millis());
            results.add(new ScenarioResult(scenario.name(), requests.count(), requests.failed(), throughput,
                    requests.p50Millis(), requests.p99Millis(), scenario.baseline(), ratio, scenario.minThroughputRatio(),
                    medianRatio, scenario.maxMedianRatio()));
        }
        return results;
    }

    private static String markdown(RunInfo run, List<ScenarioResult> results, long failedRequestsInRun, Path runFolder,
                                   String chartFile) {
        StringBuilder md = new StringBuilder();
        md.append(run.onTwoNodes() ? "# AuthBridge benchmark report: two clustered nodes\n\n" : "# AuthBridge benchmark report\n\n");
        md.append("| Scenario | Requests | Errors | Requests/s | p50 (ms) | p99 (ms) | Baseline | Throughput vs baseline | p50 vs baseline | Goal | Result |\n");
        md.append("|---|---:|---:|---:|---:|---:|---|---:|---:|---:|---|\n");
        for (ScenarioResult result : results) {
            md.append("| ").append(result.name())
                    .append(" | ").append(result.requests())
                    .append(" | ").append(result.errors())
                    .append(" | ").append(format("%.1f", result.requestsPerSecond()))
                    .append(" | ").append(result.p50Millis())
                    .append(" | ").append(result.p99Millis())
                    .append(" | ").append(result.baseline() == null ? "(baseline)" : result.baseline())
                    .append(" | ").append(result.throughputRatio() == null ? "—" : format("%.3f×", result.throughputRatio()))
                    .append(" | ").append(result.medianRatio() == null ? "—" : format("%.3f×", result.medianRatio()))
                    .append(" | ").append(goal(result))
                    .append(" | ").append(result.verdict().orElse("—"))
                    .append(" |\n");
        }
        md.append("\n![Requests/s, p50 and p99 per scenario](").append(chartFile).append(")\n\n");
        md.append("## Run\n\n");
        md.append("- Date: ").append(run.startedAt()).append(" (start of the run, UTC)\n");
        md.append("- Keycloak: ").append(run.keycloakVersion()).append(" at ").append(run.baseUrl());
        if (run.onTwoNodes()) {
            md.append(" and ").append(run.secondNode())
                    .append(", clustered (benchmarks/run-cluster.sh); each scenario's virtual users alternate between the two");
        }
        md.append('\n');
        md.append("- Server JVM: ").append(run.serverJvm()).append(", ").append(run.serverCores()).append(" cores\n");
        md.append("- Load generator JVM (Gatling): ").append(run.loadGeneratorJvm()).append(", ")
                .append(run.loadGeneratorCores()).append(" cores (shared with the server when both run on one machine)\n");
        md.append("- Concurrency: ").append(run.users())
                .append(" virtual users per scenario, closed model (each sends its next request when the previous one is answered)\n");
        md.append("- Phases: first a ").append(run.warmupSeconds())
                .append(" s warm-up per scenario (in reverse order), then ").append(run.rounds())
                .append(" rounds that each measure every scenario in table order, each time after a ")
                .append(run.leadInSeconds()).append(" s unmeasured lead-in; ").append(run.measureSeconds())
                .append(" s measured per scenario in total\n");
        if (run.ssoSessions() > 0) {
            md.append("- SSO scenarios: ").append(run.ssoSessions())
                    .append(" browser sessions logged in by the setup, each transaction on the next one in turn\n");
        }
        md.append("- Failed requests in the whole run (warm-up and cleanup included): ").append(failedRequestsInRun).append('\n');
        md.append("- Gatling HTML report: ").append(runFolder.resolve("index.html")).append("\n\n");
        md.append("## How to read it\n\n");
        md.append("Requests/s is a scenario's measured requests divided by its ").append(run.measureSeconds())
                .append(" s of measuring time; warm-up and lead-in requests are excluded.\n")
                .append("p50 and p99 are Gatling's response-time percentiles of the measured requests.\n")
                .append("A scenario of several requests per transaction (prompt=none + code exchange) counts transactions,\n")
                .append("and its percentiles are of whole transactions (a Gatling group's duration).\n")
                .append("Throughput vs baseline is requests/s divided by the baseline's requests/s in the same run;\n")
                .append("p50 vs baseline is the median divided by the baseline's median;\n")
                .append("Result is PASS when it reaches the goal, and FAIL for any scenario with failed requests.\n")
                .append("With client and server sharing a small machine, absolute numbers say little: compare ratios\n")
                .append("within one run, and expect a few percent of noise in them (see benchmarks/README.md).\n");
        return md.toString();
    }

    /** The ratios to each scenario's reference (see {@link BenchmarkScenario#reference()}), if any has one. */
    static String references(RunInfo run, List<ScenarioResult> results) {
        Map<String, ScenarioResult> byName = results.stream().collect(Collectors.toMap(ScenarioResult::name, Function.identity()));
        StringBuilder md = new StringBuilder();
        for (RunInfo.Scenario scenario : run.scenarios()) {
            if (scenario.reference() == null) {
                continue;
            }
            if (md.isEmpty()) {
                md.append("\n## Compared with a second scenario\n\n")
                        .append("For information, no goal: a ratio to a scenario other than the baseline, from the same run.\n\n")
                        .append("| Scenario | Compared to | Throughput ratio | p50 ratio |\n|---|---|---:|---:|\n");
            }
            ScenarioResult result = byName.get(scenario.name());
            ScenarioResult reference = byName.get(scenario.reference());
            md.append("| ").append(scenario.name()).append(" | ").append(scenario.reference())
                    .append(" | ").append(format("%.3f×", result.requestsPerSecond() / reference.requestsPerSecond()))
                    .append(" | ").append(format("%.3f×", (double) result.p50Millis() / Math.max(1, reference.p50Millis())))
                    .append(" |\n");
        }
        return md.toString();
    }

    private static String goal(ScenarioResult result) {
        List<String> goals = new ArrayList<>();
        if (result.minThroughputRatio() != null) {
            goals.add(format("≥ %.2f×", result.minThroughputRatio()));
        }
        if (result.maxMedianRatio() != null) {
            goals.add(format("p50 ≤ %.2f×", result.maxMedianRatio()));
        }
        return goals.isEmpty() ? "—" : String.join(", ", goals);
    }

    private static String format(String pattern, double value) {
        return String.format(Locale.ROOT, pattern, value);
    }
}
