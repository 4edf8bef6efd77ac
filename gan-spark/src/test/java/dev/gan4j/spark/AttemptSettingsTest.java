package dev.gan4j.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.apache.spark.SparkConf;
import org.junit.jupiter.api.Test;

class AttemptSettingsTest {

    private static SparkConf conf(String master) {
        return new SparkConf(false).setMaster(master);
    }

    @Test
    void localModeTriesATaskOnceUnlessTheMasterSaysHowOften() {
        assertEquals(1, AttemptSettings.maxAttempts(conf("local")));
        assertEquals(1, AttemptSettings.maxAttempts(conf("local[2]")));
        assertEquals(1, AttemptSettings.maxAttempts(conf("local[*]")));
        assertEquals(2, AttemptSettings.maxAttempts(conf("local[2,2]")));
        assertEquals(3, AttemptSettings.maxAttempts(conf("local[*, 3]")));
    }

    @Test
    void aClusterTriesATaskSparkTaskMaxFailuresTimes() {
        assertEquals(4, AttemptSettings.maxAttempts(conf("spark://host:7077")));
        assertEquals(8, AttemptSettings.maxAttempts(conf("yarn").set("spark.task.maxFailures", "8")));
    }

    @Test
    void timesAreReadInSparksUnits() {
        AttemptSettings s = AttemptSettings.from(conf("local").set("spark.gan4j.syncEvery", "30s")
                .set("spark.gan4j.lease.heartbeat", "2s").set("spark.gan4j.lease.staleAfter", "1min"));
        assertEquals(Duration.ofSeconds(30), s.syncEvery());
        assertEquals(new LeaseTiming(Duration.ofSeconds(2), Duration.ofMinutes(1)), s.lease());
        assertEquals(Duration.ofMinutes(10), s.lockWait());
        assertEquals(0, s.failFirstAttemptAfter());
    }

    @Test
    void aBadSettingIsRefusedByItsKey() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> AttemptSettings.from(conf("local").set("spark.gan4j.syncEvery", "soon")));
        assertTrue(e.getMessage().startsWith("spark.gan4j.syncEvery: expected a time such as 30s or 5min, got soon"),
                e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> AttemptSettings.from(conf("local")
                .set("spark.gan4j.lease.heartbeat", "1min").set("spark.gan4j.lease.staleAfter", "2min")));
        assertTrue(e.getMessage().contains("must be at least three heartbeats"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> AttemptSettings.from(conf("local")
                .set("spark.gan4j.test.failFirstAttemptAfter", "half")));
        assertTrue(e.getMessage().startsWith("spark.gan4j.test.failFirstAttemptAfter: expected an iteration"),
                e.getMessage());
    }
}
