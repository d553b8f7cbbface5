package io.authbridge.benchmarks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Writes SOAK.md and soak.png for the soak the same Maven build just ran (pom.xml, profile {@code soak}), and exits
 * with 1 when a check failed: a failed request, the live heap at the end more than {@value #HEAP_TOLERANCE_PERCENT} %
 * off the start, or a store sample above the writes of the last entry stay (lifespan + reaper interval).
 *
 * <p>Arguments: the Gatling results folder, the file the simulation wrote ({@link SoakRun}), the output folder.
 */
public final class SoakReport {

    static final int HEAP_TOLERANCE_PERCENT = 10;
    private static final double MB = 1024 * 1024;

    /** One row of the checks table; the run passes when every row does. */
    record Check(String what, String expected, String measured, boolean passed) {
    }

    /** A store sample of the soak (after the warm-up) and what its entries may be at most. */
    record Bounded(SoakMonitor.StoreSample sample, long writesInStay) {

        boolean within() {
            return sample.entries() <= writesInStay;
        }
    }

    private SoakReport() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 3) {
            throw new IllegalArgumentException("Usage: SoakReport <gatling results folder> <soak run file> <output folder>");
        }
        Path gatlingResults = Path.of(args[0]);
        Path outputFolder = Path.of(args[2]);
        String runFolder = BenchmarkReport.runFolderOfThisBuild(gatlingResults);
        SoakRun soak = SoakRun.read(Path.of(args[1]));
        GatlingRunStats stats = GatlingRunStats.read(gatlingResults, runFolder);

        List<Bounded> bounded = bounded(soak);
        List<Check> checks = checks(soak, stats, bounded);
        Files.createDirectories(outputFolder);
        Path report = outputFolder.resolve("SOAK.md");
        Path chart = outputFolder.resolve("soak.png");
        Files.writeString(report, markdown(soak, stats, checks, bounded, gatlingResults.resolve(runFolder)));
        SoakChart.write(soak, bounded, chart);
        boolean passed = checks.stream().allMatch(Check::passed);
        System.out.println("Soak report (" + (passed ? "PASS" : "FAIL") + "): " + report.toAbsolutePath() + " and "
                + chart.toAbsolutePath());
        if (!passed) {
            checks.stream().filter(check -> !check.passed())
                    .forEach(check -> System.out.println("FAILED: " + check.what() + ": " + check.measured()));
            System.exit(1);
        }
    }

    /**
     * Each sample after the warm-up with the writes since the latest sample at least one entry stay (and one sample
     * interval, for the samples' rounding to seconds and the reaper's own run time) before it: every entry still
     * in memory was written after that, so the entries can be at most those writes, whatever the load's rate did.
     */
    static List<Bounded> bounded(SoakRun soak) {
        List<Bounded> bounded = new ArrayList<>();
        for (SoakMonitor.StoreSample sample : soak.samples()) {
            if (sample.atSecond() < soak.run().warmupSeconds()) {
                continue;
            }
            long cutoff = sample.atSecond() - soak.entryStaySeconds() - soak.sampleSeconds();
            soak.samples().stream()
                    .filter(earlier -> earlier.atSecond() <= cutoff)
                    .reduce((first, second) -> second)
                    .ifPresent(earlier -> bounded.add(new Bounded(sample, sample.writes() - earlier.writes())));
        }
        return bounded;
    }

    private static List<Check> checks(SoakRun soak, GatlingRunStats stats, List<Bounded> bounded) {
        List<Check> checks = new ArrayList<>();
        long failed = stats.failedRequests();
        checks.add(new Check("Failed requests (whole run, warm-up included)", "0", String.valueOf(failed), failed == 0));
        checks.add(new Check("Sampling the server", "no errors",
                soak.errors().isEmpty() ? "no errors" : String.join("; ", soak.errors()), soak.errors().isEmpty()));

        Optional<SoakMonitor.Checkpoint> start = checkpoint(soak, "start");
        Optional<SoakMonitor.Checkpoint> end = checkpoint(soak, "end");
        if (start.isPresent() && end.isPresent()) {
            double change = heapChange(start.get(), end.get());
            checks.add(new Check("Live heap after a full GC, end vs start",
                    "within ±" + HEAP_TOLERANCE_PERCENT + " %",
                    format("%.1f MB → %.1f MB (%+.1f %%)", start.get().liveHeapBytes() / MB, end.get().liveHeapBytes() / MB, change),
                    Math.abs(change) <= HEAP_TOLERANCE_PERCENT));
        } else {
            checks.add(new Check("Live heap after a full GC, end vs start", "start and end measured", "missing", false));
        }

        Optional<Bounded> highest = bounded.stream()
                .max((a, b) -> Double.compare(ratio(a), ratio(b)));
        boolean within = !bounded.isEmpty() && bounded.stream().allMatch(Bounded::within);
        checks.add(new Check("Single-use store: entries ≤ writes of the last " + soak.entryStaySeconds() + " s (+ one sample)",
                "every sample after the warm-up",
                highest.map(worst -> format("%d of %d samples within; highest %d entries vs %d writes (%.2f) at %d s",
                        bounded.stream().filter(Bounded::within).count(), bounded.size(), worst.sample().entries(),
                        worst.writesInStay(), ratio(worst), worst.sample().atSecond())).orElse("no samples"),
                within));
        return checks;
    }

    private static double ratio(Bounded bounded) {
        return (double) bounded.sample().entries() / Math.max(1, bounded.writesInStay());
    }

    private static double heapChange(SoakMonitor.Checkpoint start, SoakMonitor.Checkpoint end) {
        return 100.0 * (end.liveHeapBytes() - start.liveHeapBytes()) / start.liveHeapBytes();
    }

    private static Optional<SoakMonitor.Checkpoint> checkpoint(SoakRun soak, String name) {
        return soak.checkpoints().stream().filter(checkpoint -> checkpoint.name().equals(name)).findFirst();
    }

    private static String markdown(SoakRun soak, GatlingRunStats stats, List<Check> checks, List<Bounded> bounded,
                                   Path runFolder) {
        RunInfo run = soak.run();
        StringBuilder md = new StringBuilder();
        md.append("# AuthBridge soak report\n\n");
        md.append("**").append(checks.stream().allMatch(Check::passed) ? "PASS" : "FAIL").append("**: ")
                .append(run.scenarios().size()).append(" scenarios at once for ").append(run.measureSeconds())
                .append(" s after a ").append(run.warmupSeconds()).append(" s warm-up, one Keycloak node.\n\n");
        md.append("| Check | Expected | Measured | Result |\n|---|---|---|---|\n");
        for (Check check : checks) {
            md.append("| ").append(check.what()).append(" | ").append(check.expected()).append(" | ")
                    .append(check.measured()).append(" | ").append(check.passed() ? "PASS" : "FAIL").append(" |\n");
        }

        md.append("\n## Requests\n\n");
        md.append("| Scenario | Requests (soak) | Requests/s | Failed | p50 (ms) | p99 (ms) | Warm-up requests | Tail requests |\n");
        md.append("|---|---:|---:|---:|---:|---:|---:|---:|\n");
        for (RunInfo.Scenario scenario : run.scenarios()) {
            Optional<GatlingRunStats.RequestStats> measured = stats.request(scenario.name());
            md.append("| ").append(scenario.name()).append(" | ")
                    .append(measured.map(r -> r.count() + " | " + format("%.1f", (double) r.count() / run.measureSeconds())
                            + " | " + r.failed() + " | " + r.p50Millis() + " | " + r.p99Millis()).orElse("0 | 0 | — | — | —"))
                    .append(" | ").append(count(stats, BenchmarkScenario.WARMUP_PREFIX + scenario.name()))
                    .append(" | ").append(count(stats, SoakSimulation.TAIL_PREFIX + scenario.name())).append(" |\n");
        }
        md.append("\nTail: the same load after the soak until the end checkpoint was taken. ")
                .append("The Digest scenario's count includes the `stale=true` 401 each virtual user gets once per nonce ")
                .append("lifetime (").append(soak.replayWindowSeconds()).append(" s) and answers with the fresh nonce; ")
                .append("any other status fails the request.\n");

        md.append("\n## Heap and single-use store\n\n");
        md.append("| Checkpoint | At (s) | Live heap after full GC (MB) | Store entries | Store writes (server's counter) |\n");
        md.append("|---|---:|---:|---:|---:|\n");
        for (SoakMonitor.Checkpoint checkpoint : soak.checkpoints()) {
            md.append("| ").append(checkpoint.name()).append(" | ").append(checkpoint.atSecond()).append(" | ")
                    .append(format("%.1f", checkpoint.liveHeapBytes() / MB)).append(" | ")
                    .append(checkpoint.store().entries()).append(" | ").append(checkpoint.store().writes()).append(" |\n");
        }
        expectedBound(md, soak, stats, bounded);

        md.append("\n![Store entries and the writes of the last entry stay, over time](soak.png)\n");
        md.append("\n<details><summary>Every store sample</summary>\n\n");
        md.append("| At (s) | Entries | Writes (server's counter) | Writes of the last stay (bound) |\n|---:|---:|---:|---:|\n");
        for (SoakMonitor.StoreSample sample : soak.samples()) {
            String bound = bounded.stream().filter(b -> b.sample() == sample).findFirst()
                    .map(b -> String.valueOf(b.writesInStay())).orElse("—");
            md.append("| ").append(sample.atSecond()).append(" | ").append(sample.entries()).append(" | ")
                    .append(sample.writes()).append(" | ").append(bound).append(" |\n");
        }
        md.append("\n</details>\n");

        md.append("\n## Run\n\n");
        md.append("- Date: ").append(run.startedAt()).append(" (start of the run, UTC)\n");
        md.append("- Keycloak: ").append(run.keycloakVersion()).append(" at ").append(run.baseUrl())
                .append(", metrics from ").append(soak.managementUrl()).append("/metrics, JVM pid ").append(soak.serverPid()).append('\n');
        md.append("- Server JVM: ").append(run.serverJvm()).append(", ").append(run.serverCores()).append(" cores\n");
        md.append("- Load generator JVM (Gatling): ").append(run.loadGeneratorJvm()).append(", ")
                .append(run.loadGeneratorCores()).append(" cores\n");
        cpuShares(md, soak);
        md.append("- Load: ").append(run.users()).append(" virtual users per scenario, all scenarios at once, closed model ")
                .append("(each sends its next request when the previous one is answered)\n");
        md.append("- SSO sessions: ").append(run.ssoSessions()).append(" browser sessions logged in by the setup, ")
                .append("each cookie exchange on the next one in turn\n");
        md.append("- Replay windows: Digest nonce lifetime and API-key maximum age ").append(soak.replayWindowSeconds())
                .append(" s; entry lifespans ").append(soak.digestEntryLifespanSeconds()).append(" s (Digest) and ")
                .append(soak.apiKeyEntryLifespanSeconds()).append(" s (API key); reaper interval ")
                .append(soak.reaperIntervalSeconds()).append(" s\n");
        md.append("- Store: Infinispan cache `").append(SoakMonitor.STORE_CACHE).append("` (Keycloak's single-use objects), `")
                .append(SoakMonitor.ENTRIES_METRIC).append("` and `").append(SoakMonitor.WRITES_METRIC)
                .append("`, every ").append(soak.sampleSeconds()).append(" s\n");
        md.append("- Heap: `jcmd <pid> GC.class_histogram` (a full GC, then the live objects' total) at each checkpoint; ")
                .append("each checkpoint is taken right after the first reaper pass from its time on (start: end of the warm-up, ")
                .append("middle: half-way, end: end of the soak), so that the store is at the same point of its cycle\n");
        md.append("- Gatling HTML report: ").append(runFolder.resolve("index.html")).append('\n');
        return md.toString();
    }

    /** The steady state the store should keep: the soak's write rate times an entry's lifespan, up to its longest stay. */
    private static void expectedBound(StringBuilder md, SoakRun soak, GatlingRunStats stats, List<Bounded> bounded) {
        Optional<SoakMonitor.Checkpoint> start = checkpoint(soak, "start");
        Optional<SoakMonitor.Checkpoint> end = checkpoint(soak, "end");
        if (start.isEmpty() || end.isEmpty() || bounded.isEmpty()) {
            return;
        }
        long writes = end.get().store().writes() - start.get().store().writes();
        double rate = (double) writes / Math.max(1, end.get().atSecond() - start.get().atSecond());
        long lifespan = Math.max(soak.digestEntryLifespanSeconds(), soak.apiKeyEntryLifespanSeconds());
        List<SoakMonitor.StoreSample> samples = soak.samples();
        long writesUnderLoad = samples.get(samples.size() - 1).writes() - samples.get(0).writes();
        long authBridgeRequests = SoakSimulation.SCENARIOS.stream()
                .filter(name -> !name.equals(BenchmarkScenarios.COOKIE_EXCHANGE))
                .mapToLong(name -> count(stats, BenchmarkScenario.WARMUP_PREFIX + name) + count(stats, name)
                        + count(stats, SoakSimulation.TAIL_PREFIX + name))
                .sum();
        long lowest = bounded.stream().mapToLong(b -> b.sample().entries()).min().orElseThrow();
        long highest = bounded.stream().mapToLong(b -> b.sample().entries()).max().orElseThrow();
        md.append("\nExpected bound: the store took ").append(format("%.1f", rate)).append(" writes/s between the start and end ")
                .append("checkpoints (").append(writes).append(" writes). Over the whole load it took ").append(writesUnderLoad)
                .append(" writes for ").append(authBridgeRequests).append(" Digest and API-key requests (warm-up and tail ")
                .append("included; each writes one used nonce count or signature, except a Digest request refused as stale; ")
                .append("the cookie exchange writes none). ")
                .append("An entry lives ").append(lifespan).append(" s and stays up to ").append(soak.reaperIntervalSeconds())
                .append(" s longer until the reaper removes it, so the store should hold between rate × lifespan = ")
                .append(format("%.0f", rate * lifespan)).append(" and rate × (lifespan + reaper interval) = ")
                .append(format("%.0f", rate * soak.entryStaySeconds())).append(" entries. Measured during the soak: ")
                .append(lowest).append(" to ").append(highest).append("; start ").append(start.get().store().entries())
                .append(", middle ").append(checkpoint(soak, "middle").map(c -> String.valueOf(c.store().entries())).orElse("—"))
                .append(", end ").append(end.get().store().entries()).append(".\n");
    }

    private static void cpuShares(StringBuilder md, SoakRun soak) {
        Optional<SoakMonitor.Checkpoint> start = checkpoint(soak, "start");
        Optional<SoakMonitor.Checkpoint> end = checkpoint(soak, "end");
        if (start.isEmpty() || end.isEmpty() || start.get().cpu().machineMillis() < 0) {
            return;
        }
        SoakMonitor.CpuTime from = start.get().cpu();
        SoakMonitor.CpuTime to = end.get().cpu();
        double machine = to.machineMillis() - from.machineMillis();
        double server = 100 * (to.serverMillis() - from.serverMillis()) / machine;
        double generator = 100 * (to.loadGeneratorMillis() - from.loadGeneratorMillis()) / machine;
        double busy = 100 * (to.machineBusyMillis() - from.machineBusyMillis()) / machine;
        double others = Math.max(0, busy - server - generator);
        md.append(format("- CPU during the soak (share of all cores' time): Keycloak %.0f %%, Gatling %.0f %%, ", server, generator))
                .append(format("other processes %.0f %%, idle %.0f %%", others, 100 - busy))
                .append(others >= 5 ? " — the machine was shared with other work\n" : "\n");
    }

    private static long count(GatlingRunStats stats, String requestName) {
        return stats.request(requestName).map(GatlingRunStats.RequestStats::count).orElse(0L);
    }

    private static String format(String pattern, Object... values) {
        return String.format(Locale.ROOT, pattern, values);
    }
}
