package io.authbridge.benchmarks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Writes SOAK.md and soak.png for the soak the same Maven build just ran (pom.xml, profile {@code soak}), and exits
 * with 1 when a check failed: a failed request, the live heap at the end more than {@value #HEAP_TOLERANCE_PERCENT} %
 * off the start, a store sample with more entries than its lifespans allow, or a reaper that stopped passing.
 *
 * <p>Arguments: the Gatling results folder, the file the simulation wrote ({@link SoakRun}), the output folder.
 */
public final class SoakReport {

    static final int HEAP_TOLERANCE_PERCENT = 10;
    private static final double MB = 1024 * 1024;
    private static final int GROWTH_ROWS = 15;

    /** One row of the checks table; the run passes when every row does. */
    record Check(String what, String expected, String measured, boolean passed) {
    }

    /**
     * A store sample of the soak and the most entries it may hold: the writes since the latest reaper pass before it,
     * minus one entry lifespan, plus what the drain before the soak left.
     *
     * @param secondsSincePass from the last sample before that pass to this sample
     */
    record Bounded(SoakMonitor.StoreSample sample, long bound, long secondsSincePass) {

        boolean within() {
            return sample.entries() <= bound;
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
     * Each sample from the start checkpoint on, bounded by the latest reaper pass before it. A pass removes every
     * entry whose lifespan has run out, so after it only entries written less than a lifespan before it remain, plus
     * those written since. A pass shows as a run of falling samples; it began after the last sample before the run,
     * so the bound counts the writes since the latest sample a lifespan (and a second, for the rounding of the
     * samples' times) before that one. A sample inside a run is bounded by the pass before. What the drain before the
     * soak left is not the load's: Keycloak's own longer-lived entries (one, written when it started).
     */
    static List<Bounded> bounded(SoakRun soak) {
        List<SoakMonitor.StoreSample> samples = soak.samples();
        long soakStart = soakStart(soak);
        long leftByDrain = soak.checkpoint("start").map(start -> start.store().entries()).orElse(0L);
        List<Bounded> bounded = new ArrayList<>();
        int pass = -1;
        int falling = -1;
        for (int i = 1; i < samples.size(); i++) {
            SoakMonitor.StoreSample sample = samples.get(i);
            if (sample.entries() < samples.get(i - 1).entries()) {
                falling = falling < 0 ? i - 1 : falling;
            } else if (falling >= 0) {
                pass = falling;
                falling = -1;
            }
            if (sample.atSecond() < soakStart || pass < 0) {
                continue;
            }
            long passedAt = samples.get(pass).atSecond();
            long cutoff = passedAt - soak.entryLifespanSeconds() - 1;
            samples.stream().filter(earlier -> earlier.atSecond() <= cutoff).reduce((first, second) -> second)
                    .ifPresent(earlier -> bounded.add(new Bounded(sample, sample.writes() - earlier.writes() + leftByDrain,
                            sample.atSecond() - passedAt)));
        }
        return bounded;
    }

    private static List<Check> checks(SoakRun soak, GatlingRunStats stats, List<Bounded> bounded) {
        List<Check> checks = new ArrayList<>();
        long failed = stats.failedRequests();
        checks.add(new Check("Failed requests (whole run, warm-up included)", "0", String.valueOf(failed), failed == 0));
        checks.add(new Check("Sampling the server", "no errors",
                soak.errors().isEmpty() ? "no errors" : String.join("; ", soak.errors()), soak.errors().isEmpty()));

        Optional<SoakMonitor.Checkpoint> start = soak.checkpoint("start");
        Optional<SoakMonitor.Checkpoint> end = soak.checkpoint("end");
        String heap = "Live heap after a full GC with the store drained, end vs start";
        if (start.isPresent() && end.isPresent()) {
            double change = 100.0 * (end.get().liveHeapBytes() - start.get().liveHeapBytes()) / start.get().liveHeapBytes();
            checks.add(new Check(heap, "within ±" + HEAP_TOLERANCE_PERCENT + " %",
                    format("%.1f MB → %.1f MB (%+.1f %%)", mb(start.get()), mb(end.get()), change),
                    Math.abs(change) <= HEAP_TOLERANCE_PERCENT));
        } else {
            checks.add(new Check(heap, "start and end measured", "missing", false));
        }

        // The closest sample is shown among those under full load: right after the drained start, before anything
        // could expire, every sample equals its bound (all writes since), which says nothing about expiry.
        List<Bounded> full = underFullLoad(soak, bounded);
        long within = bounded.stream().filter(Bounded::within).count();
        checks.add(new Check("Store: entries ≤ writes since the last reaper pass − " + soak.entryLifespanSeconds()
                + " s (the lifespan), + what the drain before the soak left", "every sample of the soak",
                format("%d of %d samples within", within, bounded.size())
                        + full.stream().max(Comparator.comparingDouble(SoakReport::ratio))
                        .map(worst -> format("; under full load at most %.2f of the bound (%d entries vs %d at %d s)",
                                ratio(worst), worst.sample().entries(), worst.bound(), worst.sample().atSecond()))
                        .orElse(""),
                !bounded.isEmpty() && within == bounded.size()));

        long maxSincePass = 2 * soak.reaperIntervalSeconds() + soak.sampleSeconds();
        long regular = full.stream().filter(b -> b.secondsSincePass() <= maxSincePass).count();
        checks.add(new Check("Store: a reaper pass at most " + maxSincePass + " s before each sample under load",
                "every sample from one lifespan + reaper interval into the soak to its end",
                full.stream().max(Comparator.comparingLong(Bounded::secondsSincePass))
                        .map(worst -> format("%d of %d samples; longest %d s", regular, full.size(), worst.secondsSincePass()))
                        .orElse("no samples"),
                !full.isEmpty() && regular == full.size()));
        return checks;
    }

    /** Samples once the store can be full (a lifespan + reaper interval into the soak) until the load stopped. */
    private static List<Bounded> underFullLoad(SoakRun soak, List<Bounded> bounded) {
        long from = soakStart(soak) + soak.entryLifespanSeconds() + soak.reaperIntervalSeconds() + soak.sampleSeconds();
        long to = soakStart(soak) + soak.run().measureSeconds();
        return bounded.stream().filter(b -> b.sample().atSecond() >= from && b.sample().atSecond() <= to).toList();
    }

    /** When the soak's load began: at the start checkpoint (else after the warm-up, if that checkpoint failed). */
    static long soakStart(SoakRun soak) {
        return soak.checkpoint("start").map(SoakMonitor.Checkpoint::atSecond).orElse(soak.run().warmupSeconds());
    }

    private static double ratio(Bounded bounded) {
        return (double) bounded.sample().entries() / Math.max(1, bounded.bound());
    }

    private static double mb(SoakMonitor.Checkpoint checkpoint) {
        return checkpoint.liveHeapBytes() / MB;
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
        md.append("| Scenario | Requests (soak) | Requests/s | Failed | p50 (ms) | p99 (ms) | Warm-up requests |\n");
        md.append("|---|---:|---:|---:|---:|---:|---:|\n");
        for (RunInfo.Scenario scenario : run.scenarios()) {
            Optional<GatlingRunStats.RequestStats> measured = stats.request(scenario.name());
            md.append("| ").append(scenario.name()).append(" | ")
                    .append(measured.map(r -> r.count() + " | " + format("%.1f", (double) r.count() / run.measureSeconds())
                            + " | " + r.failed() + " | " + r.p50Millis() + " | " + r.p99Millis()).orElse("0 | 0 | — | — | —"))
                    .append(" | ").append(count(stats, BenchmarkScenario.WARMUP_PREFIX + scenario.name())).append(" |\n");
        }
        md.append("\nThe Digest scenario's count includes the `stale=true` 401 each virtual user gets once per nonce ")
                .append("lifetime (").append(soak.replayWindowSeconds()).append(" s) and answers with the fresh nonce; ")
                .append("any other status fails the request.\n");

        md.append("\n## Heap\n\n");
        md.append("| Checkpoint | At (s) | When | Live heap after full GC (MB) | Store entries |\n|---|---:|---|---:|---:|\n");
        for (SoakMonitor.Checkpoint checkpoint : soak.checkpoints()) {
            md.append("| ").append(checkpoint.name()).append(" | ").append(checkpoint.atSecond()).append(" | ")
                    .append(checkpoint.drained() ? "load paused, store drained" : "under load, right after a reaper pass")
                    .append(" | ").append(format("%.1f", mb(checkpoint))).append(" | ")
                    .append(checkpoint.store().entries()).append(" |\n");
        }

        growth(md, soak);

        md.append("\n## Single-use store\n\n");
        store(md, soak, stats, bounded);
        md.append("\n![Store entries and their bound over time](soak.png)\n");
        md.append("\n<details><summary>Every store sample</summary>\n\n");
        md.append("| At (s) | Entries | Writes (server's counter) | Bound |\n|---:|---:|---:|---:|\n");
        for (SoakMonitor.StoreSample sample : soak.samples()) {
            String bound = bounded.stream().filter(b -> b.sample() == sample).findFirst()
                    .map(b -> String.valueOf(b.bound())).orElse("—");
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
                .append("(each sends its next request when the previous one is answered); ").append(run.warmupSeconds())
                .append(" s warm-up, a pause until the store drained (start checkpoint), ").append(run.measureSeconds())
                .append(" s soak, then the end checkpoint once the store drained again\n");
        md.append("- SSO sessions: ").append(run.ssoSessions()).append(" browser sessions logged in by the setup, ")
                .append("each cookie exchange on the next one in turn\n");
        md.append("- Replay windows: Digest nonce lifetime and API-key maximum age ").append(soak.replayWindowSeconds())
                .append(" s; entry lifespans ").append(soak.digestEntryLifespanSeconds()).append(" s (Digest) and ")
                .append(soak.apiKeyEntryLifespanSeconds()).append(" s (API key); reaper interval ")
                .append(soak.reaperIntervalSeconds()).append(" s\n");
        md.append("- Store: Infinispan cache `").append(SoakMonitor.STORE_CACHE).append("` (Keycloak's single-use objects), `")
                .append(SoakMonitor.ENTRIES_METRIC).append("` and `").append(SoakMonitor.WRITES_METRIC)
                .append("`, every ").append(soak.sampleSeconds()).append(" s, every second while a checkpoint waits for a reaper pass\n");
        md.append("- Heap: `jcmd <pid> GC.class_histogram` (a full GC, then the live objects' total) at each checkpoint\n");
        md.append("- Gatling HTML report: ").append(runFolder.resolve("index.html")).append('\n');
        return md.toString();
    }

    /** The classes whose live objects grew most from the start to the end checkpoint. */
    private static void growth(StringBuilder md, SoakRun soak) {
        Optional<SoakMonitor.Checkpoint> start = soak.checkpoint("start");
        Optional<SoakMonitor.Checkpoint> end = soak.checkpoint("end");
        if (start.isEmpty() || end.isEmpty()) {
            return;
        }
        Map<String, SoakMonitor.ClassUsage> before = start.get().classes();
        Map<String, SoakMonitor.ClassUsage> after = end.get().classes();
        SoakMonitor.ClassUsage none = new SoakMonitor.ClassUsage(0, 0);
        List<String> grown = after.keySet().stream()
                .sorted(Comparator.comparingLong((String name) ->
                        after.get(name).bytes() - before.getOrDefault(name, none).bytes()).reversed())
                .limit(GROWTH_ROWS)
                .toList();
        md.append("\nLargest growth from start to end, by class (of the classes with at least 100 KB of live objects; ")
                .append("below that, a class counts as 0):\n\n");
        md.append("| Class | Instances start → end | MB start → end |\n|---|---:|---:|\n");
        for (String name : grown) {
            SoakMonitor.ClassUsage from = before.getOrDefault(name, none);
            SoakMonitor.ClassUsage to = after.get(name);
            md.append("| `").append(name).append("` | ").append(from.instances()).append(" → ").append(to.instances())
                    .append(" | ").append(format("%.2f → %.2f", from.bytes() / MB, to.bytes() / MB)).append(" |\n");
        }
    }

    /**
     * The store's figures: start, middle and end of the soak under load, the steady state to expect (the write rate
     * times an entry's lifespan, up to lifespan + reaper interval just before a pass), and writes against requests.
     */
    private static void store(StringBuilder md, SoakRun soak, GatlingRunStats stats, List<Bounded> bounded) {
        Optional<SoakMonitor.Checkpoint> start = soak.checkpoint("start");
        Optional<SoakMonitor.Checkpoint> end = soak.checkpoint("end");
        List<Bounded> full = underFullLoad(soak, bounded);
        if (start.isEmpty() || end.isEmpty() || full.isEmpty()) {
            md.append("No figures: a checkpoint or the samples under load are missing.\n");
            return;
        }
        long writes = end.get().store().writes() - start.get().store().writes();
        double rate = (double) writes / soak.run().measureSeconds();
        long lifespan = soak.entryLifespanSeconds();
        long requests = SoakSimulation.SCENARIOS.stream()
                .filter(name -> !name.equals(BenchmarkScenarios.COOKIE_EXCHANGE))
                .mapToLong(name -> count(stats, name))
                .sum();
        Bounded first = full.get(0);
        Bounded last = full.get(full.size() - 1);
        md.append("| | At (s) | Entries | Bound |\n|---|---:|---:|---:|\n");
        md.append("| start (store full: a lifespan + reaper interval into the soak) | ").append(first.sample().atSecond())
                .append(" | ").append(first.sample().entries()).append(" | ").append(first.bound()).append(" |\n");
        soak.checkpoint("middle").ifPresent(middle -> md.append("| middle (checkpoint, right after a reaper pass) | ")
                .append(middle.atSecond()).append(" | ").append(middle.store().entries()).append(" | ")
                .append(bounded.stream().filter(b -> b.sample().equals(middle.store())).findFirst()
                        .map(b -> String.valueOf(b.bound())).orElse("—")).append(" |\n"));
        md.append("| end (last sample under load) | ").append(last.sample().atSecond()).append(" | ")
                .append(last.sample().entries()).append(" | ").append(last.bound()).append(" |\n");
        md.append("| lowest / highest under load | | ")
                .append(full.stream().mapToLong(b -> b.sample().entries()).min().orElseThrow()).append(" / ")
                .append(full.stream().mapToLong(b -> b.sample().entries()).max().orElseThrow()).append(" | |\n");
        md.append("\nExpected: the soak wrote ").append(writes).append(" entries in ").append(soak.run().measureSeconds())
                .append(" s, ").append(format("%.1f", rate)).append("/s, for ").append(requests)
                .append(" Digest and API-key requests (one used nonce count or signature each, none for a Digest request ")
                .append("refused as stale; the cookie exchange writes none). An entry lives ").append(lifespan)
                .append(" s and stays until the next reaper pass, up to ").append(soak.reaperIntervalSeconds())
                .append(" s later, so under steady load the store holds rate × lifespan = ").append(format("%.0f", rate * lifespan))
                .append(" entries right after a pass and rate × (lifespan + reaper interval) = ")
                .append(format("%.0f", rate * (lifespan + soak.reaperIntervalSeconds())))
                .append(" right before the next. The bound of each sample is exact instead: the writes since its last ")
                .append("reaper pass − the lifespan, whatever the rate did.\n");
        perMinute(md, soak);
    }

    /** The write rate and the entries in each minute of the soak: the entries follow the rate of the last minutes. */
    private static void perMinute(StringBuilder md, SoakRun soak) {
        md.append("\n| Minute of the soak | Writes/s | Entries, lowest – highest |\n|---:|---:|---|\n");
        long soakStart = soakStart(soak);
        for (long minute = 0; minute * 60 < soak.run().measureSeconds(); minute++) {
            long from = soakStart + minute * 60;
            List<SoakMonitor.StoreSample> window = soak.samples().stream()
                    .filter(sample -> sample.atSecond() >= from && sample.atSecond() <= from + 60)
                    .toList();
            if (window.size() < 2) {
                continue;
            }
            SoakMonitor.StoreSample first = window.get(0);
            SoakMonitor.StoreSample last = window.get(window.size() - 1);
            md.append("| ").append(minute + 1).append(" | ")
                    .append(format("%.0f", (double) (last.writes() - first.writes()) / Math.max(1, last.atSecond() - first.atSecond())))
                    .append(" | ").append(window.stream().mapToLong(SoakMonitor.StoreSample::entries).min().orElseThrow())
                    .append(" – ").append(window.stream().mapToLong(SoakMonitor.StoreSample::entries).max().orElseThrow())
                    .append(" |\n");
        }
    }

    private static void cpuShares(StringBuilder md, SoakRun soak) {
        Optional<SoakMonitor.Checkpoint> start = soak.checkpoint("start");
        Optional<SoakMonitor.Checkpoint> end = soak.checkpoint("end");
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
        md.append(format("- CPU from the start to the end checkpoint (share of all cores' time): Keycloak %.0f %%, ", server))
                .append(format("Gatling %.0f %%, other processes %.0f %%, idle %.0f %%", generator, others, 100 - busy))
                .append(others >= 5 ? " — the machine was shared with other work\n" : "\n");
    }

    private static long count(GatlingRunStats stats, String requestName) {
        return stats.request(requestName).map(GatlingRunStats.RequestStats::count).orElse(0L);
    }

    private static String format(String pattern, Object... values) {
        return String.format(Locale.ROOT, pattern, values);
    }
}
