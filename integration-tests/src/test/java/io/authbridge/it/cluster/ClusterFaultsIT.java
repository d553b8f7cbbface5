package io.authbridge.it.cluster;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListSet;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLongArray;

import com.fasterxml.jackson.databind.JsonNode;
import io.authbridge.digest.core.DigestAlgorithm;
import io.authbridge.it.harness.ClusterRealm;
import io.authbridge.it.harness.DigestHeaders;
import io.authbridge.it.harness.KeycloakDistribution;
import io.authbridge.it.harness.TestRealm;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Faults in the two-node cluster under a bounded load of HMAC (API-key endpoint) and Digest (token endpoint) logins
 * on both nodes: PostgreSQL stopped for 20 s and started again; node A frozen with SIGSTOP for 10 s and resumed (the
 * kill is {@link ClusterFailoverIT}). Every second's answers are counted per node (2xx / 4xx / 5xx / no answer within
 * 10 s) and printed with one body of each kind of error. Throughout, an HMAC signature and a Digest header that logged
 * in before the fault are replayed to both nodes every second: never accepted. AuthBridge's endpoint answers a failed
 * database with 503 {@code temporarily_unavailable} (what Keycloak's token endpoint answers is printed); service is
 * back on both nodes within {@link #RECOVERY_BOUND} of the fault's end; and every session that got tokens — before,
 * during or after the fault — still refreshes afterwards.
 */
@Tag("cluster")
class ClusterFaultsIT {

    @RegisterExtension
    static final ClusterRealm apiKeys = ClusterRealm.importedFrom("/realms/api-key.json");
    @RegisterExtension
    static final ClusterRealm digest = ClusterRealm.importedFrom("/realms/digest.json");

    /** The bound this test holds the cluster to: every kind of request answered 2xx on both nodes again by then. */
    static final Duration RECOVERY_BOUND = Duration.ofSeconds(30);
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(10);
    private static final String[] KINDS = {"hmac", "digest"};
    /** Outcome classes, the columns of the per-second table. */
    private static final String[] OUTCOMES = {"2xx", "4xx", "5xx", "none"};

    @Test
    void theDatabaseStoppedFor20Seconds() throws Exception {
        Run run = run(apiKeys.cluster()::stopDatabase, Duration.ofSeconds(20), apiKeys.cluster()::startDatabase);
        assertAuthBridgeAnswersUnavailableItself(run);
    }

    @Test
    void nodeAPausedFor10Seconds() throws Exception {
        KeycloakDistribution nodeA = apiKeys.cluster().node(0);
        Run run = run(nodeA::pause, Duration.ofSeconds(10), nodeA::resume);
        assertAuthBridgeAnswersUnavailableItself(run);
    }

    /** The API-key endpoint's errors during the fault: its own 503, never a 500 or a 4xx that hides the outage. */
    private static void assertAuthBridgeAnswersUnavailableItself(Run run) {
        assertThat(run.errorBodies.keySet()).as("the API-key endpoint's answers to a failed store: " + run.errorBodies)
                .filteredOn(key -> key.startsWith("hmac ") && !key.startsWith("hmac no answer"))
                .allMatch(key -> key.startsWith("hmac 503 ") && key.contains("temporarily_unavailable"));
    }

    /** What one fault did: the per-second counts and one body of every kind of error. */
    private record Run(Timeline timeline, Map<String, String> errorBodies) {
    }

    private Run run(Runnable fault, Duration length, Runnable repair) throws Exception {
        Replays replays = Replays.capture();
        Timeline timeline = new Timeline();
        Map<String, String> errorBodies = new ConcurrentHashMap<>();
        Set<String> refreshable = new ConcurrentSkipListSet<>();
        AtomicBoolean running = new AtomicBoolean(true);
        ExecutorService load = Executors.newFixedThreadPool(5);
        List<Future<?>> workers = new ArrayList<>();
        for (int node = 0; node < 2; node++) {
            for (String kind : KINDS) {
                int n = node;
                workers.add(load.submit(() -> {
                    while (running.get()) {
                        call(n, kind, timeline, errorBodies, refreshable);
                    }
                    return null;
                }));
            }
        }
        List<String> acceptedReplays = Collections.synchronizedList(new ArrayList<>());
        workers.add(load.submit(() -> {
            while (running.get()) {
                acceptedReplays.addAll(replays.replayOnBothNodes());
                Thread.sleep(1_000);
            }
            return null;
        }));
        int faultStart;
        int faultEnd;
        int recovered;
        try {
            Thread.sleep(5_000);
            faultStart = timeline.second();
            fault.run();
            Thread.sleep(length.toMillis());
            repair.run();
            faultEnd = timeline.second();
            recovered = timeline.awaitRecovery(faultEnd, RECOVERY_BOUND);
            Thread.sleep(5_000);
        } finally {
            running.set(false);
            for (Future<?> worker : workers) {
                worker.get(2, TimeUnit.MINUTES);
            }
            load.shutdownNow();
        }
        System.out.printf("Fault from second %d to %d; service back on both nodes at second %d (%d s after the fault)%n%s"
                + "Error answers (one body each): %s%n", faultStart, faultEnd, recovered, recovered - faultEnd,
                timeline.table(), new TreeMap<>(errorBodies));

        assertThat(acceptedReplays).as("replays of a used signature or Digest header accepted").isEmpty();
        assertThat(replays.sent()).isPositive();
        assertThat(recovered - faultEnd).as("seconds to recover after the fault ended")
                .isLessThanOrEqualTo((int) RECOVERY_BOUND.toSeconds());
        assertThat(timeline.total(0, "2xx") + timeline.total(1, "2xx")).isPositive();
        List<String> lost = refreshable.stream().filter(session -> !refreshes(session)).toList();
        assertThat(lost).as("sessions that got tokens and no longer refresh, of " + refreshable.size()).isEmpty();
        return new Run(timeline, errorBodies);
    }

    /** One login of {@code kind} on {@code node}; a sample of the sessions that got tokens is kept to refresh later. */
    private static void call(int node, String kind, Timeline timeline, Map<String, String> errorBodies, Set<String> refreshable) {
        int second = timeline.second();
        HttpResponse<String> response;
        try {
            response = HTTP.send("hmac".equals(kind) ? hmacLogin(node) : digestLogin(node), HttpResponse.BodyHandlers.ofString());
        } catch (Exception e) {
            timeline.count(second, node, kind, "none");
            errorBodies.putIfAbsent(kind + " no answer", e.getClass().getSimpleName());
            pause(50); // a dead or frozen node: keep the load bounded rather than spin
            return;
        }
        int status = response.statusCode();
        timeline.count(second, node, kind, status / 100 == 2 ? "2xx" : status / 100 == 4 ? "4xx" : "5xx");
        if (status != 200) {
            errorBodies.putIfAbsent(kind + " " + status + " " + response.body().replaceAll("\"access_token\":\"[^\"]*\"", ""),
                    "node " + "AB".charAt(node) + ", second " + second);
        } else if (refreshable.size() < 400 && second % 2 == 0) {
            JsonNode tokens = json(response.body());
            String refresh = tokens.has("refreshToken") ? tokens.path("refreshToken").asText() : tokens.path("refresh_token").asText();
            refreshable.add(kind + " " + node + " " + refresh);
        }
    }

    private static boolean refreshes(String session) {
        String[] parts = session.split(" ", 3);
        int node = Integer.parseInt(parts[1]);
        String form = "grant_type=refresh_token&refresh_token=" + parts[2] + ("hmac".equals(parts[0])
                ? "&client_id=partner-admin&client_secret=partner-secret-1" : "&client_id=tv-app");
        String endpoint = "hmac".equals(parts[0]) ? apiKeys.tokenEndpoint(node, "127.0.0.1") : digest.tokenEndpoint(node, "127.0.0.1");
        try {
            return HTTP.send(HttpRequest.newBuilder(URI.create(endpoint)).timeout(REQUEST_TIMEOUT)
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString()).statusCode() == 200;
        } catch (Exception e) {
            return false;
        }
    }

    private static HttpRequest hmacLogin(int node) {
        String body = "{\"timestamp\":" + ClusterFailoverIT.timestamp() + "}";
        return ClusterFailoverIT.legacyLoginRequest(apiKeys, node, ClusterFailoverIT.sign(body), body, REQUEST_TIMEOUT);
    }

    /** A Digest password grant on {@code node}: a challenge for a fresh nonce, then the answer (one user per node). */
    private static HttpRequest digestLogin(int node) throws Exception {
        String endpoint = digest.tokenEndpoint(node, "127.0.0.1");
        HttpResponse<String> challenge = HTTP.send(tokenRequest(endpoint, null), HttpResponse.BodyHandlers.ofString());
        if (challenge.statusCode() != 401) {
            return tokenRequest(endpoint, null); // counted as what the node answers without a challenge
        }
        String user = node == 0 ? "grace" : "hank";
        return tokenRequest(endpoint, DigestHeaders.authorization(user, user + "-pass", DigestAlgorithm.SHA_256,
                DigestHeaders.nonceOf(challenge), URI.create(endpoint).getPath(), "POST"));
    }

    private static HttpRequest tokenRequest(String endpoint, String authorization) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(endpoint)).timeout(REQUEST_TIMEOUT)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("grant_type=password&client_id=tv-app"));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return request.build();
    }

    /** A signature and a Digest header each accepted once on node A before the fault. */
    private record Replays(String hmacBody, String hmacSignature, String digestHeader, AtomicInteger count) {

        static Replays capture() throws Exception {
            String body = "{\"timestamp\":" + ClusterFailoverIT.timestamp() + "}";
            String signature = ClusterFailoverIT.sign(body);
            assertThat(HTTP.send(ClusterFailoverIT.legacyLoginRequest(apiKeys, 0, signature, body, REQUEST_TIMEOUT),
                    HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(200);
            String endpoint = digest.tokenEndpoint(0, "127.0.0.1");
            HttpResponse<String> challenge = HTTP.send(tokenRequest(endpoint, null), HttpResponse.BodyHandlers.ofString());
            String header = DigestHeaders.authorization("ivan", "ivan-pass", DigestAlgorithm.SHA_256, DigestHeaders.nonceOf(challenge),
                    URI.create(endpoint).getPath(), "POST");
            HttpResponse<String> login = HTTP.send(tokenRequest(endpoint, header), HttpResponse.BodyHandlers.ofString());
            assertThat(login.statusCode()).as(login.body()).isEqualTo(200);
            return new Replays(body, signature, header, new AtomicInteger());
        }

        /** Both replays to both nodes; what was accepted (status 200), if anything. */
        List<String> replayOnBothNodes() {
            List<String> accepted = new ArrayList<>();
            for (int node = 0; node < 2; node++) {
                for (HttpRequest request : List.of(
                        ClusterFailoverIT.legacyLoginRequest(apiKeys, node, hmacSignature, hmacBody, REQUEST_TIMEOUT),
                        tokenRequest(digest.tokenEndpoint(node, "127.0.0.1"), digestHeader))) {
                    try {
                        HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
                        count.incrementAndGet();
                        if (response.statusCode() == 200) {
                            accepted.add(request.uri() + " on node " + "AB".charAt(node));
                        }
                    } catch (Exception e) {
                        count.incrementAndGet(); // no answer: not accepted either
                    }
                }
            }
            return accepted;
        }

        int sent() {
            return count.get();
        }
    }

    /** Answers per second since the run started, per node, kind and outcome class. */
    private static final class Timeline {

        private static final int MAX_SECONDS = 300;
        private final long started = System.nanoTime();
        /** [second][node][kind][outcome] flattened. */
        private final AtomicLongArray counts = new AtomicLongArray(MAX_SECONDS * 2 * KINDS.length * OUTCOMES.length);

        int second() {
            return (int) Math.min(MAX_SECONDS - 1, TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - started));
        }

        void count(int second, int node, String kind, String outcome) {
            counts.incrementAndGet(index(second, node, kind, outcome));
        }

        long get(int second, int node, String kind, String outcome) {
            return counts.get(index(second, node, kind, outcome));
        }

        long total(int node, String outcome) {
            long total = 0;
            for (int s = 0; s < MAX_SECONDS; s++) {
                for (String kind : KINDS) {
                    total += get(s, node, kind, outcome);
                }
            }
            return total;
        }

        /** The first second from {@code from} on in which every kind got a 2xx on both nodes; waits for it. */
        int awaitRecovery(int from, Duration bound) throws InterruptedException {
            long deadline = System.nanoTime() + bound.plusSeconds(5).toNanos();
            while (System.nanoTime() < deadline) {
                for (int s = from; s < second(); s++) {
                    if (servedEverything(s)) {
                        return s;
                    }
                }
                Thread.sleep(200);
            }
            return second();
        }

        private boolean servedEverything(int second) {
            for (int node = 0; node < 2; node++) {
                for (String kind : KINDS) {
                    if (get(second, node, kind, "2xx") == 0) {
                        return false;
                    }
                }
            }
            return true;
        }

        String table() {
            StringBuilder table = new StringBuilder("second | node A hmac, digest (2xx/4xx/5xx/none) | node B hmac, digest\n");
            for (int s = 0; s <= second(); s++) {
                table.append(String.format("%6d |", s));
                for (int node = 0; node < 2; node++) {
                    for (String kind : KINDS) {
                        table.append(' ');
                        for (int o = 0; o < OUTCOMES.length; o++) {
                            table.append(o == 0 ? "" : "/").append(get(s, node, kind, OUTCOMES[o]));
                        }
                    }
                    table.append(node == 0 ? " |" : "\n");
                }
            }
            return table.toString();
        }

        private static int index(int second, int node, String kind, String outcome) {
            int k = "hmac".equals(kind) ? 0 : 1;
            int o = List.of(OUTCOMES).indexOf(outcome);
            return ((second * 2 + node) * KINDS.length + k) * OUTCOMES.length + o;
        }
    }

    private static JsonNode json(String body) {
        try {
            return TestRealm.JSON.readTree(body);
        } catch (Exception e) {
            throw new IllegalStateException(body, e);
        }
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
