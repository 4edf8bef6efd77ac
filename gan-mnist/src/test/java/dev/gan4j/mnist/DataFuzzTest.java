package dev.gan4j.mnist;

import dev.gan4j.api.fuzz.SmallHeapProperties;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Runs {@link DataFuzzProperties} where an OutOfMemoryError would show: a JVM of 96 MiB. */
class DataFuzzTest {

    @Test
    void hostileDataFilesLoadOrFailCleanlyInASmallHeap() throws Exception {
        SmallHeapProperties.run(DataFuzzProperties.class, "96m", 100, Duration.ofMinutes(3));
    }
}
