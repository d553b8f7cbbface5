package io.authbridge.benchmarks;

import java.util.Optional;

/**
 * One row of the report: a scenario's measurement window (warm-up excluded).
 *
 * @param requestsPerSecond  measured requests ÷ the measurement window, so no other phase dilutes it
 * @param throughputRatio    requestsPerSecond ÷ the baseline's, or null for a baseline
 * @param minThroughputRatio the goal for throughputRatio, or null for none
 * @param medianRatio        p50 ÷ the baseline's p50, or null for a baseline
 * @param maxMedianRatio     the goal for medianRatio, or null for none
 */
record ScenarioResult(String name, long requests, long errors, double requestsPerSecond, int p50Millis,
                      int p99Millis, String baseline, Double throughputRatio, Double minThroughputRatio,
                      Double medianRatio, Double maxMedianRatio) {

    boolean hasGoal() {
        return minThroughputRatio != null || maxMedianRatio != null;
    }

    /** FAIL whenever requests failed (their throughput means nothing), else PASS or FAIL against the goal, if any. */
    Optional<String> verdict() {
        if (errors > 0) {
            return Optional.of("FAIL (errors)");
        }
        if (!hasGoal()) {
            return Optional.empty();
        }
        boolean throughputMet = minThroughputRatio == null || throughputRatio >= minThroughputRatio;
        boolean medianMet = maxMedianRatio == null || medianRatio <= maxMedianRatio;
        return Optional.of(throughputMet && medianMet ? "PASS" : "FAIL");
    }
}
