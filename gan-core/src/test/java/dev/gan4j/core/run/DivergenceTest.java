package dev.gan4j.core.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gan4j.api.Backend;
import dev.gan4j.core.TestBackends;
import dev.gan4j.core.checkpoint.Checkpoint;
import dev.gan4j.core.checkpoint.CheckpointFiles;
import dev.gan4j.core.config.ExperimentConfig;
import dev.gan4j.core.config.ExperimentLoader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Experiments built to diverge, and what a run does about it. */
class DivergenceTest {

    /** A Wasserstein GAN without weight clipping: its critic's loss has no bound, so a large step runs away. */
    static final String WILD = """
            {
              "name": "wild", "seed": 3,
              "data": {"dataset": "array", "transform": "unit"},
              "noise": {"dim": 4, "bank": 64},
              "generator": [{"type": "dense", "units": 16}, {"type": "sigmoid"}],
              "discriminator": [{"type": "dense", "units": 8}, ACTIVATION, {"type": "dense", "units": 1}],
              "loss": {"type": "wasserstein"},
              "optimizers": {"discriminator": {"type": "sgd", "learningRate": LR},
                             "generator": {"type": "sgd", "learningRate": LR}},
              "training": {"iterations": 60, "samplesPerIteration": 32, "batchSize": 8},
              "output": {"sampleEvery": 10, "sampleCount": 4, "plotEvery": 0, "checkpointEvery": 5,
                         "divergence": DIVERGENCE}
            }
            """;

    static final String LEAKY = "{\"type\": \"leaky-relu\", \"slope\": 0.2}";

    @TempDir
    Path tmp;

    private final Backend backend = TestBackends.any();

    private RunResult train(String activation, String lr, String divergence) throws IOException {
        String json = WILD.replace("ACTIVATION", activation).replace("LR", lr).replace("DIVERGENCE", divergence);
        return RunFixtures.train(RunFixtures.config(json), backend, tmp.resolve("run"), null);
    }

    private List<Integer> metricIterations() throws IOException {
        ObjectMapper json = new ObjectMapper();
        return Files.readAllLines(tmp.resolve("run").resolve(RunDirectory.METRICS)).stream()
                .map(l -> {
                    try {
                        return json.readTree(l).get("iteration").asInt();
                    } catch (IOException e) {
                        throw new AssertionError(l, e);
                    }
                }).toList();
    }

    private static void assertFinite(Checkpoint c) {
        c.parameters().forEach((id, values) -> {
            for (float v : values) {
                assertTrue(Float.isFinite(v), "parameter " + id + " of checkpoint " + c.iteration());
            }
        });
    }

    @Test
    void stopsWithAMessageNamingTheIterationAndWhatDivergedAndKeepsTheLastGoodCheckpoint() throws IOException {
        RunResult r = train(LEAKY, "1", "{\"policy\": \"stop\"}");
        assertEquals(RunStatus.State.DIVERGED, r.state());
        assertTrue(!r.completed() && r.iterations() < 60, r.toString());
        int at = r.iterations();
        Matcher m = Pattern.compile("training diverged at iteration (\\d+): the ([DG]) loss ran away: .*the last good "
                + "checkpoint is checkpoints/iter-(\\d+)\\.ckpt \\(iteration (\\d+)\\)\\. Lower the learning rates, or let "
                + "gan4j do it: --set output.divergence.policy=rollback").matcher(r.message());
        assertTrue(m.matches(), r.message());
        assertEquals(at, Integer.parseInt(m.group(1)));
        int good = Integer.parseInt(m.group(4));
        assertTrue(good < at && good % 5 == 0, r.message());

        Path run = tmp.resolve("run");
        Checkpoint kept = CheckpointFiles.read(run.resolve("checkpoints").resolve(String.format("iter-%06d.ckpt", good)));
        assertFinite(kept);
        assertEquals(List.of(), CheckpointPolicy.list(run.resolve("checkpoints")).stream()
                .filter(p -> CheckpointPolicy.iterationOf(p) > good).toList(), "no checkpoint after the good one");
        // the diverged iteration's line is kept as evidence; nothing after it
        assertEquals(at, metricIterations().get(metricIterations().size() - 1));
        RunStatus status = RunStatus.read(run.resolve(RunDirectory.STATUS)).orElseThrow();
        assertEquals(RunStatus.State.DIVERGED, status.state());
        assertEquals(r.message(), status.message());
        assertEquals("diverged", status.events().get(status.events().size() - 1).kind());
        assertTrue(Files.readString(run.resolve(RunDirectory.REPORT)).contains("diverged"));
    }

    @Test
    void rollsBackToTheLastGoodCheckpointWithLowerLearningRatesAndFinishes() throws IOException {
        RunResult r = train(LEAKY, "1", "{\"policy\": \"rollback\", \"lrFactor\": 0.1}");
        assertEquals(RunStatus.State.FINISHED, r.state(), r.message());
        Path run = tmp.resolve("run");
        RunStatus status = RunStatus.read(run.resolve(RunDirectory.STATUS)).orElseThrow();
        assertTrue(status.rollbacks() >= 1, status.toString());
        List<RunStatus.Event> rollbacks = status.events().stream().filter(e -> e.kind().equals("rollback")).toList();
        assertEquals(status.rollbacks(), rollbacks.size());
        assertTrue(rollbacks.get(0).text().contains("rolled back to iteration"), rollbacks.get(0).text());
        // every iteration once, in order: the abandoned ones were cut from the metrics
        assertEquals(java.util.stream.IntStream.rangeClosed(1, 60).boxed().toList(), metricIterations());
        Checkpoint last = CheckpointFiles.read(run.resolve("checkpoints/iter-000060.ckpt"));
        assertFinite(last);
        float[] rate = last.discriminatorOptimizer().get("learningRate");
        double expected = Math.pow(0.1, status.rollbacks());
        assertEquals(expected, (double) rate[0] + rate[1] + rate[2], 1e-12 * expected);
        ExperimentConfig written = ExperimentLoader.create().load(run.resolve(RunDirectory.CONFIG));
        assertEquals(expected, written.optimizers().discriminator().learningRate(), 1e-12 * expected,
                "config.json holds the lowered rates");

        // stopped after the rollback and resumed from config.json: the same numbers
        Path stopped = tmp.resolve("stopped");
        String json = WILD.replace("ACTIVATION", LEAKY).replace("LR", "1")
                .replace("DIVERGENCE", "{\"policy\": \"rollback\", \"lrFactor\": 0.1}");
        RunResult first = RunFixtures.train(RunFixtures.config(json), backend, stopped, (t, s) -> {
            if (s.iteration() == 40) {
                t.requestStop();
            }
        });
        assertEquals(RunStatus.State.INTERRUPTED, first.state());
        ExperimentConfig resumedConfig = ExperimentLoader.create().load(stopped.resolve(RunDirectory.CONFIG));
        RunResult second = RunFixtures.resume(resumedConfig, backend, stopped, new java.util.ArrayList<>());
        assertEquals(RunStatus.State.FINISHED, second.state());
        assertEquals(RunFixtures.withoutSeconds(run.resolve(RunDirectory.METRICS)),
                RunFixtures.withoutSeconds(stopped.resolve(RunDirectory.METRICS)));
    }

    @Test
    void stopsAfterTheMostRollbacksAllowed() throws IOException {
        RunResult r = train(LEAKY, "10", "{\"policy\": \"rollback\", \"lrFactor\": 0.9, \"maxRollbacks\": 2}");
        assertEquals(RunStatus.State.DIVERGED, r.state());
        assertTrue(r.message().contains("(after 2 rollbacks, the most output.divergence.maxRollbacks allows)"),
                r.message());
        RunStatus status = RunStatus.read(tmp.resolve("run").resolve(RunDirectory.STATUS)).orElseThrow();
        assertEquals(2, status.rollbacks());
        assertEquals(List.of("started", "rollback", "rollback", "diverged"),
                status.events().stream().map(RunStatus.Event::kind).toList());
    }

    @Test
    void aNonFiniteLossIsDivergenceEvenWithRunawayDetectionOff() throws IOException {
        RunResult r = train("{\"type\": \"relu\"}", "10", "{\"runawayFactor\": 0}");
        assertEquals(RunStatus.State.DIVERGED, r.state());
        assertTrue(r.message().matches("training diverged at iteration " + r.iterations()
                + ": (the [DG] loss is (NaN|[+-]infinite)|parameter \\S+ \\[\\d+, \\d+\\] holds NaN or infinite values);"
                + " .*"), r.message());
    }
}
