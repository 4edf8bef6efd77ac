package dev.gan4j.core.sweep;

import dev.gan4j.api.Backend;
import dev.gan4j.api.SeededRandom;
import dev.gan4j.core.GanExperiment;
import dev.gan4j.core.TestBackends;
import dev.gan4j.core.config.ExperimentConfig;
import dev.gan4j.core.run.DataFile;
import dev.gan4j.core.run.RunEvaluator;
import dev.gan4j.core.run.RunFixtures;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Trials of {@link RunFixtures#SMALL} on its 64 random 4 × 4 "images", scored by how far the
 * generator's mean image is from the data's ({@code frechetDistance}, so that sweeps can minimise
 * it) and by the spread of its
 * samples ({@code classifierScore}): milliseconds per trial. Registered as the test class path's
 * {@link TrialSetup}, so that {@link ProcessExecutor}'s workers find it too.
 */
public final class ArraySetup implements TrialSetup {

    @Override
    public Prepared prepare(ExperimentConfig config) {
        Backend backend = TestBackends.any();
        GanExperiment gan;
        try {
            gan = GanExperiment.create(config, RunFixtures.data(), backend);
        } catch (RuntimeException e) {
            backend.close();
            throw e;
        }
        return new Prepared() {
            @Override
            public GanExperiment experiment() {
                return gan;
            }

            @Override
            public List<DataFile> dataFiles() {
                return List.of(RunFixtures.FILE);
            }

            @Override
            public RunEvaluator evaluation() {
                return ArraySetup::evaluate;
            }

            @Override
            public void close() {
                gan.close();
                backend.close();
            }
        };
    }

    private static Map<String, Double> evaluate(GanExperiment gan) {
        int n = 32;
        float[] samples = gan.generate(n, new SeededRandom(3), null);
        double distance = 0;
        double spread = 0;
        for (int j = 0; j < 16; j++) {
            double m = 0;
            for (int i = 0; i < n; i++) {
                m += samples[i * 16 + j] / n;
            }
            // the data are uniform on [0, 1]: their mean image is 0.5 everywhere
            distance += (m - 0.5) * (m - 0.5);
            for (int i = 0; i < n; i++) {
                spread += Math.abs(samples[i * 16 + j] - m) / n / 16;
            }
        }
        Map<String, Double> out = new LinkedHashMap<>();
        out.put("frechetDistance", distance);
        out.put("classifierScore", spread);
        return out;
    }
}
