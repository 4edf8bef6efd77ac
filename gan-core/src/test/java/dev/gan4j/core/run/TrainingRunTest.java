package dev.gan4j.core.run;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gan4j.api.SeededRandom;
import dev.gan4j.core.GanExperiment;
import dev.gan4j.core.config.ExperimentConfig;
import dev.gan4j.core.config.ExperimentException;
import dev.gan4j.core.config.ExperimentLoader;
import dev.gan4j.core.train.ArrayDataset;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrainingRunTest {

    /** A tiny GAN on 4×4 "images": fast enough to run end to end in a unit test. */
    static final String SMALL = """
            {
              "name": "small", "seed": 7,
              "data": {"dataset": "array", "transform": "unit"},
              "noise": {"dim": 4, "scaling": "row-minmax", "bank": 64},
              "generator": [{"type": "dense", "units": 16, "init": "toolbox"}, {"type": "sigmoid"}],
              "discriminator": [{"type": "dense", "units": 8, "init": "toolbox"}, {"type": "sigmoid"},
                                {"type": "dense", "units": 1, "init": "toolbox"}, {"type": "sigmoid"}],
              "loss": {"type": "squared-error"},
              "optimizers": {"discriminator": {"type": "sgd", "learningRate": 0.5, "momentum": 0.5, "l2": 1e-4},
                             "generator": {"type": "sgd", "learningRate": 0.5, "momentum": 0.5}},
              "training": {"iterations": 6, "samplesPerIteration": 32, "batchSize": 8, "mixBatches": true},
              "output": {"sampleEvery": 2, "sampleCount": 9}
            }
            """;

    private final ExperimentLoader loader = ExperimentLoader.create();

    static ArrayDataset data(int classes) {
        SeededRandom r = new SeededRandom(99);
        float[] values = new float[64 * 16];
        r.fillUniform(values, 0, 1);
        int[] labels = new int[64];
        for (int i = 0; i < labels.length; i++) {
            labels[i] = classes == 0 ? 0 : i % classes;
        }
        return new ArrayDataset(values, labels, 16, classes, 64);
    }

    private ExperimentConfig config(String... overrides) {
        return loader.parse(SMALL, "small.json", List.of(overrides));
    }

    private static final DataFile FILE = new DataFile("/data/array.idx", 1024,
            "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef", "test", false);

    private RunResult train(ExperimentConfig config, ArrayDataset data, Path dir) throws Exception {
        try (GanExperiment gan = GanExperiment.create(config, data)) {
            TrainingRun run = new TrainingRun(gan, RunDirectory.createAt(dir), List.of(FILE), List.of("gan", "test"));
            List<Integer> seen = new ArrayList<>();
            RunResult result = run.run((trainer, stats) -> seen.add(stats.iteration()));
            assertEquals(List.of(1, 2, 3, 4, 5, 6), seen);
            return result;
        }
    }

    @Test
    void writesTheRunDirectory(@TempDir Path tmp) throws Exception {
        Path dir = tmp.resolve("run");
        RunResult result = train(config(), data(0), dir);
        assertEquals(6, result.iterations());
        assertTrue(result.completed());
        assertEquals(dir, result.directory());

        ExperimentConfig written = loader.load(dir.resolve("config.json"));
        assertEquals(config().withBackend("ejml"), written);

        JsonNode provenance = new ObjectMapper().readTree(dir.resolve("provenance.json").toFile());
        assertEquals(Provenance.currentGan4jVersion(), provenance.get("gan4jVersion").asText());
        assertFalse(provenance.get("gan4jVersion").asText().contains("${"));
        assertEquals(7, provenance.get("seed").asLong());
        assertEquals("ejml", provenance.at("/backend/name").asText());
        assertFalse(provenance.at("/backend/version").asText().isBlank());
        assertEquals(System.getProperty("java.version"), provenance.at("/java/version").asText());
        assertEquals(System.getProperty("os.arch"), provenance.at("/os/arch").asText());
        assertEquals(FILE.sha256(), provenance.at("/dataset/files/0/sha256").asText());
        assertEquals(64, provenance.at("/dataset/size").asInt());
        assertEquals(0, provenance.at("/dataset/classNames").size(), "unlabelled: no class names");
        assertEquals("gan", provenance.at("/commandLine/0").asText());
        assertTrue(provenance.get("startTime").asText().endsWith("Z"));

        List<String> lines = Files.readAllLines(dir.resolve("metrics.jsonl"));
        assertEquals(6, lines.size());
        ObjectMapper json = new ObjectMapper();
        for (int i = 0; i < lines.size(); i++) {
            JsonNode m = json.readTree(lines.get(i));
            assertEquals(List.of("iteration", "d_loss", "g_loss", "d_real", "d_fake", "seconds"),
                    iterate(m.fieldNames()));
            assertEquals(i + 1, m.get("iteration").asInt());
            for (String key : List.of("d_loss", "g_loss", "d_real", "d_fake", "seconds")) {
                assertTrue(m.get(key).isNumber() && Double.isFinite(m.get(key).asDouble()), key + " in " + lines.get(i));
            }
            assertTrue(m.get("d_real").asDouble() >= 0 && m.get("d_real").asDouble() <= 1);
        }

        // 9 samples: a 3 × 3 grid of 4 × 4 images with 1-pixel separators
        for (int it : new int[] {2, 4, 6}) {
            BufferedImage grid = ImageIO.read(dir.resolve(String.format("samples/iter-%06d.png", it)).toFile());
            assertEquals(3 * 5 + 1, grid.getWidth());
            assertEquals(3 * 5 + 1, grid.getHeight());
            assertEquals(BufferedImage.TYPE_BYTE_GRAY, grid.getType());
        }
        assertEquals(3, Files.list(dir.resolve("samples")).count());
        // the same noise every time: the grid after the last iteration is the final grid
        assertArrayEquals(Files.readAllBytes(dir.resolve("samples/iter-000006.png")),
                Files.readAllBytes(dir.resolve("final.png")));
        assertFalse(java.util.Arrays.equals(Files.readAllBytes(dir.resolve("samples/iter-000002.png")),
                Files.readAllBytes(dir.resolve("final.png"))), "training changes the generator");
    }

    private static <T> List<T> iterate(java.util.Iterator<T> it) {
        List<T> out = new ArrayList<>();
        it.forEachRemaining(out::add);
        return out;
    }

    @Test
    void sameSeedSameMetricsExceptTime(@TempDir Path tmp) throws Exception {
        train(config(), data(0), tmp.resolve("a"));
        train(config(), data(0), tmp.resolve("b"));
        train(config("seed=8"), data(0), tmp.resolve("c"));
        List<String> a = withoutSeconds(tmp.resolve("a"));
        assertEquals(a, withoutSeconds(tmp.resolve("b")));
        assertNotEquals(a, withoutSeconds(tmp.resolve("c")));
        assertArrayEquals(Files.readAllBytes(tmp.resolve("a/final.png")), Files.readAllBytes(tmp.resolve("b/final.png")));
    }

    private static List<String> withoutSeconds(Path dir) throws Exception {
        return Files.readAllLines(dir.resolve("metrics.jsonl")).stream()
                .map(l -> l.replaceAll(",\"seconds\":[^,}]*", "")).toList();
    }

    @Test
    void conditionalGridsHaveOneRowPerClass(@TempDir Path tmp) throws Exception {
        ExperimentConfig c = config("conditioning=one-hot", "output.sampleCount=7");
        Path dir = tmp.resolve("cond");
        train(c, data(3), dir);
        // 7 requested, 3 classes: 2 per class, a 2-column × 3-row grid
        BufferedImage grid = ImageIO.read(dir.resolve("final.png").toFile());
        assertEquals(2 * 5 + 1, grid.getWidth());
        assertEquals(3 * 5 + 1, grid.getHeight());
        // the rows' classes, top to bottom, are recorded (Dataset's default names here)
        JsonNode names = new ObjectMapper().readTree(dir.resolve("provenance.json").toFile()).at("/dataset/classNames");
        assertEquals(List.of("0", "1", "2"), iterate(names.elements()).stream().map(JsonNode::asText).toList());
    }

    @Test
    void runsAreNeverOverwritten(@TempDir Path tmp) throws Exception {
        LocalDateTime t = LocalDateTime.of(2025, 1, 2, 3, 4, 5);
        RunDirectory first = RunDirectory.createUnder(tmp, "exp", t);
        RunDirectory second = RunDirectory.createUnder(tmp, "exp", t);
        assertEquals(tmp.resolve("exp-20250102-030405"), first.path());
        assertEquals(tmp.resolve("exp-20250102-030405-2"), second.path());
        assertTrue(Files.isDirectory(first.path().resolve("samples")));

        Path dir = tmp.resolve("run");
        train(config(), data(0), dir);
        RunException e = assertThrows(RunException.class, () -> RunDirectory.createAt(dir));
        assertTrue(e.getMessage().contains("already holds a run"), e.getMessage());
        Files.writeString(tmp.resolve("file"), "x");
        assertThrows(RunException.class, () -> RunDirectory.createAt(tmp.resolve("file")));
        RunDirectory.createAt(tmp.resolve("fresh/nested"));
    }

    @Test
    void experimentsThatDoNotFitTheDataAreUserErrors() {
        ExperimentException shape = assertThrows(ExperimentException.class,
                () -> GanExperiment.create(config("generator[0].units=10"), data(0)).close());
        assertEquals("$.generator[0]", shape.path(), shape.getMessage());
        assertEquals("this layer makes the generator's output [10] = 10 values per sample, but the samples of array "
                + "are [16] = 16 values", shape.problem());
        ExperimentException labels = assertThrows(ExperimentException.class,
                () -> GanExperiment.create(config("conditioning=one-hot"), data(0)).close());
        assertEquals("$.conditioning", labels.path(), labels.getMessage());
        assertTrue(labels.problem().contains("one-hot") && labels.problem().contains("no labels"), labels.getMessage());
        ExperimentException tooFew = assertThrows(ExperimentException.class,
                () -> GanExperiment.create(config("training.samplesPerIteration=128", "noise.bank=0"), data(0)).close());
        assertEquals("$.training.samplesPerIteration", tooFew.path(), tooFew.getMessage());
        assertEquals("128 samples per iteration are more than the 64 samples of array", tooFew.problem());
    }

    @Test
    void generateContinuesItsOwnStream() {
        try (GanExperiment a = GanExperiment.create(config(), data(0));
                GanExperiment b = GanExperiment.create(config(), data(0))) {
            float[] first = a.generate(3, null);
            assertEquals(3 * 16, first.length);
            assertArrayEquals(first, b.generate(3, null));
            assertFalse(java.util.Arrays.equals(first, a.generate(3, null)));
        }
    }
}
