package dev.gan4j.core.sweep;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** A tiny base experiment for sweeps on {@link ArraySetup}'s data, and helpers. */
final class SweepFixtures {
    private SweepFixtures() {
    }

    /** Squared error, SGD for D and Adam for G; 12 iterations, a checkpoint every 4. */
    static final String BASE = """
            {
              "name": "tiny-array", "seed": 3,
              "data": {"dataset": "array", "transform": "unit"},
              "noise": {"dim": 4, "scaling": "row-minmax", "bank": 64},
              "generator": [{"type": "dense", "units": 16, "init": "toolbox"}, {"type": "sigmoid"}],
              "discriminator": [{"type": "dense", "units": 8, "init": "toolbox"}, {"type": "sigmoid"},
                                {"type": "dense", "units": 1, "init": "toolbox"}, {"type": "sigmoid"}],
              "loss": {"type": "squared-error"},
              "optimizers": {"discriminator": {"type": "sgd", "learningRate": 0.5, "momentum": 0.5},
                             "generator": {"type": "adam", "learningRate": 0.01}},
              "training": {"iterations": 12, "samplesPerIteration": 32, "batchSize": 8},
              "output": {"sampleEvery": 2, "sampleCount": 9, "checkpointEvery": 4}
            }
            """;

    /** A grid over G's learning rate: 4 trials, rungs 4, 8, 12, keeping half. */
    static String grid() {
        return """
                {
                  "name": "grid",
                  "base": %s,
                  "space": {"optimizers.generator.learningRate": [0.001, 0.01, 0.03, 0.1]},
                  "rungs": [4, 8, 12],
                  "keep": 0.5
                }
                """.formatted(BASE);
    }

    static SweepConfig parse(String json, String... overrides) {
        return SweepFile.parse(json, "test-sweep.json", Path.of("."), List.of(overrides));
    }

    /** The lines of a metrics file without their {@code seconds}. */
    static List<String> withoutSeconds(Path metrics) throws IOException {
        ObjectMapper json = new ObjectMapper();
        List<String> out = new ArrayList<>();
        for (String line : Files.readAllLines(metrics)) {
            JsonNode node = json.readTree(line);
            ((ObjectNode) node).remove("seconds");
            out.add(node.toString());
        }
        return out;
    }
}
