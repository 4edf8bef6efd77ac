package dev.gan4j.core.checkpoint;

import dev.gan4j.api.fuzz.SmallHeapProperties;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Runs {@link CheckpointFuzzProperties} where an OutOfMemoryError would show: a JVM of 96 MiB. */
class CheckpointFuzzTest {

    @Test
    void sealedCheckpointsWithAbsurdHeadersReadOrFailCleanlyInASmallHeap() throws Exception {
        SmallHeapProperties.run(CheckpointFuzzProperties.class, "96m", 100, Duration.ofMinutes(3));
    }
}
