package io.authbridge.benchmarks;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * What {@link SoakSimulation} measured on the server, for {@link SoakReport}: the run's metadata, the soak's
 * parameters (seconds), the store samples and checkpoints of {@link SoakMonitor}, and what went wrong while sampling.
 */
record SoakRun(RunInfo run, long replayWindowSeconds, long digestEntryLifespanSeconds, long apiKeyEntryLifespanSeconds,
               long reaperIntervalSeconds, long sampleSeconds, long serverPid, String managementUrl,
               List<SoakMonitor.StoreSample> samples, List<SoakMonitor.Checkpoint> checkpoints, List<String> errors) {

    /** The longest lifespan of an entry AuthBridge writes in the soak. */
    long entryLifespanSeconds() {
        return Math.max(digestEntryLifespanSeconds, apiKeyEntryLifespanSeconds);
    }

    /** The checkpoint of that name (start, middle, end), if it was taken. */
    Optional<SoakMonitor.Checkpoint> checkpoint(String name) {
        return checkpoints.stream().filter(checkpoint -> checkpoint.name().equals(name)).findFirst();
    }

    void write(Path file) {
        JsonFile.write(file, this);
    }

    static SoakRun read(Path file) {
        return JsonFile.read(file, SoakRun.class);
    }
}
