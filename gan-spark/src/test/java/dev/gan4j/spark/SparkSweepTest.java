package dev.gan4j.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gan4j.core.sweep.InProcessExecutor;
import dev.gan4j.core.sweep.Leaderboard;
import dev.gan4j.core.sweep.Sweep;
import dev.gan4j.core.sweep.SweepFile;
import dev.gan4j.core.sweep.SweepListener;
import dev.gan4j.core.sweep.TrialStatus;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.spark.SparkConf;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The CI test of issue #17's Spark part: a tiny sweep (4 trials of the tutorial experiment, 2
 * rungs) run by {@link SparkSweep} in {@code local[2]}, in a directory and on a {@code file://}
 * URI as on HDFS, gives the leaderboard the local in-process executor gives for the same sweep.
 */
class SparkSweepTest {

    /** 4 generator learning rates; rung 0 at 20 iterations keeps the best half for rung 1 at 40. */
    static String sweepJson() {
        Path tutorial = Path.of("..", "gan-examples", "experiments", "seed-tutorial.json").toAbsolutePath();
        return """
                {
                  "name": "spark-tiny",
                  "base": "%s",
                  "set": {"data.split": "test", "data.dir": "%s", "training.samplesPerIteration": 200,
                          "output.evaluateSamples": 200, "output.checkpointEvery": 10, "output.sampleEvery": 20,
                          "output.plotEvery": 0},
                  "space": {"optimizers.generator.learningRate": [0.5, 1, 2, 4]},
                  "objective": {"metric": "frechetDistance", "goal": "min"},
                  "rungs": [20, 40],
                  "keep": "1/2"
                }
                """.formatted(tutorial, TinyTrials.mnistDir());
    }

    @Test
    void sparkGivesTheLocalExecutorsLeaderboardInADirectoryAndOnAUri(@TempDir Path tmp) throws IOException {
        Path file = tmp.resolve("tiny.json");
        Files.writeString(file, sweepJson());
        Leaderboard local = Sweep.create(tmp.resolve("local"), SweepFile.load(file, List.of()))
                .run(new InProcessExecutor(), new SweepListener() { });
        assertTrue(local.complete(), local::toString);
        assertEquals(2, local.entries().stream().filter(e -> e.rung() == 1 && e.status() == TrialStatus.COMPLETED)
                .count(), local::toString);

        String inPlace = sweep(file, tmp.resolve("spark").toString());
        assertEquals(standing(local), standing(Sweep.open(tmp.resolve("spark")).leaderboard()));
        assertTrue(inPlace.contains("rung 1: 2 trials to 40 iterations"), inPlace);

        Path shared = tmp.resolve("shared");
        sweep(file, TinyTrials.uri(shared));
        assertEquals(standing(local), standing(Sweep.open(shared).leaderboard()),
                "the sweep's files were copied to the URI, and its leaderboard is the local one");
        assertTrue(Files.isRegularFile(shared.resolve("sweep.html")));
        assertTrue(Files.isRegularFile(shared.resolve("trials/t000/config.json")));
        String html = Files.readString(shared.resolve("sweep.html"));
        assertTrue(html.contains("<img class=\"grid\" src=\"trials/"), "the report shows the trials' grids");

        String again = sweep(file, TinyTrials.uri(shared));
        assertTrue(!again.contains("rung 0:") && !again.contains("rung 1:"), "a finished sweep runs nothing again: "
                + again);
    }

    @Test
    void badArgumentsAndSweepFilesExitWith2AndOneLineSayingWhat(@TempDir Path tmp) throws IOException {
        Path file = tmp.resolve("tiny.json");
        Files.writeString(file, sweepJson());
        Path bad = tmp.resolve("bad.json");
        Files.writeString(bad, sweepJson().replace("\"keep\": \"1/2\"", "\"keep\": \"1/2\", \"workers\": 3"));
        SparkConf local = new SparkConf(false).setMaster("local[1]");
        assertRefused(local, "no --out given", file.toString());
        assertRefused(local, "unknown option --workers", file.toString(), "--out", "x", "--workers", "2");
        assertRefused(local, "--set needs a value", file.toString(), "--out", "x", "--set");
        assertRefused(local, "no such file", tmp.resolve("missing.json").toString(), "--out", "x");
        assertRefused(local, "$.workers: unknown field", bad.toString(), "--out", "x");
        assertRefused(new SparkConf(false), "no Spark master: run it with spark-submit --master", file.toString(),
                "--out", "x");
    }

    private static void assertRefused(SparkConf conf, String message, String... args) {
        ByteArrayOutputStream stderr = new ByteArrayOutputStream();
        int code = SparkSweep.run(args, conf, new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
                new PrintStream(stderr, true, StandardCharsets.UTF_8));
        String err = stderr.toString(StandardCharsets.UTF_8);
        assertEquals(2, code, err);
        assertTrue(err.startsWith("gan4j spark sweep: ") && err.contains(message), err);
        assertTrue(!err.contains("\tat "), "no stack trace: " + err);
    }

    /** Runs {@link SparkSweep} in {@code local[2]}; returns what it printed, having checked it exited 0. */
    private static String sweep(Path file, String out) {
        ByteArrayOutputStream stdout = new ByteArrayOutputStream();
        ByteArrayOutputStream stderr = new ByteArrayOutputStream();
        SparkConf conf = new SparkConf(false).setMaster("local[2]").set("spark.ui.enabled", "false")
                .set("spark.driver.host", "127.0.0.1").set("spark.driver.bindAddress", "127.0.0.1");
        int code = SparkSweep.run(new String[] {file.toString(), "--out", out}, conf,
                new PrintStream(stdout, true, StandardCharsets.UTF_8), new PrintStream(stderr, true,
                        StandardCharsets.UTF_8));
        String printed = stdout.toString(StandardCharsets.UTF_8);
        assertEquals(0, code, printed + stderr.toString(StandardCharsets.UTF_8));
        return printed;
    }

    /** The leaderboard without timings: what must not depend on the executor. */
    private static List<String> standing(Leaderboard board) {
        return board.entries().stream().map(e -> e.rank() + " " + e.trial().id() + " " + e.rung() + " "
                + e.iterations() + " " + e.status() + " " + e.figures() + " " + e.trial().describe()).toList();
    }
}
