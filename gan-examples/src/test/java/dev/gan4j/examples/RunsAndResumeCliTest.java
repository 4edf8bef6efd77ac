package dev.gan4j.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gan4j.mnist.DataEnvironment;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code gan train --resume}, {@code gan runs} and a diverging run, in-process on the real MNIST test split. */
class RunsAndResumeCliTest {

    @TempDir
    Path tmp;

    private final Path mnist = TestData.mnistDir();
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int gan(String... args) {
        out.getBuffer().setLength(0);
        err.getBuffer().setLength(0);
        DataEnvironment offline = DataEnvironment.system().withEnv(Map.of(DataEnvironment.OFFLINE, "1"))
                .withHome(Path.of("target/no-home").toAbsolutePath());
        return new GanCli(new PrintWriter(out), new PrintWriter(err), offline).execute(args);
    }

    private String[] train(Path run, int iterations, String... more) {
        List<String> args = new ArrayList<>(List.of("train", TestData.tutorial().toString(), "--set", "data.split=test",
                "--set", "data.dir=" + mnist, "--set", "training.iterations=" + iterations, "--set",
                "training.samplesPerIteration=200", "--set", "output.sampleEvery=2", "--progress", "none", "--out",
                run.toString()));
        args.addAll(List.of(more));
        return args.toArray(String[]::new);
    }

    private static List<String> withoutSeconds(Path run) throws Exception {
        return Files.readAllLines(run.resolve("metrics.jsonl")).stream()
                .map(l -> l.replaceAll(",\"seconds\":[^,}]*", "")).toList();
    }

    @Test
    void aFinishedRunExtendedWithResumeMatchesALongerRun() throws Exception {
        assertEquals(0, gan(train(tmp.resolve("long"), 6)), err::toString);
        Path run = tmp.resolve("short");
        assertEquals(0, gan(train(run, 4)), err::toString);
        assertEquals(0, gan("train", "--resume", run.toString(), "--set", "training.iterations=6", "--progress",
                "none"), err::toString);
        assertTrue(out.toString().contains("Resuming seed-tutorial on ejml"), out::toString);
        assertTrue(out.toString().contains("Trained 2 iterations"), out::toString);
        assertEquals(withoutSeconds(tmp.resolve("long")), withoutSeconds(run));
        assertEquals(-1L, Files.mismatch(tmp.resolve("long/final.png"), run.resolve("final.png")));
        assertEquals(6, new ObjectMapper().readTree(run.resolve("config.json").toFile()).at("/training/iterations")
                .asInt(), "config.json records the new length");
    }

    @Test
    void resumeRefusesWhatWouldChangeTheRun() throws Exception {
        Path run = tmp.resolve("run");
        assertEquals(0, gan(train(run, 2)), err::toString);
        userError(gan("train", "--resume", run.toString(), TestData.tutorial().toString()), "not both");
        userError(gan("train", "--resume", run.toString(), "--set", "seed=2"),
                "--set seed=2: a resumed run keeps its experiment; only training.iterations and output.* may change");
        userError(gan("train", "--resume", run.toString(), "--out", tmp.resolve("elsewhere").toString()),
                "--out cannot be used with --resume");
        userError(gan("train", "--resume", tmp.resolve("nothing").toString()), "is not a directory");
        Files.createDirectories(tmp.resolve("empty"));
        userError(gan("train", "--resume", tmp.resolve("empty").toString()), "does not hold a run: it has no config.json");
        userError(gan("train"), "missing EXPERIMENT.json");
    }

    @Test
    void runsListsRunsWithTheirStateAndFigures() throws Exception {
        assertEquals(0, gan(train(tmp.resolve("first"), 3)), err::toString);
        assertEquals(0, gan(train(tmp.resolve("second"), 2)), err::toString);
        assertEquals(0, gan("runs", tmp.toString()), err::toString);
        List<String> lines = out.toString().lines().toList();
        assertTrue(lines.get(0).matches("RUN +STARTED +STATE +ITERATIONS +D LOSS +G LOSS +EVALUATION"), lines.get(0));
        String number = "(-?\\d+\\.\\d{4}|-?\\d\\.\\d{3}e[+-]\\d+)";
        assertTrue(lines.get(1).matches("first +\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d +finished +3/3 +" + number + " +"
                + number + " +-"), lines.get(1));
        assertTrue(lines.get(2).startsWith("second "), lines.get(2));

        assertEquals(0, gan("runs", tmp.toString(), "--json"), err::toString);
        JsonNode json = new ObjectMapper().readTree(out.toString());
        assertEquals(2, json.size());
        assertEquals("seed-tutorial", json.get(0).get("experiment").asText());
        assertEquals("finished", json.get(0).get("state").asText());
        assertEquals(3, json.get(0).get("iteration").asInt());
        assertTrue(json.get(0).get("d_loss").isNumber());

        // garbage metrics used to list as "finished 0/2" without a word
        Files.writeString(tmp.resolve("second/metrics.jsonl"), "garbage\n");
        assertEquals(0, gan("runs", tmp.toString()), err::toString);
        List<String> listed = out.toString().lines().toList();
        assertTrue(listed.get(2).matches("second +\\S+ \\S+ +damaged +0/2 +- +- +-"), listed.get(2));
        assertTrue(listed.get(3).startsWith("second: metrics.jsonl unreadable: line 1 is not JSON: "), listed.get(3));

        Files.writeString(tmp.resolve("a-file"), "not runs");
        userError(gan("runs", tmp.resolve("a-file").toString()), "is not a directory of runs");
        Files.createDirectories(tmp.resolve("none"));
        assertEquals(0, gan("runs", tmp.resolve("none").toString()));
        assertEquals("No runs in " + tmp.resolve("none"), out.toString().strip());
    }

    @Test
    void aDivergingRunStopsWithExitCode3AndSaysWhy() throws Exception {
        Path run = tmp.resolve("wild");
        int code = gan(train(run, 30, "--set",
                "discriminator=[{\"type\":\"dense\",\"units\":32},{\"type\":\"leaky-relu\",\"slope\":0.2},"
                        + "{\"type\":\"dense\",\"units\":1}]", "--set", "loss={\"type\":\"wasserstein\"}",
                "--set", "optimizers.discriminator.learningRate=5", "--set", "optimizers.generator.learningRate=5"));
        String e = err.toString();
        assertEquals(GanCli.DIVERGED, code, e + out);
        assertTrue(e.matches("(?s)gan train: training diverged at iteration \\d+: the [DG] loss ran away: .*; the last "
                + "good checkpoint is checkpoints/iter-\\d+\\.ckpt \\(iteration \\d+\\)\\. Lower the learning rates, or "
                + "let gan4j do it: --set output\\.divergence\\.policy=rollback\\s*"), e);
        assertFalse(e.contains("\tat "), e);
        assertEquals(0, gan("runs", tmp.toString()));
        assertTrue(out.toString().lines().anyMatch(l -> l.startsWith("wild ") && l.contains(" diverged ")), out::toString);
    }

    private void userError(int code, String message) {
        String e = err.toString();
        assertEquals(2, code, e + out);
        assertTrue(e.contains(message), () -> "expected '" + message + "' in: " + e);
        assertFalse(e.contains("\tat "), e);
    }
}
