package dev.gan4j.core.sweep;

import dev.gan4j.api.Backend;
import dev.gan4j.api.SeededRandom;
import dev.gan4j.core.GanExperiment;
import dev.gan4j.core.TestBackends;
import dev.gan4j.core.config.ExperimentConfig;
import dev.gan4j.core.run.DataFile;
import dev.gan4j.core.run.RunEvaluator;
import dev.gan4j.core.train.ArrayDataset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Trials on 64 random 4 × 4 "images", scored by how far the generator's mean image is from the
 * data's ({@code frechetDistance}, so that sweeps can minimise it) and by the spread of its
 * samples ({@code classifierScore}): milliseconds per trial. Registered as the test class path's
 * {@link TrialSetup}, so that {@link ProcessExecutor}'s workers find it too.
 */
public final class ArraySetup implements TrialSetup {

    static final DataFile FILE = new DataFile("/data/array.idx", 1024,
            "fedcba9876543210fedcba9876543210fedcba9876543210fedcba9876543210", "test", false);

    static ArrayDataset data() {
        SeededRandom r = new SeededRandom(5);
        float[] values = new float[64 * 16];
        r.fillUniform(values, 0, 1);
        return new ArrayDataset(values, new int[64], 16, 0, 64);
    }

    @Override
    public Prepared prepare(ExperimentConfig config) {
        Backend backend = TestBackends.any();
        GanExperiment gan;
        try {
            gan = GanExperiment.create(config, data(), backend);
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
                return List.of(FILE);
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
        float[] data = new float[64 * 16];
        new SeededRandom(5).fillUniform(data, 0, 1);
        double distance = 0;
        double spread = 0;
        for (int j = 0; j < 16; j++) {
            double m = 0;
            double d = 0;
            for (int i = 0; i < n; i++) {
                m += samples[i * 16 + j] / n;
            }
            for (int i = 0; i < 64; i++) {
                d += data[i * 16 + j] / 64;
            }
            distance += (m - d) * (m - d);
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
