package io.authbridge.it.harness;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * One real Keycloak server process from the unpacked {@code keycloak-quarkus-dist} zip, with the freshly built
 * AuthBridge provider jars in its {@code providers/} folder.
 * <p>
 * The distribution is built once ({@code kc.sh build}, skipped when jars and build options are unchanged) and
 * started with {@code start --optimized} on free loopback ports. It listens on {@code ::} (dual stack) so tests
 * can call it from IPv6 {@code ::1} and from any IPv4 loopback address (127.0.0.2, 127.0.0.3, …), each of which
 * Keycloak sees as a distinct client address.
 */
public final class KeycloakDistribution implements AutoCloseable {

    public static final String ADMIN_USER = "admin";
    public static final String ADMIN_PASSWORD = "admin";

    /** Build-time options: an in-memory database keeps each test server self-contained. */
    private static final List<String> BUILD_OPTIONS = List.of("--db=dev-mem", "--health-enabled=true",
            // preview feature, so the rotated-secret grace period of client-http-digest can be tested
            "--features=client-secret-rotation");
    /** Build-time options of a cluster node: PostgreSQL, Infinispan's default distributed caches. */
    public static final List<String> CLUSTER_BUILD_OPTIONS = List.of("--db=postgres", "--health-enabled=true",
            "--features=client-secret-rotation");
    private static final Duration STARTUP_TIMEOUT = Duration.ofMinutes(4);

    private final Path home;
    private final String name;
    private final Path logFile;
    private final Path pidFile;
    private final int httpPort;
    private final int managementPort;
    private Process process;
    private List<String> lastRuntimeOptions = List.of();
    private static FileLock runLock;

    private KeycloakDistribution(Path home, String name, Path outputDir) {
        this.home = home;
        this.name = name;
        this.logFile = outputDir.resolve(name + ".log");
        this.pidFile = outputDir.resolve(name + ".pid");
        this.httpPort = freePort();
        this.managementPort = freePort();
        try {
            Files.deleteIfExists(logFile); // a fresh log per run; a restart of this server appends to it
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Starts a server named {@code name} (its log is {@code target/<name>.log}) with extra runtime options. */
    public static KeycloakDistribution start(String name, List<String> runtimeOptions) {
        Path home = Path.of(requiredProperty("keycloak.home"));
        Path outputDir = Path.of(requiredProperty("test.output.dir"));
        holdDistributionForThisRun(outputDir);
        KeycloakDistribution server = new KeycloakDistribution(home, name, outputDir);
        server.killLeftOverFromInterruptedRun();
        synchronized (KeycloakDistribution.class) {
            installProvidersAndBuild(home, outputDir, BUILD_OPTIONS);
        }
        // A single node: local caches, no cluster discovery between concurrently running test servers.
        List<String> options = new ArrayList<>(List.of("--cache=local"));
        options.addAll(runtimeOptions);
        server.launch(options);
        return server;
    }

    /**
     * A node of a cluster: its own copy of the distribution ({@code home}, built by {@link #buildCopy}), started with
     * Infinispan's distributed caches and the given options (database URL, JGroups address and port, …), which may
     * depend on the node's own ports.
     */
    public static KeycloakDistribution startClusterNode(String name, Path home,
                                                        Function<KeycloakDistribution, List<String>> runtimeOptions) {
        Path outputDir = Path.of(requiredProperty("test.output.dir"));
        KeycloakDistribution server = new KeycloakDistribution(home, name, outputDir);
        server.killLeftOverFromInterruptedRun();
        server.launch(runtimeOptions.apply(server));
        return server;
    }

    /**
     * A copy of the unpacked distribution at {@code copy}, with the provider jars, built with {@code buildOptions}
     * — skipped when the copy is already built from the same jars and options.
     */
    public static void buildCopy(Path copy, List<String> buildOptions) {
        Path original = Path.of(requiredProperty("keycloak.home"));
        Path outputDir = Path.of(requiredProperty("test.output.dir"));
        holdDistributionForThisRun(outputDir);
        try {
            if (!Files.exists(copy.resolve("bin/kc.sh"))) {
                Files.createDirectories(copy);
                Process cp = new ProcessBuilder("cp", "-a", original + "/.", copy.toString()).inheritIO().start();
                if (!cp.waitFor(5, TimeUnit.MINUTES) || cp.exitValue() != 0) {
                    throw new IllegalStateException("copying " + original + " to " + copy + " failed");
                }
                Files.deleteIfExists(copy.resolve("authbridge-build.sha256"));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        synchronized (KeycloakDistribution.class) {
            installProvidersAndBuild(copy, outputDir, buildOptions);
        }
    }

    /**
     * Makes {@code copy} a copy of the built distribution {@code built} (timestamps kept, so the optimized build stays
     * valid), without its {@code data/}; skipped when the copy already has the same build.
     */
    public static void copyBuild(Path built, Path copy) {
        try {
            Path marker = Path.of("authbridge-build.sha256");
            String builtFingerprint = Files.readString(built.resolve(marker));
            if (Files.exists(copy.resolve(marker)) && Files.readString(copy.resolve(marker)).equals(builtFingerprint)) {
                return;
            }
            if (Files.exists(copy)) {
                run(List.of("rm", "-rf", copy.toString()));
            }
            run(List.of("cp", "-a", built.toString(), copy.toString()));
            run(List.of("rm", "-rf", copy.resolve("data").toString()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void run(List<String> command) throws IOException {
        try {
            Process process = new ProcessBuilder(command).inheritIO().start();
            if (!process.waitFor(5, TimeUnit.MINUTES) || process.exitValue() != 0) {
                throw new IllegalStateException(String.join(" ", command) + " failed");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Whether the server process is running (a node killed by a test is not). */
    public synchronized boolean isAlive() {
        return process != null && process.isAlive();
    }

    /** Kills the server process and its JVM at once (SIGKILL), as a crashed machine would. */
    public synchronized void kill() {
        if (process == null) {
            return;
        }
        List<ProcessHandle> tree = new ArrayList<>(process.toHandle().descendants().toList());
        tree.add(process.toHandle());
        tree.forEach(ProcessHandle::destroyForcibly);
        for (ProcessHandle p : tree) {
            try {
                p.onExit().get(30, TimeUnit.SECONDS);
            } catch (Exception e) {
                // already gone
            }
        }
        process = null;
    }

    /** Stops the server's processes with SIGSTOP, as a machine that freezes (a long GC pause, a stalled VM) would. */
    public synchronized void pause() {
        signal("STOP");
    }

    /** Lets the processes stopped by {@link #pause()} run again (SIGCONT). */
    public synchronized void resume() {
        signal("CONT");
    }

    private void signal(String name) {
        if (process == null) {
            throw new IllegalStateException(this.name + " is not running");
        }
        List<String> command = new ArrayList<>(List.of("kill", "-" + name, Long.toString(process.pid())));
        process.toHandle().descendants().forEach(child -> command.add(Long.toString(child.pid())));
        try {
            run(command);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Starts the server again with the same ports and options after {@link #kill()}. */
    public synchronized void restart() {
        if (process != null) {
            throw new IllegalStateException(name + " is running");
        }
        launch(lastRuntimeOptions);
    }

    public String name() {
        return name;
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + httpPort;
    }

    public String baseUrl(String host) {
        return "http://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + httpPort;
    }

    public int httpPort() {
        return httpPort;
    }

    public Path logFile() {
        return logFile;
    }

    public String logTail(int lines) {
        return tail(logFile, lines);
    }

    /**
     * Two test runs in one checkout (two terminals, an IDE and Maven) would rebuild the same distribution and take
     * each other's servers for left-overs. The first server start of a run takes an exclusive lock that the JVM
     * holds until it exits; a second run waits for it.
     */
    private static synchronized void holdDistributionForThisRun(Path outputDir) {
        if (runLock != null) {
            return;
        }
        try {
            FileChannel channel = FileChannel.open(outputDir.resolve("keycloak-dist.lock"),
                    StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            FileLock lock = channel.tryLock();
            if (lock == null) {
                System.err.println("Another test run uses the Keycloak distribution in " + outputDir + "; waiting for it to finish");
                lock = channel.lock();
            }
            runLock = lock;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void installProvidersAndBuild(Path home, Path outputDir, List<String> buildOptions) {
        Path providersSource = Path.of(requiredProperty("authbridge.providers.dir"));
        try {
            List<Path> jars;
            try (Stream<Path> list = Files.list(providersSource)) {
                jars = list.filter(p -> p.toString().endsWith(".jar")).sorted().toList();
            }
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            digest.update(String.join(" ", buildOptions).getBytes(StandardCharsets.UTF_8));
            for (Path jar : jars) {
                digest.update(Files.readAllBytes(jar));
            }
            String fingerprint = HexFormat.of().formatHex(digest.digest());
            Path marker = home.resolve("authbridge-build.sha256");
            if (Files.exists(marker) && Files.readString(marker).equals(fingerprint)) {
                // Same jars, same build options: the augmented server is current. Copying the jars again would
                // change their timestamps and make Keycloak refuse an optimized start.
                return;
            }
            Path providers = home.resolve("providers");
            try (Stream<Path> old = Files.list(providers)) {
                for (Path jar : old.filter(p -> p.getFileName().toString().startsWith("authbridge-")).toList()) {
                    Files.delete(jar);
                }
            }
            for (Path jar : jars) {
                Files.copy(jar, providers.resolve(jar.getFileName()));
            }
            List<String> command = new ArrayList<>(List.of(home.resolve("bin/kc.sh").toString(), "build"));
            command.addAll(buildOptions);
            Path buildLog = outputDir.resolve("keycloak-build-" + home.getFileName() + ".log");
            Process build = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(buildLog.toFile()).start();
            if (!build.waitFor(5, TimeUnit.MINUTES) || build.exitValue() != 0) {
                build.destroyForcibly();
                throw new IllegalStateException("kc.sh build failed; see " + buildLog + ":\n" + tail(buildLog, 40));
            }
            Files.writeString(marker, fingerprint);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private void launch(List<String> runtimeOptions) {
        lastRuntimeOptions = List.copyOf(runtimeOptions);
        List<String> command = new ArrayList<>(List.of(home.resolve("bin/kc.sh").toString(), "start", "--optimized",
                "--http-enabled=true", "--http-host=::", "--http-port=" + httpPort,
                "--http-management-port=" + managementPort, "--hostname-strict=false"));
        // Options starting with -D are JVM system properties (JGroups' on lines without Keycloak options for them).
        runtimeOptions.stream().filter(option -> !option.startsWith("-D")).forEach(command::add);
        String systemProperties = String.join(" ", runtimeOptions.stream().filter(option -> option.startsWith("-D")).toList());
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()));
        Map<String, String> env = builder.environment();
        if (!systemProperties.isEmpty()) {
            env.put("JAVA_OPTS_APPEND", (env.getOrDefault("JAVA_OPTS_APPEND", "") + " " + systemProperties).trim());
        }
        env.put("KC_BOOTSTRAP_ADMIN_USERNAME", ADMIN_USER);
        env.put("KC_BOOTSTRAP_ADMIN_PASSWORD", ADMIN_PASSWORD);
        try {
            process = builder.start();
            Files.writeString(pidFile, Long.toString(process.pid()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Runtime.getRuntime().addShutdownHook(new Thread(this::close, "stop-" + name));
        awaitReady();
    }

    /** The server answers 503 on /health/ready while it finishes starting; wait for 200 on the management port. */
    private void awaitReady() {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        URI ready = URI.create("http://127.0.0.1:" + managementPort + "/health/ready");
        Instant deadline = Instant.now().plus(STARTUP_TIMEOUT);
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException("Keycloak (" + name + ") exited with " + process.exitValue()
                        + " during start-up:\n" + logTail(60));
            }
            try {
                HttpResponse<Void> response = http.send(HttpRequest.newBuilder(ready).timeout(Duration.ofSeconds(5)).build(),
                        HttpResponse.BodyHandlers.discarding());
                if (response.statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                close();
                throw new IllegalStateException("interrupted while waiting for Keycloak", e);
            }
            sleep(500);
        }
        close();
        throw new IllegalStateException("Keycloak (" + name + ") not ready after " + STARTUP_TIMEOUT + ":\n" + logTail(60));
    }

    /** Stops the server by its PID (and the JVM that kc.sh started), also when tests failed. Idempotent. */
    @Override
    public synchronized void close() {
        if (process == null) {
            return;
        }
        stop(process.toHandle());
        process = null;
        try {
            Files.deleteIfExists(pidFile);
        } catch (IOException ignored) {
            // a stale pid file is handled at the next start
        }
    }

    private static void stop(ProcessHandle handle) {
        List<ProcessHandle> tree = new ArrayList<>(handle.descendants().toList());
        tree.add(handle);
        tree.forEach(ProcessHandle::destroy);
        for (ProcessHandle p : tree) {
            try {
                p.onExit().get(30, TimeUnit.SECONDS);
            } catch (Exception e) {
                p.destroyForcibly();
            }
        }
    }

    /** A server of an earlier run that was killed before it could clean up would hold memory and ports. */
    private void killLeftOverFromInterruptedRun() {
        try {
            if (Files.exists(pidFile)) {
                long pid = Long.parseLong(Files.readString(pidFile).trim());
                ProcessHandle.of(pid)
                        .filter(p -> p.info().commandLine().map(c -> c.contains(home.toString())).orElse(false))
                        .ifPresent(KeycloakDistribution::stop);
                Files.deleteIfExists(pidFile);
            }
        } catch (IOException | NumberFormatException e) {
            // nothing to clean up
        }
    }

    private static String tail(Path file, int lines) {
        try {
            List<String> all = Files.readAllLines(file, StandardCharsets.UTF_8);
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException e) {
            return "(no log at " + file + ")";
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static String requiredProperty(String key) {
        String value = System.getProperty(key);
        if (value == null || value.isBlank()) {
            throw new IllegalStateException("System property " + key + " is not set; run the tests through Maven (./mvnw verify)");
        }
        return value;
    }
}
