package io.authbridge.it.harness;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The malformed-input runs: how many hostile requests a test sends per scheme — 1000 in every build, more in CI's
 * hostile-input run ({@code -Dauthbridge.hostile.requests=10000}, README "Tests") — and the parallel senders that
 * send them with the JDK's HTTP client.
 */
public final class HostileRuns {

    /** Parallel senders: the server's answers, not the client's round trips, set the pace. */
    public static final int SENDERS = 4;

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    private HostileRuns() {
    }

    /** Where the server log stands before a run: {@link #assertNoErrorLoggedSince} reads from here. */
    public static long logPosition(KeycloakDistribution server) throws IOException {
        return Files.size(server.logFile());
    }

    /**
     * The server logged no error, no AuthBridge stack frame and none of {@code secrets} since {@code position}: a
     * refusal is a warning at most.
     */
    public static void assertNoErrorLoggedSince(KeycloakDistribution server, long position, String... secrets) throws IOException {
        String log = Files.readString(server.logFile(), StandardCharsets.UTF_8);
        String during = log.substring((int) Math.min(position, log.length()));
        assertThat(during).doesNotContain(" ERROR ").doesNotContain("\tat io.authbridge");
        for (String secret : secrets) {
            assertThat(during).doesNotContain(secret);
        }
    }

    public static int requestsPerScheme() {
        return Integer.getInteger("authbridge.hostile.requests", 1000);
    }

    /** Checks one answer (assertions); runs on the sender's thread. */
    @FunctionalInterface
    public interface Check {
        void check(HttpRequest request, HttpResponse<String> response) throws Exception;
    }

    /** What a run sent: {@code planned} requests were to be sent, {@code sent} were. */
    public record Result(int planned, int sent, Map<Integer, Integer> statuses, Duration took) {
    }

    /**
     * Sends {@link #requestsPerScheme()} requests (rounded down to a multiple of {@link #SENDERS}), each sender drawing
     * its requests from its own {@code Random(seed + sender)}; a request the HTTP client refuses to build (a header no
     * client can put on the wire) is drawn again, up to five draws per request. Every answer goes to {@code check};
     * the first failing check fails the run.
     */
    public static Result send(long seed, Function<Random, HttpRequest> requests, Check check) throws Exception {
        return send(seed, requestsPerScheme(), requests, check);
    }

    /** As {@link #send(long, Function, Check)}, with {@code count} requests: a scheme's share for one configuration. */
    public static Result send(long seed, int count, Function<Random, HttpRequest> requests, Check check) throws Exception {
        int perSender = count / SENDERS;
        Map<Integer, Integer> statuses = new ConcurrentSkipListMap<>();
        AtomicInteger sent = new AtomicInteger();
        long started = System.nanoTime();
        ExecutorService senders = Executors.newFixedThreadPool(SENDERS);
        try {
            List<Future<?>> runs = new ArrayList<>();
            for (int s = 0; s < SENDERS; s++) {
                Random random = new Random(seed + s);
                runs.add(senders.submit(() -> {
                    for (int done = 0, drawn = 0; done < perSender && drawn < perSender * 5; drawn++) {
                        HttpRequest request;
                        try {
                            request = requests.apply(random);
                        } catch (IllegalArgumentException e) {
                            continue;
                        }
                        HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
                        statuses.merge(response.statusCode(), 1, Integer::sum);
                        check.check(request, response);
                        sent.incrementAndGet();
                        done++;
                    }
                    return null;
                }));
            }
            for (Future<?> run : runs) {
                run.get(30, TimeUnit.MINUTES);
            }
        } finally {
            senders.shutdownNow();
        }
        return new Result(perSender * SENDERS, sent.get(), statuses, Duration.ofNanos(System.nanoTime() - started));
    }
}
