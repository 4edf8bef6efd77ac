package dev.gan4j.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
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

/**
 * The tutorial experiment (MNIST test split, seed 1) writes the same {@code metrics.jsonl} on ejml
 * and on nd4j: all randomness comes from core's seeded generator, so the backends may differ only
 * by float32 round-off (summation order in matrix products, their own {@code exp}).
 *
 * <p><b>Tolerances, and why two tests.</b> A value {@code v} from nd4j passes against ejml's
 * {@code e} when {@code |v − e| ≤ ABSOLUTE + relative·|e|}, for {@code d_loss}, {@code g_loss},
 * {@code d_real} and {@code d_fake} of every compared iteration.
 * <ul>
 *   <li>With the tutorial's own learning rate of 2, training amplifies round-off: measured, the
 *       largest relative difference is 7e-8 after iteration 1, 2e-6 after 2, 3e-4 after 5, 1e-3
 *       after 6 and of order one by iteration 15 — about ×4 per iteration, the instability the
 *       tutorial itself notes. Iteration 1 is held to {@value #FIRST_ITERATION} (round-off only)
 *       and iterations 1–5 to {@value #EARLY_ITERATIONS}.</li>
 *   <li>With both learning rates at 0.1 nothing is amplified: measured differences stay below
 *       2e-7 for all 20 iterations, held to {@value #LOW_RATE}. This is the 20-iteration parity
 *       check; a wrong derivative or a shifted random stream fails it at the first iteration.</li>
 * </ul>
 */
class BackendParityTest {

    private static final double ABSOLUTE = 1e-7;
    private static final double FIRST_ITERATION = 1e-6;
    private static final double EARLY_ITERATIONS = 1e-3;
    private static final int EARLY = 5;
    private static final double LOW_RATE = 1e-5;
    private static final int ITERATIONS = 20;
    private static final String[] FIELDS = {"d_loss", "g_loss", "d_real", "d_fake"};

    private final Path mnist = TestData.mnistDir();

    @Test
    void tutorialAgreesUntilItsLearningRateAmplifiesRoundOff(@TempDir Path tmp) throws Exception {
        List<JsonNode> ejml = train("ejml", tmp.resolve("ejml"), EARLY);
        List<JsonNode> nd4j = train("nd4j", tmp.resolve("nd4j"), EARLY);
        assertClose(ejml.subList(0, 1), nd4j.subList(0, 1), FIRST_ITERATION);
        assertClose(ejml, nd4j, EARLY_ITERATIONS);
    }

    @Test
    void tutorialAtLearningRateOneTenthAgreesForTwentyIterations(@TempDir Path tmp) throws Exception {
        String[] lowRate = {"--set", "optimizers.discriminator.learningRate=0.1", "--set",
            "optimizers.generator.learningRate=0.1"};
        List<JsonNode> ejml = train("ejml", tmp.resolve("ejml"), ITERATIONS, lowRate);
        List<JsonNode> nd4j = train("nd4j", tmp.resolve("nd4j"), ITERATIONS, lowRate);
        assertClose(ejml, nd4j, LOW_RATE);
    }

    private static void assertClose(List<JsonNode> ejml, List<JsonNode> nd4j, double relative) {
        assertEquals(ejml.size(), nd4j.size(), "iterations");
        for (int i = 0; i < ejml.size(); i++) {
            for (String field : FIELDS) {
                double expected = ejml.get(i).get(field).asDouble();
                double actual = nd4j.get(i).get(field).asDouble();
                String what = "iteration " + (i + 1) + ", " + field + " (ejml vs nd4j)";
                assertTrue(Double.isFinite(expected), what + ": ejml gave " + expected);
                assertEquals(expected, actual, ABSOLUTE + relative * Math.abs(expected), what);
            }
        }
    }

    /** Runs {@code gan train} on the tutorial and returns metrics.jsonl, one node per iteration. */
    private List<JsonNode> train(String backend, Path run, int iterations, String... more) throws Exception {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        DataEnvironment offline = DataEnvironment.system().withEnv(Map.of(DataEnvironment.OFFLINE, "1"))
                .withHome(Path.of("target/no-home").toAbsolutePath());
        List<String> args = new ArrayList<>(List.of("train", TestData.tutorial().toString(), "--backend", backend,
                "--set", "data.split=test", "--set", "data.dir=" + mnist, "--set", "training.iterations=" + iterations,
                "--set", "output.sampleEvery=0", "--out", run.toString()));
        args.addAll(List.of(more));
        int status = new GanCli(new PrintWriter(out), new PrintWriter(err), offline).execute(args.toArray(String[]::new));
        assertEquals(0, status, () -> backend + ": " + err);
        ObjectMapper json = new ObjectMapper();
        JsonNode provenance = json.readTree(run.resolve("provenance.json").toFile());
        assertEquals(backend, provenance.at("/backend/name").asText(), provenance::toString);
        List<JsonNode> lines = new ArrayList<>();
        for (String line : Files.readAllLines(run.resolve("metrics.jsonl"))) {
            lines.add(json.readTree(line));
        }
        assertEquals(iterations, lines.size(), backend + ": metrics.jsonl lines");
        return lines;
    }
}
