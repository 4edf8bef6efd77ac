package dev.gan4j.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gan4j.core.sweep.TrialOutcome;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.spark.api.java.JavaSparkContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Spark in {@code local[2,2]} (two threads, a task tried twice) with every task's first attempt
 * failing after it trained half way and left a checkpoint there, as an executor lost in the middle
 * of a trial does. The retry resumes from that checkpoint, not from the start, and gives the
 * outcome of a trial trained without interruption, in place and staged alike.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RetriedTaskTest {

    private static final int HALF = TinyTrials.RUNG / 2;

    private JavaSparkContext spark;
    private List<TrialOutcome> reference;

    @BeforeAll
    void start(@TempDir Path dir) {
        reference = LocalSpark.reference(TinyTrials.tasks(2, 0, TinyTrials.RUNG, dir));
        spark = LocalSpark.start("local[2,2]", Map.of(AttemptSettings.PREFIX + "test.failFirstAttemptAfter",
                String.valueOf(HALF)));
    }

    @AfterAll
    void stop() {
        if (spark != null) {
            spark.stop();
        }
    }

    @Test
    void aRetriedTaskResumesInPlaceFromItsFirstAttemptsCheckpoint(@TempDir Path root) throws IOException {
        try (SparkTrialExecutor executor = new SparkTrialExecutor(spark)) {
            assertEquals(reference, LocalSpark.comparable(executor.run(TinyTrials.tasks(2, 0, TinyTrials.RUNG, root))));
        }
        assertResumedHalfWay(root.resolve("t000"));
        assertResumedHalfWay(root.resolve("t001"));
    }

    @Test
    void aRetriedStagedTaskResumesFromTheRunItsFirstAttemptPublished(@TempDir Path tmp) throws IOException {
        Path shared = tmp.resolve("shared");
        try (SparkTrialExecutor executor = new SparkTrialExecutor(spark)) {
            assertEquals(reference, LocalSpark.comparable(executor.run(TinyTrials.tasks(2, 0, TinyTrials.RUNG,
                    TinyTrials.uri(shared)))));
        }
        assertResumedHalfWay(shared.resolve("t000"));
        assertResumedHalfWay(shared.resolve("t001"));
    }

    /** The run's log: started at 0, stopped at {@link #HALF} by the first attempt, resumed there by the second. */
    private static void assertResumedHalfWay(Path run) throws IOException {
        JsonNode status = new ObjectMapper().readTree(run.resolve("status.json").toFile());
        List<String> events = new ArrayList<>();
        status.get("events").forEach(e -> events.add(e.get("kind").asText() + "@" + e.get("iteration").asInt()));
        assertTrue(events.contains("started@0"), events::toString);
        assertTrue(events.contains("resumed@" + HALF), events + ": the retry resumes at the first attempt's checkpoint");
        assertEquals(TinyTrials.RUNG, status.get("iteration").asInt(), status::toString);
    }
}
