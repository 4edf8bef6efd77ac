package dev.gan4j.core.sweep;

import dev.gan4j.core.run.RunFixtures;
import java.nio.file.Path;
import java.util.List;

/** A tiny base experiment for sweeps on {@link ArraySetup}'s data, and helpers. */
final class SweepFixtures {
    private SweepFixtures() {
    }

    /** {@link RunFixtures#SMALL}: 12 iterations, a checkpoint every 4. */
    static final String BASE = RunFixtures.SMALL;

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
}
