package dev.gan4j.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gan4j.core.sweep.TrialOutcome;
import dev.gan4j.core.sweep.TrialStatus;
import dev.gan4j.core.sweep.TrialTask;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.spark.api.java.JavaSparkContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two trials, two rungs, as Spark jobs in {@code local[2]}: in place, and staged through a
 * {@code file://} URI as through HDFS. Either way the outcomes are those of the same tasks run one
 * after another in the test's thread.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SparkTrialExecutorTest {

    private JavaSparkContext spark;
    private List<TrialOutcome> rung0;
    private List<TrialOutcome> rung1;

    @BeforeAll
    void start(@TempDir Path reference) {
        rung0 = LocalSpark.reference(TinyTrials.tasks(2, 0, TinyTrials.RUNG, reference));
        rung1 = LocalSpark.reference(TinyTrials.tasks(2, 1, 2 * TinyTrials.RUNG, reference));
        spark = LocalSpark.start("local[2]", Map.of());
    }

    @AfterAll
    void stop() {
        if (spark != null) {
            spark.stop();
        }
    }

    @Test
    void inPlaceRungsGiveTheOutcomesOfARunInOneThread(@TempDir Path root) {
        assertEquals(List.of(TrialStatus.COMPLETED, TrialStatus.COMPLETED), rung0.stream().map(TrialOutcome::status)
                .toList(), rung0::toString);
        assertFalse(rung0.get(0).figures().isEmpty(), "the rung is evaluated");
        assertFalse(rung0.get(0).figures().equals(rung0.get(1).figures()), "two learning rates, two results");
        try (SparkTrialExecutor executor = new SparkTrialExecutor(spark)) {
            assertEquals(rung0, LocalSpark.comparable(executor.run(TinyTrials.tasks(2, 0, TinyTrials.RUNG, root))));
            assertEquals(rung1, LocalSpark.comparable(executor.run(TinyTrials.tasks(2, 1, 2 * TinyTrials.RUNG,
                    root))));
        }
        assertTrue(Files.isRegularFile(root.resolve("t000/checkpoints/iter-000040.ckpt")));
    }

    @Test
    void stagedThroughAFileUriGivesTheSameOutcomesAndPublishesWholeRuns(@TempDir Path tmp) throws IOException {
        Path shared = tmp.resolve("shared");
        String uri = TinyTrials.uri(shared);
        try (SparkTrialExecutor executor = new SparkTrialExecutor(spark)) {
            assertEquals(rung0, LocalSpark.comparable(executor.run(TinyTrials.tasks(2, 0, TinyTrials.RUNG, uri))));
            assertTrue(Files.isRegularFile(shared.resolve("t001/checkpoints/iter-000020.ckpt")));
            assertEquals(rung1, LocalSpark.comparable(executor.run(TinyTrials.tasks(2, 1, 2 * TinyTrials.RUNG, uri))));
        }
        assertTrue(Files.isRegularFile(shared.resolve("t000/checkpoints/iter-000040.ckpt")));
        assertTrue(Files.readString(shared.resolve("t000/status.json")).contains("\"resumed\""),
                "rung 1 resumed the run rung 0 published");
        try (Stream<Path> all = Files.walk(shared)) {
            List<String> strays = all.map(p -> shared.relativize(p).toString())
                    .filter(p -> p.endsWith(".crc") || p.contains(".lease") || p.contains(".publishing-")
                            || p.contains(".replaced-") || p.endsWith(".lock"))
                    .toList();
            assertEquals(List.of(), strays, "no lease, half-published copy, lock or checksum file is left");
        }
    }

    @Test
    void aTrialThatCannotTrainIsAFailedOutcomeNotAFailedJob(@TempDir Path root) throws IOException {
        Files.createDirectories(root);
        Files.writeString(root.resolve("t000"), "a file where the run directory should be");
        List<TrialTask> tasks = TinyTrials.tasks(1, 0, TinyTrials.RUNG, root);
        try (SparkTrialExecutor executor = new SparkTrialExecutor(spark)) {
            List<TrialOutcome> out = executor.run(tasks);
            assertEquals(1, out.size());
            assertEquals(TrialStatus.FAILED, out.get(0).status());
            assertTrue(out.get(0).error().contains("t000"), out.get(0).error());
        }
    }
}
