package dev.gan4j.core.run;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gan4j.api.Backend;
import dev.gan4j.api.SeededRandom;
import dev.gan4j.core.GanExperiment;
import dev.gan4j.core.config.ExperimentConfig;
import dev.gan4j.core.config.ExperimentLoader;
import dev.gan4j.core.train.ArrayDataset;
import dev.gan4j.core.train.TrainingListener;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A tiny experiment on 4 × 4 "images", run end to end in milliseconds, and helpers to compare runs
 * (public: the sweep tests train it too).
 */
public final class RunFixtures {
    private RunFixtures() {
    }

    /** Squared error and SGD, as the tutorial; 12 iterations, a checkpoint every 4. */
    public static final String SMALL = """
            {
              "name": "small", "seed": 7,
              "data": {"dataset": "array", "transform": "unit"},
              "noise": {"dim": 4, "scaling": "row-minmax", "bank": 64},
              "generator": [{"type": "dense", "units": 16, "init": "toolbox"}, {"type": "sigmoid"}],
              "discriminator": [{"type": "dense", "units": 8, "init": "toolbox"}, {"type": "sigmoid"},
                                {"type": "dense", "units": 1, "init": "toolbox"}, {"type": "sigmoid"}],
              "loss": {"type": "squared-error"},
              "optimizers": {"discriminator": {"type": "sgd", "learningRate": 0.5, "momentum": 0.5, "l2": 1e-4},
                             "generator": {"type": "adam", "learningRate": 0.01}},
              "training": {"iterations": 12, "samplesPerIteration": 32, "batchSize": 8, "mixBatches": true},
              "output": {"sampleEvery": 3, "sampleCount": 9, "plotEvery": 5, "checkpointEvery": 4,
                         "keepCheckpoints": 2}
            }
            """;

    public static final DataFile FILE = new DataFile("/data/array.idx", 1024,
            "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef", "test", false);

    static ExperimentConfig config(String json, String... overrides) {
        return ExperimentLoader.create().parse(json, "small.json", List.of(overrides));
    }

    public static ArrayDataset data() {
        SeededRandom r = new SeededRandom(99);
        float[] values = new float[64 * 16];
        r.fillUniform(values, 0, 1);
        return new ArrayDataset(values, new int[64], 16, 0, 64);
    }

    /** Trains {@code config} into a new run at {@code dir} on {@code backend}. */
    static RunResult train(ExperimentConfig config, Backend backend, Path dir, TrainingListener listener)
            throws IOException {
        try (GanExperiment gan = GanExperiment.create(config, data(), backend)) {
            return new TrainingRun(gan, RunDirectory.createAt(dir), List.of(FILE), List.of("gan", "test"))
                    .run(listener);
        }
    }

    /** Resumes the run at {@code dir} with {@code config}, collecting notices into {@code notices}. */
    static RunResult resume(ExperimentConfig config, Backend backend, Path dir, List<String> notices)
            throws IOException {
        try (GanExperiment gan = GanExperiment.create(config, data(), backend)) {
            return TrainingRun.resume(gan, RunDirectory.open(dir), List.of(FILE), List.of("gan", "test", "--resume"))
                    .notices(notices::add).run(null);
        }
    }

    /** The lines of a metrics file without their {@code seconds}, the one value that differs between runs. */
    public static List<String> withoutSeconds(Path metrics) throws IOException {
        ObjectMapper json = new ObjectMapper();
        List<String> out = new ArrayList<>();
        for (String line : Files.readAllLines(metrics)) {
            JsonNode node = json.readTree(line);
            ((ObjectNode) node).remove("seconds");
            out.add(node.toString());
        }
        return out;
    }

    /** Asserts that two runs wrote the same metrics (but for seconds) and byte-identical sample grids. */
    static void assertSameRun(Path expected, Path actual) throws IOException {
        assertEquals(withoutSeconds(expected.resolve(RunDirectory.METRICS)),
                withoutSeconds(actual.resolve(RunDirectory.METRICS)), "metrics.jsonl");
        List<String> grids = new ArrayList<>();
        try (var files = Files.list(expected.resolve(RunDirectory.SAMPLES))) {
            files.forEach(f -> grids.add(f.getFileName().toString()));
        }
        List<String> actualGrids = new ArrayList<>();
        try (var files = Files.list(actual.resolve(RunDirectory.SAMPLES))) {
            files.forEach(f -> actualGrids.add(f.getFileName().toString()));
        }
        assertEquals(grids.stream().sorted().toList(), actualGrids.stream().sorted().toList(), "sample grids");
        for (String g : grids) {
            assertEquals(-1L, Files.mismatch(expected.resolve(RunDirectory.SAMPLES).resolve(g),
                    actual.resolve(RunDirectory.SAMPLES).resolve(g)), g);
        }
        assertEquals(-1L, Files.mismatch(expected.resolve(RunDirectory.FINAL), actual.resolve(RunDirectory.FINAL)),
                "final.png");
    }
}
