package io.authbridge.benchmarks;

import java.nio.file.Path;
import java.util.List;

/**
 * What {@link SoakSimulation} measured on the server, for {@link SoakReport}: the run's metadata, the soak's
 * parameters (seconds), the store samples and checkpoints of {@link SoakMonitor}, and what went wrong while sampling.
 */
record SoakRun(RunInfo run, long replayWindowSeconds, long digestEntryLifespanSeconds, long apiKeyEntryLifespanSeconds,
               long reaperIntervalSeconds, long sampleSeconds, long serverPid, String managementUrl,
               List<SoakMonitor.StoreSample> samples, List<SoakMonitor.Checkpoint> checkpoints, List<String> errors) {

    /** The longest lifespan of an entry AuthBridge writes plus the reaper interval: an entry's longest stay. */
    long entryStaySeconds() {
        return Math.max(digestEntryLifespanSeconds, apiKeyEntryLifespanSeconds) + reaperIntervalSeconds;
    }

    void write(Path file) {
        JsonFile.write(file, this);
    }

    static SoakRun read(Path file) {
        return JsonFile.read(file, SoakRun.class);
    }
}
