package io.authbridge.benchmarks;

import java.time.Duration;
import java.util.function.Function;

import io.gatling.javaapi.core.ChainBuilder;

import static io.gatling.javaapi.core.CoreDsl.asLongAsDuring;

/**
 * One scenario of the benchmark.
 *
 * @param name                the scenario's name in the report; also the name of its measured request, or of
 *                            the Gatling group around the requests of one transaction (see {@link #TRANSACTION})
 * @param iteration           builds what one virtual user does per loop iteration, given the request name to use:
 *                            "warmup: " + name during warm-ups and lead-ins, name when measured
 * @param baseline            the scenario whose throughput this one is compared to, or null for a baseline
 * @param minThroughputRatio  the goal: at least this fraction of the baseline's requests/s, or null for none
 * @param maxMedianRatio      a second goal: at most this fraction of the baseline's median (p50) response time, or
 *                            null for none
 * @param createsUserSessions whether the scenario leaves user sessions behind, which are then removed after
 *                            each of its phases so they don't pile up and slow down the scenarios after it
 * @param reference           a second scenario it is compared to for information (a ratio, no goal), or null
 */
record BenchmarkScenario(String name, Function<String, ChainBuilder> iteration, String baseline,
                         Double minThroughputRatio, Double maxMedianRatio, boolean createsUserSessions, String reference) {

    /**
     * A scenario whose iteration is several requests measures them as one transaction: it wraps them in a Gatling
     * group named after the request name it is given, and the report reads that group's duration instead of a
     * request's response time. Requests inside are named {@code "<step>: " + requestName}.
     */
    static final String TRANSACTION = "transaction";

    /** The start of the request names of warm-ups and lead-ins, which the reports leave out. */
    static final String WARMUP_PREFIX = "warmup: ";

    /**
     * Bounds each virtual user's loop by count as well as by time. One user waits for each answer, so it stays
     * far below this against a real server; the cap only matters if requests somehow fail instantly.
     */
    private static final int MAX_REQUESTS_PER_USER_PER_SECOND = 1000;
    private static final String ITERATION_COUNTER = "iteration";

    static BenchmarkScenario of(String name, Function<String, ChainBuilder> iteration) {
        return new BenchmarkScenario(name, iteration, null, null, null, false, null);
    }

    BenchmarkScenario comparedTo(String baselineName, double goalRatio) {
        return new BenchmarkScenario(name, iteration, baselineName, goalRatio, maxMedianRatio, createsUserSessions, reference);
    }

    /** Compared to a baseline for information: the ratio is reported, with no goal. */
    BenchmarkScenario comparedWithoutGoal(String baselineName) {
        return new BenchmarkScenario(name, iteration, baselineName, null, null, createsUserSessions, reference);
    }

    BenchmarkScenario withMaxMedianRatio(double ratio) {
        return new BenchmarkScenario(name, iteration, baseline, minThroughputRatio, ratio, createsUserSessions, reference);
    }

    BenchmarkScenario withUserSessions() {
        return new BenchmarkScenario(name, iteration, baseline, minThroughputRatio, maxMedianRatio, true, reference);
    }

    /** Also compared, for information, to {@code referenceName}: a second ratio in the report, with no goal. */
    BenchmarkScenario withReference(String referenceName) {
        return new BenchmarkScenario(name, iteration, baseline, minThroughputRatio, maxMedianRatio, createsUserSessions,
                referenceName);
    }

    /** Each virtual user repeats the iteration, its requests named requestName, for the duration. */
    ChainBuilder load(String requestName, Duration duration) {
        long maxIterations = duration.toMillis() * MAX_REQUESTS_PER_USER_PER_SECOND / 1000;
        return asLongAsDuring(session -> session.getInt(ITERATION_COUNTER) < maxIterations, duration, ITERATION_COUNTER)
                .on(iteration.apply(requestName));
    }
}
