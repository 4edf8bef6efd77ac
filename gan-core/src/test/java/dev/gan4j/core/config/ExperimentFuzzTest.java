package dev.gan4j.core.config;

import dev.gan4j.api.fuzz.SmallHeapProperties;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Runs {@link ExperimentFuzzProperties} where an OutOfMemoryError would show: a JVM of 96 MiB. */
class ExperimentFuzzTest {

    @Test
    void mutatedExperimentsBindOrFailCleanlyInASmallHeap() throws Exception {
        SmallHeapProperties.run(ExperimentFuzzProperties.class, "96m", 1000, Duration.ofMinutes(3));
    }
}
