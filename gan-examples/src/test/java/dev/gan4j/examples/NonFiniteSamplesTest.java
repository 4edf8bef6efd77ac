package dev.gan4j.examples;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gan4j.core.checkpoint.Checkpoint;
import dev.gan4j.core.checkpoint.CheckpointFiles;
import dev.gan4j.mnist.IdxArray;
import dev.gan4j.mnist.IdxWriter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A generator whose parameters are NaN (a crafted checkpoint with a valid checksum): {@code gan
 * generate} refuses it for PNG and IDX output alike, naming the checkpoint and counting the
 * samples, and writes nothing — it used to write a black PNG, or fail inside the IDX writer; and
 * {@code gan evaluate} refuses NaN samples with their count.
 */
class NonFiniteSamplesTest {

    @TempDir
    Path dir;

    private final Cli cli = new Cli();

    /** A one-iteration run, and a copy of its checkpoint with every parameter NaN, beside the original. */
    private Path nanCheckpoint() throws IOException {
        Cli.writeData(dir);
        Path experiment = dir.resolve("experiment.json");
        Files.writeString(experiment, Cli.experiment(Cli.idxData(dir)));
        Path run = dir.resolve("run");
        cli.assertOk(cli.run("train", experiment.toString(), "--out", run.toString()));
        cli.clear();
        Path good;
        try (Stream<Path> files = Files.list(run.resolve("checkpoints"))) {
            good = files.filter(f -> f.toString().endsWith(".ckpt")).findFirst().orElseThrow();
        }
        Checkpoint c = CheckpointFiles.read(good);
        Map<String, float[]> nan = new HashMap<>();
        c.parameters().forEach((id, values) -> nan.put(id, filled(values.length, Float.NaN)));
        Path bad = good.resolveSibling("nan.ckpt");
        CheckpointFiles.write(new Checkpoint(c.iteration(), c.experimentJson(), nan, c.parameterShapes(),
                c.discriminatorOptimizer(), c.generatorOptimizer(), c.random()), bad);
        return bad;
    }

    private static float[] filled(int n, float value) {
        float[] a = new float[n];
        java.util.Arrays.fill(a, value);
        return a;
    }

    @Test
    void generateRefusesANanGeneratorForPngAndIdx() throws IOException {
        Path bad = nanCheckpoint();
        String message = bad + ": the generator's output is NaN or infinite in 7 of 7 samples (its parameters are "
                + "not finite); nothing was written";
        for (String name : new String[] {"grid.png", "samples.idx"}) {
            Path out = dir.resolve(name);
            cli.assertUserError(cli.run("generate", bad.toString(), "--out", out.toString(), "--count", "7"),
                    "generate", message);
            assertFalse(Files.exists(out), out + " must not be written");
        }
        // the intact checkpoint beside it still generates
        Path good = dir.resolve("good.png");
        cli.assertOk(cli.run("generate", dir.resolve("run").toString(), "--out", good.toString(), "--count", "7"));
        assertTrue(Files.size(good) > 0);
    }

    @Test
    void evaluateRefusesNanSamplesWithTheirCount() throws IOException {
        float[] values = new float[5 * 4 * 4];
        values[3] = Float.NaN;
        values[2 * 16 + 5] = Float.POSITIVE_INFINITY;
        values[2 * 16 + 6] = Float.NaN;
        Path file = dir.resolve("samples.idx");
        IdxWriter.write(file, IdxArray.ofFloats(new int[] {5, 4, 4}, values));
        cli.assertUserError(cli.run("evaluate", file.toString()), "evaluate",
                file + ": 2 of 5 images hold NaN or infinite values; they cannot be scored");
    }
}
