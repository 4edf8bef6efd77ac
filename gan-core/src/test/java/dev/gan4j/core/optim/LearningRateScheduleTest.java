package dev.gan4j.core.optim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gan4j.api.Backend;
import dev.gan4j.api.Parameter;
import dev.gan4j.api.SeededRandom;
import dev.gan4j.core.GanExperiment;
import dev.gan4j.core.TestBackends;
import dev.gan4j.core.config.ExperimentConfig;
import dev.gan4j.core.config.ExperimentException;
import dev.gan4j.core.config.ExperimentLoader;
import dev.gan4j.core.train.ArrayDataset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Learning-rate schedules as production applies them: bound from an experiment's JSON, built by
 * their registered types and set on each optimiser by the trainer before every iteration.
 */
class LearningRateScheduleTest {

    /** A tiny experiment; the schedules are given as overrides. */
    static final String SMALL = """
            {
              "name": "schedules", "seed": 3,
              "data": {"dataset": "array"},
              "noise": {"dim": 4, "bank": 0},
              "generator": [{"type": "dense", "units": 16}, {"type": "sigmoid"}],
              "discriminator": [{"type": "dense", "units": 8}, {"type": "sigmoid"},
                                {"type": "dense", "units": 1}, {"type": "sigmoid"}],
              "loss": {"type": "squared-error"},
              "optimizers": {"discriminator": {"type": "sgd", "learningRate": 0.5, "momentum": 0.5, "l2": 1e-4},
                             "generator": {"type": "adam", "learningRate": 0.01}},
              "training": {"iterations": 100, "samplesPerIteration": 16, "batchSize": 8}
            }
            """;

    static ExperimentConfig config(String... overrides) {
        return ExperimentLoader.create().parse(SMALL, "schedules.json", List.of(overrides));
    }

    static ArrayDataset data() {
        float[] values = new float[32 * 16];
        new SeededRandom(11).fillUniform(values, 0, 1);
        return new ArrayDataset(values, new int[32], 16, 0, 32);
    }

    /** The rates each optimiser trained with, iteration by iteration: {@code [iteration][D, G]}. */
    static double[][] rates(ExperimentConfig config, int iterations) {
        Backend b = TestBackends.any();
        try (GanExperiment gan = GanExperiment.create(config, data(), b)) {
            double[][] out = new double[iterations][];
            for (int t = 0; t < iterations; t++) {
                gan.step();
                out[t] = new double[] {gan.trainer().discriminatorOptimizer().learningRate(),
                    gan.trainer().generatorOptimizer().learningRate()};
            }
            return out;
        }
    }

    static void assertRates(double[] expected, double[][] rates, int network) {
        for (int t = 0; t < expected.length; t++) {
            assertEquals(expected[t], rates[t][network], 1e-15 * expected[t], (network == 0 ? "D" : "G")
                    + " rate at iteration " + t + " of " + Arrays.deepToString(rates));
        }
    }

    @Test
    void theTrainerSetsEachIterationsRateFromTheScheduleInTheJson() {
        double[][] rates = rates(config(
                "optimizers.discriminator.schedule={\"type\": \"step\", \"every\": 2, \"factor\": 0.5}",
                "optimizers.generator.schedule={\"type\": \"linear-decay\", \"start\": 1, \"end\": 3, "
                        + "\"finalFactor\": 0.5}"), 5);
        assertRates(new double[] {0.5, 0.5, 0.25, 0.25, 0.125}, rates, 0);
        assertRates(new double[] {0.01, 0.01, 0.0075, 0.005, 0.005}, rates, 1);
    }

    @Test
    void exponentialMultipliesTheRateEveryIteration() {
        double[][] rates = rates(config("optimizers.generator.schedule={\"type\": \"exponential\", \"factor\": 0.9}"),
                4);
        assertRates(new double[] {0.01, 0.009, 0.0081, 0.00729}, rates, 1);
        assertRates(new double[] {0.5, 0.5, 0.5, 0.5}, rates, 0);
    }

    @Test
    void withoutAScheduleTheRateIsTheBaseRate() {
        ExperimentConfig config = config();
        assertEquals(new Schedules.Constant(), config.optimizers().discriminator().schedule());
        assertRates(new double[] {0.5, 0.5, 0.5}, rates(config, 3), 0);
    }

    /** A rate that could only be scaled would stay 0: the schedule sets it from the base rate. */
    @Test
    void aScheduleCanStartAtZeroAndRise() {
        ExperimentConfig config = config("optimizers.discriminator.schedule={\"type\": \"warm-up\", \"iterations\": 2}");
        Backend b = TestBackends.any();
        try (GanExperiment gan = GanExperiment.create(config, data(), b)) {
            List<float[]> initial = values(gan.model().discriminator().trainableParameters());
            gan.step();
            assertEquals(0, gan.trainer().discriminatorOptimizer().learningRate());
            List<float[]> afterZero = values(gan.model().discriminator().trainableParameters());
            for (int i = 0; i < initial.size(); i++) {
                assertArrayEquals(initial.get(i), afterZero.get(i), "D does not move at a rate of 0");
            }
            gan.step();
            assertEquals(0.25, gan.trainer().discriminatorOptimizer().learningRate(), 1e-15);
            List<float[]> afterRise = values(gan.model().discriminator().trainableParameters());
            boolean moved = false;
            for (int i = 0; i < initial.size(); i++) {
                moved |= !Arrays.equals(initial.get(i), afterRise.get(i));
            }
            assertTrue(moved, "D trains once its rate has risen");
            gan.step();
            gan.step();
            assertEquals(0.5, gan.trainer().discriminatorOptimizer().learningRate(), 1e-15);
            assertEquals(0.01, gan.trainer().generatorOptimizer().learningRate(), 1e-15);
        }
    }

    static List<float[]> values(List<Parameter> parameters) {
        List<float[]> out = new ArrayList<>();
        for (Parameter p : parameters) {
            out.add(p.value().toArray());
        }
        return out;
    }

    @Test
    void linearDecayHoldsThenFallsToTheFinalFactor() {
        Schedules.LinearDecay s = new Schedules.LinearDecay(100, 300, 0.2);
        assertEquals(2, s.rate(2, 0));
        assertEquals(2, s.rate(2, 100));
        assertEquals(1.2, s.rate(2, 200), 1e-12);
        assertEquals(0.4, s.rate(2, 300), 1e-15);
        assertEquals(0.4, s.rate(2, 10_000), 1e-15);
        assertEquals(0.25, new Schedules.Step(1000, 0.5).rate(1, 2500));
    }

    @Test
    void badSchedulesAreClearErrorsAtTheirJsonPath() {
        assertEquals("end (10) must be greater than start (10)", assertThrows(IllegalArgumentException.class,
                () -> new Schedules.LinearDecay(10, 10, 0)).getMessage());
        assertEquals("factor must be > 0.0 and <= 1.0, got 1.5", assertThrows(IllegalArgumentException.class,
                () -> new Schedules.Step(10, 1.5)).getMessage());
        ExperimentException e = assertThrows(ExperimentException.class, () -> config(
                "optimizers.discriminator.schedule={\"type\": \"step\", \"every\": -5, \"factor\": 0.5}"));
        assertEquals("$.optimizers.discriminator.schedule.every", e.path(), e.getMessage());
        assertTrue(e.getMessage().contains("every must be positive, got -5"), e.getMessage());
        e = assertThrows(ExperimentException.class, () -> config(
                "optimizers.generator.schedule={\"type\": \"linear-decy\", \"end\": 5}"));
        assertEquals("$.optimizers.generator.schedule.type", e.path(), e.getMessage());
        assertTrue(e.getMessage().contains("unknown schedule type 'linear-decy'; did you mean 'linear-decay'?; known "
                + "schedule types: constant, exponential, linear-decay, step, warm-up"), e.getMessage());
        e = assertThrows(ExperimentException.class, () -> config(
                "optimizers.generator.schedule={\"type\": \"step\", \"every\": 5, \"factr\": 0.5}"));
        assertEquals("$.optimizers.generator.schedule.factr", e.path(), e.getMessage());
        assertTrue(e.getMessage().contains("did you mean 'factor'?"), e.getMessage());
    }
}
