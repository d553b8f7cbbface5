package io.authbridge.benchmarks;

import io.gatling.charts.stats.GeneralStats;
import io.gatling.charts.stats.Group;
import io.gatling.charts.stats.LogFileData;
import io.gatling.charts.stats.LogFileReader;
import io.gatling.commons.stats.KO$;
import io.gatling.commons.stats.Status;
import io.gatling.core.config.GatlingConfiguration;
import scala.Option;
import scala.jdk.javaapi.CollectionConverters;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Per-request statistics of one Gatling run, read from its simulation.log with the reader Gatling's HTML report
 * is built from, so the numbers are the ones in that report's Stats table. Gatling 3.12+ no longer writes
 * js/stats.json and simulation.log is binary, hence this (internal, Scala) API, pinned by the Gatling version
 * in pom.xml. It needs {@code --add-opens java.base/java.lang=ALL-UNNAMED}, as Gatling itself does.
 */
final class GatlingRunStats {

    /** @param count all requests, failed ones included; the percentiles are over all of them, in milliseconds */
    record RequestStats(long count, long failed, int p50Millis, int p99Millis) {
    }

    private final LogFileData data;

    private GatlingRunStats(LogFileData data) {
        this.data = data;
    }

    static GatlingRunStats read(Path resultsFolder, String runFolderName) {
        return new GatlingRunStats(LogFileReader.apply(runFolderName, resultsFolder, GatlingConfiguration.load()).read());
    }

    /** The requests of that name; else the transactions of the Gatling group of that name (their durations). */
    Optional<RequestStats> request(String requestName) {
        Option<String> name = Option.apply(requestName);
        Option<GeneralStats> all = data.requestGeneralStats(name, Option.empty(), Option.empty());
        if (!all.isEmpty()) {
            GeneralStats stats = all.get();
            return Optional.of(new RequestStats(stats.count(), failedCount(name), percentile(stats, 50), percentile(stats, 99)));
        }
        Group group = Group.apply(CollectionConverters.asScala(List.of(requestName)).toList());
        Option<GeneralStats> transactions = data.groupDurationGeneralStats(group, Option.empty());
        if (transactions.isEmpty()) {
            return Optional.empty();
        }
        GeneralStats stats = transactions.get();
        Option<GeneralStats> failed = data.groupDurationGeneralStats(group, Option.apply(KO$.MODULE$));
        return Optional.of(new RequestStats(stats.count(), failed.isEmpty() ? 0 : failed.get().count(),
                percentile(stats, 50), percentile(stats, 99)));
    }

    /** Failed requests of the whole run: warm-up and cleanup phases included. */
    long failedRequests() {
        return failedCount(Option.empty());
    }

    private long failedCount(Option<String> requestName) {
        Option<Status> failed = Option.apply(KO$.MODULE$);
        Option<GeneralStats> stats = data.requestGeneralStats(requestName, Option.empty(), failed);
        return stats.isEmpty() ? 0 : stats.get().count();
    }

    private static int percentile(GeneralStats stats, double rank) {
        return ((Number) stats.percentile().apply(rank)).intValue();
    }
}
