package dev.gan4j.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gan4j.core.sweep.TrialOutcome;
import dev.gan4j.core.sweep.TrialStatus;
import dev.gan4j.core.sweep.TrialTask;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.spark.api.java.JavaSparkContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the executor does with trials that cannot train, in {@code local[2]} (the sweep test,
 * {@link SparkSweepTest}, covers trials that do).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SparkTrialExecutorTest {

    private JavaSparkContext spark;

    @BeforeAll
    void start() {
        spark = LocalSpark.start("local[2]", Map.of());
    }

    @AfterAll
    void stop() {
        if (spark != null) {
            spark.stop();
        }
    }

    @Test
    void aTrialThatCannotTrainIsAFailedOutcomeNotAFailedJob(@TempDir Path root) throws IOException {
        Files.writeString(root.resolve("t000"), "a file where the run directory should be");
        List<TrialTask> tasks = TinyTrials.tasks(2, 0, TinyTrials.RUNG, root);
        try (SparkTrialExecutor executor = new SparkTrialExecutor(spark)) {
            List<TrialOutcome> out = LocalSpark.comparable(executor.run(tasks));
            assertEquals(List.of(TrialStatus.FAILED, TrialStatus.COMPLETED), out.stream().map(TrialOutcome::status)
                    .toList(), out::toString);
            assertTrue(out.get(0).error().contains(root.resolve("t000").toString()), out.get(0).error());
        }
    }

    @Test
    void aStagedTrialWhoseSharedDirectoryCannotBeWrittenFailsWithTheReason(@TempDir Path root) throws IOException {
        Path blocked = root.resolve("blocked");
        Files.writeString(blocked, "a file where the shared directory should be");
        List<TrialTask> tasks = TinyTrials.tasks(1, 0, TinyTrials.RUNG, TinyTrials.uri(blocked));
        try (SparkTrialExecutor executor = new SparkTrialExecutor(spark)) {
            List<TrialOutcome> out = executor.run(tasks);
            assertEquals(TrialStatus.FAILED, out.get(0).status(), out::toString);
            assertTrue(out.get(0).error().startsWith("attempt 1 of 1: "), out.get(0).error());
        }
    }

    @Test
    void aRungOfNoTasksRunsNoJob() {
        try (SparkTrialExecutor executor = new SparkTrialExecutor(spark)) {
            assertEquals(List.of(), executor.run(List.of()));
        }
    }
}
