package io.authbridge.benchmarks;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Watches the Keycloak JVM during the soak, on a thread of its own (never on Gatling's, whose event loop drives the
 * load): every sample interval, the single-use store's entries and writes from the metrics endpoint; at the start and
 * the end of the soak, and half-way, the heap after a full GC.
 *
 * <p>The store: AuthBridge writes used (nonce, nc) pairs, used signatures and lockout slots through
 * {@code session.singleUseObjects()}, which Infinispan keeps in the {@value #STORE_CACHE} cache. Its statistics
 * ({@code --metrics-enabled=true}) give the entries in memory, expired ones the reaper has not removed yet included,
 * and the writes since the server started.
 *
 * <p>The heap: {@code jcmd <pid> GC.class_histogram} runs a full GC and then counts the live objects, in one
 * attach. A separate {@code GC.run} and {@code GC.heap_info} would also count the garbage the load allocates between
 * the two commands, each a JVM start of its own.
 *
 * <p>The start and end checkpoints are taken with the store drained: the load pauses (start) or has stopped (end)
 * until a reaper pass one entry lifespan later has removed everything it wrote. The store's size follows the request
 * rate of its last few minutes, which on a shared machine can drift a lot during a soak (in a trial run it doubled:
 * from about 14,000 to 31,000 entries right after a pass, 9 MB of heap); the store's bound is checked on its own.
 * The middle checkpoint is taken under load, right after a reaper pass.
 */
final class SoakMonitor {

    static final String STORE_CACHE = "actionTokens";
    static final String ENTRIES_METRIC = "vendor_statistics_approximate_entries_in_memory";
    static final String WRITES_METRIC = "vendor_statistics_stores";

    /** The histogram's last line: {@code Total <instances> <bytes>}. */
    private static final Pattern HISTOGRAM_TOTAL = Pattern.compile("(?m)^Total\\s+\\d+\\s+(\\d+)\\s*$");
    /** A histogram line: {@code <rank>: <instances> <bytes> <class name> (<module>)}. */
    private static final Pattern HISTOGRAM_LINE = Pattern.compile("(?m)^\\s*\\d+:\\s+(\\d+)\\s+(\\d+)\\s+(\\S+)");
    /** Classes with less than this many bytes of live objects are left out of a checkpoint's histogram. */
    private static final long HISTOGRAM_MIN_BYTES = 100 * 1024;
    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    /** How often the store is counted while a checkpoint waits for a reaper pass. */
    private static final Duration PASS_POLL = Duration.ofSeconds(1);
    private static final Path PROC_STAT = Path.of("/proc/stat");

    /** The store at {@code atSecond} seconds after the load started. */
    record StoreSample(long atSecond, long entries, long writes) {
    }

    /**
     * @param drained       taken with the load paused until the store had removed everything it wrote
     * @param liveHeapBytes the live objects after a full GC
     * @param classes       the live objects of each class with at least {@value #HISTOGRAM_MIN_BYTES} bytes of them,
     *                      so that the report can say what grew
     */
    record Checkpoint(String name, long atSecond, boolean drained, long liveHeapBytes, Map<String, ClassUsage> classes,
                      StoreSample store, CpuTime cpu) {
    }

    record ClassUsage(long instances, long bytes) {
    }

    /** One {@code GC.class_histogram}: the total and the large classes. */
    private record Histogram(long liveBytes, Map<String, ClassUsage> classes) {
    }

    /**
     * CPU time used so far by the server, by this JVM (the load generator), and by the whole machine (busy and in all,
     * from Linux' {@code /proc/stat}; -1 elsewhere): the difference between two checkpoints shows how much of the
     * machine other processes took.
     */
    record CpuTime(long serverMillis, long loadGeneratorMillis, long machineBusyMillis, long machineMillis) {
    }

    private final SoakSettings settings;
    private final long clockTicksPerSecond;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();
    private final ScheduledExecutorService thread = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread monitor = new Thread(runnable, "soak-monitor");
        monitor.setDaemon(true);
        return monitor;
    });
    // Written by the monitor thread only; read after it has stopped.
    private final List<StoreSample> samples = new ArrayList<>();
    private final List<Checkpoint> checkpoints = new ArrayList<>();
    private final List<String> errors = new ArrayList<>();
    private long startNanos;
    private volatile boolean started;

    private SoakMonitor(SoakSettings settings) {
        this.settings = settings;
        this.clockTicksPerSecond = Files.isReadable(PROC_STAT) ? Long.parseLong(run(List.of("getconf", "CLK_TCK")).trim()) : -1;
    }

    /**
     * Checks that both sources answer, then starts sampling: the load starts now.
     *
     * @throws IllegalStateException without the store's metrics or a Keycloak JVM to attach to
     */
    static SoakMonitor start(SoakSettings settings) {
        SoakMonitor monitor = new SoakMonitor(settings);
        monitor.requireKeycloakJvm();
        monitor.startNanos = System.nanoTime();
        monitor.storeNow();
        monitor.thread.scheduleAtFixedRate(() -> monitor.guarded(() -> monitor.keepEveryInterval(monitor.storeNow())),
                0, settings.sampleInterval().toMillis(), TimeUnit.MILLISECONDS);
        monitor.thread.schedule(() -> {
            try {
                monitor.guarded(() -> monitor.checkpoint("start", true));
            } finally {
                monitor.started = true;
                monitor.thread.schedule(() -> monitor.guarded(() -> monitor.checkpoint("middle", false)),
                        settings.duration().dividedBy(2).toMillis(), TimeUnit.MILLISECONDS);
            }
        }, settings.warmup().toMillis(), TimeUnit.MILLISECONDS);
        return monitor;
    }

    /** True once the start checkpoint is taken (or failed): the soak's load may begin. */
    boolean started() {
        return started;
    }

    /** Once the load has stopped: takes the end checkpoint, then stops sampling. */
    void finish() {
        try {
            thread.submit(() -> guarded(() -> checkpoint("end", true))).get();
            thread.shutdown();
            if (!thread.awaitTermination(TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
                errors.add("the last sample did not finish within " + TIMEOUT.toSeconds() + " s");
            }
        } catch (ExecutionException e) {
            errors.add(String.valueOf(e.getCause()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            errors.add("interrupted before the end checkpoint");
        } finally {
            thread.shutdownNow();
        }
    }

    List<StoreSample> samples() {
        return List.copyOf(samples);
    }

    List<Checkpoint> checkpoints() {
        return List.copyOf(checkpoints);
    }

    /** What went wrong while sampling; the report fails the run when this is not empty. */
    List<String> errors() {
        return List.copyOf(errors);
    }

    private void guarded(Runnable task) {
        try {
            task.run();
        } catch (RuntimeException e) {
            errors.add(secondsSinceStart() + " s: " + e.getMessage());
        }
    }

    /**
     * Right after the next reaper pass, once the entries have dropped and stopped dropping; with {@code drained}, the
     * first pass one entry lifespan from now on, which removes every entry written until now.
     */
    private void checkpoint(String name, boolean drained) {
        long notBefore = System.nanoTime() + (drained ? settings.entryLifespan().toNanos() : 0);
        long deadline = notBefore + SoakSettings.REAPER_INTERVAL.multipliedBy(2).toNanos();
        StoreSample previous = storeNow();
        boolean dropped = false;
        while (true) {
            sleep(PASS_POLL);
            StoreSample current = storeNow();
            keepEveryInterval(current);
            if (current.entries() < previous.entries() && System.nanoTime() >= notBefore) {
                dropped = true;
            } else if (dropped) {
                break;
            } else if (System.nanoTime() > deadline) {
                throw new IllegalStateException("no reaper pass within " + SoakSettings.REAPER_INTERVAL.multipliedBy(2).toSeconds()
                        + " s for the " + name + " checkpoint: the store's expired entries are not being removed");
            }
            previous = current;
        }
        Histogram heap = histogram();
        StoreSample store = storeNow();
        checkpoints.add(new Checkpoint(name, store.atSecond(), drained, heap.liveBytes(), heap.classes(), store, cpuNow()));
        samples.add(store);
    }

    /**
     * Keeps a sample unless the last one kept is more recent than about an interval: while a checkpoint waits, its
     * polls carry the series on, and the periodic samples it delayed, which then run back to back, are dropped.
     */
    private void keepEveryInterval(StoreSample sample) {
        if (samples.isEmpty() || sample.atSecond() - samples.get(samples.size() - 1).atSecond() >= settings.sampleInterval().toSeconds() - 1) {
            samples.add(sample);
        }
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    private CpuTime cpuNow() {
        long machineBusy = -1;
        long machine = -1;
        if (clockTicksPerSecond > 0) {
            // cpu  user nice system idle iowait irq softirq steal …, in clock ticks
            String[] ticks = readFirstLine(PROC_STAT).trim().split("\\s+");
            long busy = 0;
            for (int field : new int[] {1, 2, 3, 6, 7, 8}) {
                busy += Long.parseLong(ticks[field]);
            }
            machineBusy = busy * 1000 / clockTicksPerSecond;
            machine = (busy + Long.parseLong(ticks[4]) + Long.parseLong(ticks[5])) * 1000 / clockTicksPerSecond;
        }
        return new CpuTime(cpuMillis(ProcessHandle.of(settings.serverPid())), cpuMillis(Optional.of(ProcessHandle.current())),
                machineBusy, machine);
    }

    private static long cpuMillis(Optional<ProcessHandle> process) {
        return process.flatMap(handle -> handle.info().totalCpuDuration()).map(Duration::toMillis).orElse(-1L);
    }

    private static String readFirstLine(Path file) {
        try {
            return Files.readAllLines(file).get(0);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + file, e);
        }
    }

    private StoreSample storeNow() {
        String metrics = get(settings.managementUrl().resolve("/metrics"));
        return new StoreSample(secondsSinceStart(), metric(metrics, ENTRIES_METRIC), metric(metrics, WRITES_METRIC));
    }

    private long secondsSinceStart() {
        return TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - startNanos);
    }

    /** The value of {@code name{…cache="actionTokens"…}} in Prometheus' text format. */
    static long metric(String metrics, String name) {
        Matcher line = Pattern.compile("(?m)^" + Pattern.quote(name) + "\\{[^}]*cache=\"" + STORE_CACHE + "\"[^}]*\\}\\s+(\\S+)")
                .matcher(metrics);
        if (!line.find()) {
            throw new IllegalStateException("No " + name + " for the " + STORE_CACHE + " cache at "
                    + "the metrics endpoint: start Keycloak with --metrics-enabled=true");
        }
        return (long) Double.parseDouble(line.group(1));
    }

    private void requireKeycloakJvm() {
        boolean keycloak = ProcessHandle.of(settings.serverPid())
                .flatMap(process -> process.info().commandLine())
                .filter(commandLine -> commandLine.contains("kc.home.dir"))
                .isPresent();
        if (!keycloak) {
            throw new IllegalStateException("Process " + settings.serverPid() + " is not a Keycloak JVM (-DserverPid)");
        }
    }

    private Histogram histogram() {
        Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
        String output = run(List.of(Files.isExecutable(jcmd) ? jcmd.toString() : "jcmd",
                String.valueOf(settings.serverPid()), "GC.class_histogram"));
        Matcher total = HISTOGRAM_TOTAL.matcher(output);
        if (!total.find()) {
            throw new IllegalStateException("jcmd GC.class_histogram printed no Total line: "
                    + output.substring(0, Math.min(output.length(), 500)));
        }
        Map<String, ClassUsage> classes = new TreeMap<>();
        Matcher line = HISTOGRAM_LINE.matcher(output);
        while (line.find()) {
            long bytes = Long.parseLong(line.group(2));
            if (bytes >= HISTOGRAM_MIN_BYTES) {
                classes.put(line.group(3), new ClassUsage(Long.parseLong(line.group(1)), bytes));
            }
        }
        return new Histogram(Long.parseLong(total.group(1)), classes);
    }

    private static String run(List<String> command) {
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (process.waitFor() != 0) {
                throw new IllegalStateException(String.join(" ", command) + " failed: " + output);
            }
            return output;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot run " + command.get(0), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while running " + String.join(" ", command), e);
        }
    }

    private String get(URI uri) {
        try {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(uri).timeout(TIMEOUT).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            KeycloakAdminClient.expectStatus(response, 200, "GET " + uri);
            return response.body();
        } catch (IOException e) {
            throw new UncheckedIOException("Keycloak's management interface at " + uri + " did not answer", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while calling " + uri, e);
        }
    }
}
