package io.authbridge.benchmarks;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * What the report needs to know about a run besides Gatling's statistics: written by the simulation's setup,
 * read by {@link BenchmarkReport}.
 */
record RunInfo(String startedAt, String baseUrl, String keycloakVersion, String serverJvm, int serverCores,
               String loadGeneratorJvm, int loadGeneratorCores, int users, long warmupSeconds, long measureSeconds,
               int rounds, long leadInSeconds, int ssoSessions, List<Scenario> scenarios) {

    record Scenario(String name, String baseline, Double minThroughputRatio, Double maxMedianRatio) {
    }

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    void write(Path file) {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            JSON.writeValue(file.toFile(), this);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write " + file, e);
        }
    }

    static RunInfo read(Path file) {
        try {
            return JSON.readValue(file.toFile(), RunInfo.class);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + file, e);
        }
    }
}
