package io.authbridge.it.harness;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.junit.jupiter.api.extension.ExtensionContext;
import org.keycloak.admin.client.Keycloak;

/**
 * Two Keycloak nodes in production mode on one PostgreSQL database, clustered by Infinispan's default distributed
 * caches with JGroups' database discovery ({@code jdbc-ping}) — the topology of {@code docker/docker-compose.yml}.
 * One {@code kc.sh build} (node A's copy of the distribution, {@code target/keycloak-cluster/node-a}, skipped when
 * unchanged), copied for node B ({@code node-b}); each node runs {@code start --optimized} from its own copy on its
 * own loopback ports (HTTP, management, JGroups). Started by
 * the first cluster test class, kept in JUnit's root store, stopped by PID at the end of the run.
 * <p>
 * The database comes from {@code authbridge.cluster.db.*} (default {@code jdbc:postgresql://127.0.0.1:5432/authbridge},
 * user and password {@code authbridge}); {@code .ci/run} installs PostgreSQL and creates it.
 */
public final class KeycloakCluster implements AutoCloseable {

    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(KeycloakCluster.class);
    /** A new view (ISPN000094) or, when a restarted node first formed a cluster of its own, a merged one (ISPN000093). */
    private static final Pattern CLUSTER_VIEW = Pattern.compile(
            "ISPN00009[34]: Received new(?:, MERGED)? cluster view for channel \\S+: (?:MergeView::)?\\[[^\\]]*\\] \\((\\d+)\\)");
    private static final Duration VIEW_TIMEOUT = Duration.ofMinutes(2);
    private static final String LOOPBACK_CACHE_CONFIG = "cache-ispn-authbridge-loopback.xml";

    private final List<KeycloakDistribution> nodes;
    private final Keycloak admin;

    private KeycloakCluster(List<KeycloakDistribution> nodes) {
        this.nodes = nodes;
        this.admin = Keycloak.getInstance(nodes.get(0).baseUrl(), "master",
                KeycloakDistribution.ADMIN_USER, KeycloakDistribution.ADMIN_PASSWORD, "admin-cli");
    }

    public static KeycloakCluster get(ExtensionContext context) {
        return context.getRoot().getStore(NAMESPACE).getOrComputeIfAbsent(KeycloakCluster.class,
                key -> start(), KeycloakCluster.class);
    }

    private static KeycloakCluster start() {
        KeycloakLine line = KeycloakLine.current();
        // Per distribution version: a copy built from another version must not be reused.
        Path base = Path.of(System.getProperty("test.output.dir"), "keycloak-cluster", System.getProperty("keycloak.dist.version"));
        List<Integer> jgroupsPorts = List.of(freePort(), freePort());
        emptyDatabase();
        List<KeycloakDistribution> nodes = new ArrayList<>();
        try {
            // One kc.sh build (node A's copy); node B runs a copy of that build.
            KeycloakDistribution.buildCopy(base.resolve("node-a"), KeycloakDistribution.CLUSTER_BUILD_OPTIONS);
            KeycloakDistribution.copyBuild(base.resolve("node-a"), base.resolve("node-b"));
            for (String node : List.of("node-a", "node-b")) {
                Path home = base.resolve(node);
                if (!line.atLeast("26.2")) {
                    // 26.0 discovers nodes by UDP multicast by default; both nodes here are on 127.0.0.1: TCP and
                    // TCPPING instead (--cache-config-file, a run-time option there).
                    writeConf(home, LOOPBACK_CACHE_CONFIG, resource("/cluster/cache-ispn-26.0.xml"));
                }
                int jgroupsPort = jgroupsPorts.get(nodes.size());
                // One public URL for both, as behind a load balancer: node A's. Tokens, cookies and their issuer
                // are then valid on either node, and a test picks the node by the port it calls.
                nodes.add(KeycloakDistribution.startClusterNode("cluster-" + node, home, self -> {
                    List<String> options = new ArrayList<>(nodeOptions(line, jgroupsPort, jgroupsPorts));
                    options.add("--hostname=" + (nodes.isEmpty() ? self : nodes.get(0)).baseUrl());
                    return options;
                }));
            }
            KeycloakCluster cluster = new KeycloakCluster(nodes);
            cluster.awaitClusterView(2);
            return cluster;
        } catch (RuntimeException e) {
            nodes.forEach(KeycloakDistribution::close);
            throw e;
        }
    }

    /**
     * The database and where JGroups listens: Keycloak's {@code --cache-embedded-network-*} options from 26.4; before,
     * JGroups' own system properties (options starting with {@code -D} go to {@code JAVA_OPTS_APPEND}).
     */
    private static List<String> nodeOptions(KeycloakLine line, int jgroupsPort, List<Integer> allJgroupsPorts) {
        List<String> options = new ArrayList<>(List.of(
                "--db-url=" + System.getProperty("authbridge.cluster.db.url"),
                "--db-username=" + System.getProperty("authbridge.cluster.db.username"),
                "--db-password=" + System.getProperty("authbridge.cluster.db.password")));
        if (line.atLeast("26.4")) {
            options.add("--cache-embedded-network-bind-address=127.0.0.1");
            options.add("--cache-embedded-network-bind-port=" + jgroupsPort);
        } else {
            options.add("-Djgroups.bind.address=127.0.0.1");
            options.add("-Djgroups.bind.port=" + jgroupsPort);
            options.add("-Djgroups.tcpping.initial_hosts=" + allJgroupsPorts.stream()
                    .map(port -> "127.0.0.1[" + port + "]").collect(Collectors.joining(",")));
        }
        if (!line.atLeast("26.2")) {
            options.add("--cache-config-file=" + LOOPBACK_CACHE_CONFIG);
        }
        return options;
    }

    /** Stops the cluster's (local) PostgreSQL at once, cutting open connections, as a database crash would. */
    public void stopDatabase() {
        databaseService("stop");
    }

    /** Starts it again after {@link #stopDatabase()}. */
    public void startDatabase() {
        databaseService("start");
    }

    private static void databaseService(String action) {
        Path script = Path.of(System.getProperty("authbridge.repo.dir"), "scripts", "local-postgres-service.sh");
        runToCompletion(new ProcessBuilder(script.toString(), action), script + " " + action);
    }

    /**
     * Starts every run on an empty database: the matrix runs the cluster suite on several Keycloak lines, and an older
     * Keycloak refuses a schema that a newer one migrated (Liquibase validation fails). Uses the PostgreSQL client.
     */
    private static void emptyDatabase() {
        Matcher url = Pattern.compile("jdbc:postgresql://([^:/]+)(?::(\\d+))?/([^?]+).*")
                .matcher(System.getProperty("authbridge.cluster.db.url"));
        if (!url.matches()) {
            throw new IllegalStateException("not a PostgreSQL URL: " + System.getProperty("authbridge.cluster.db.url"));
        }
        ProcessBuilder psql = new ProcessBuilder("psql", "-q", "-v", "ON_ERROR_STOP=1", "-h", url.group(1),
                "-p", url.group(2) == null ? "5432" : url.group(2), "-U", System.getProperty("authbridge.cluster.db.username"),
                "-d", url.group(3), "-c", "DROP SCHEMA IF EXISTS public CASCADE; CREATE SCHEMA public;");
        psql.environment().put("PGPASSWORD", System.getProperty("authbridge.cluster.db.password"));
        runToCompletion(psql, "emptying the cluster database");
    }

    /** Runs {@code command} and waits for it; a non-zero exit fails with its output. */
    private static void runToCompletion(ProcessBuilder command, String what) {
        try {
            Process process = command.redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (process.waitFor() != 0) {
                throw new IllegalStateException(what + " failed: " + output);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static void writeConf(Path home, String name, String content) {
        try {
            Files.writeString(home.resolve("conf").resolve(name), content);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String resource(String name) {
        try (var in = KeycloakCluster.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("missing test resource " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public KeycloakDistribution node(int index) {
        return nodes.get(index);
    }

    public List<KeycloakDistribution> nodes() {
        return nodes;
    }

    /** The admin REST API through node A. */
    public Keycloak admin() {
        return admin;
    }

    /** Waits until every running node's latest Infinispan cluster view has {@code members} members. */
    public void awaitClusterView(int members) {
        Instant deadline = Instant.now().plus(VIEW_TIMEOUT);
        while (true) {
            List<String> views = new ArrayList<>();
            boolean all = true;
            for (KeycloakDistribution node : nodes) {
                if (!node.isAlive()) {
                    continue;
                }
                int size = latestViewSize(node.logFile());
                views.add(node.name() + ": " + size);
                all &= size == members;
            }
            if (all) {
                return;
            }
            if (Instant.now().isAfter(deadline)) {
                throw new IllegalStateException("no cluster view of " + members + " members after " + VIEW_TIMEOUT + " " + views
                        + "\n" + nodes.get(0).logTail(30) + "\n" + nodes.get(1).logTail(30));
            }
            try {
                Thread.sleep(500);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }

    private static int latestViewSize(Path log) {
        try {
            Matcher matcher = CLUSTER_VIEW.matcher(Files.readString(log, StandardCharsets.UTF_8));
            int size = 0;
            while (matcher.find()) {
                size = Integer.parseInt(matcher.group(1));
            }
            return size;
        } catch (IOException e) {
            return 0;
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        admin.close();
        nodes.forEach(KeycloakDistribution::close);
    }
}
