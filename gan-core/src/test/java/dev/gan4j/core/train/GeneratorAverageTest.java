package dev.gan4j.core.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gan4j.api.Backend;
import dev.gan4j.api.ForwardContext;
import dev.gan4j.api.Mode;
import dev.gan4j.api.Parameter;
import dev.gan4j.api.SeededRandom;
import dev.gan4j.core.TestBackends;
import dev.gan4j.core.checkpoint.Checkpoint;
import dev.gan4j.core.loss.LogitLoss;
import dev.gan4j.core.nn.LayerRegistry;
import dev.gan4j.core.optim.AdamConfig;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The moving average of G's weights: its arithmetic, that training never reads it, sampling, checkpoints. */
class GeneratorAverageTest {

    static Stream<Backend> backends() {
        return TestBackends.all();
    }

    static AdversarialTrainer trainer(Backend b, double average) {
        GanModel model = GanModel.build(b, FreezeAndShareTest.generator(), FreezeAndShareTest.discriminator(),
                FreezeAndShareTest.NOISE, new int[] {FreezeAndShareTest.FEATURES}, 0,
                new SeededRandom(5).fork("init"), LayerRegistry.discover());
        AdamConfig adam = new AdamConfig(1e-2, 0.5, 0.999, 1e-8, 0);
        return new AdversarialTrainer(model, new LogitLoss(true), ScheduledOptimizer.constant(adam.create(b)), ScheduledOptimizer.constant(adam.create(b)),
                new TrainingConfig(8, 8, 8, 1, 1, false, 1.0, 0, average),
                new NoiseConfig(FreezeAndShareTest.NOISE, NoiseConfig.Distribution.NORMAL, NoiseConfig.Scaling.NONE, 0),
                FreezeAndShareTest.data(-1, 0), new SeededRandom(5));
    }

    @ParameterizedTest
    @MethodSource("backends")
    void followsTheWeightsByTheFormulaAndNeverChangesTraining(Backend b) {
        AdversarialTrainer plain = trainer(b, 0);
        AdversarialTrainer averaged = trainer(b, 0.9);
        GeneratorAverage average = averaged.generatorAverage();
        List<Parameter> live = averaged.model().generator().trainableParameters();
        assertEquals(live.size(), average.parameters().size());
        // double-precision reference of the average, from the live weights after every G step
        List<double[]> expected = new ArrayList<>();
        for (Parameter p : live) {
            expected.add(toDouble(p.value().toArray()));
        }
        for (int it = 0; it < 3; it++) {
            averaged.discriminatorRound();
            plain.discriminatorRound();
            assertEquals(plain.generatorEpoch(), averaged.generatorEpoch(), "G loss, iteration " + it);
            // one G mini-batch per iteration: the average moves once, towards the new weights
            for (int i = 0; i < live.size(); i++) {
                float[] w = live.get(i).value().toArray();
                double[] e = expected.get(i);
                for (int j = 0; j < e.length; j++) {
                    e[j] = 0.9 * e[j] + 0.1 * w[j];
                }
            }
        }
        for (int i = 0; i < live.size(); i++) {
            assertArrayEquals(FreezeAndShareTest.snapshot(plain.model().generator().trainableParameters()).get(i),
                    live.get(i).value().toArray(), "training with an average gives the same G weights");
            float[] got = average.parameters().get(i).value().toArray();
            for (int j = 0; j < got.length; j++) {
                assertEquals(expected.get(i)[j], got[j], 1e-6 + 1e-5 * Math.abs(expected.get(i)[j]),
                        average.parameters().get(i).id() + "[" + j + "]");
            }
            assertTrue(average.parameters().get(i).id().startsWith(GeneratorAverage.PREFIX));
            assertEquals(Parameter.Kind.BUFFER, average.parameters().get(i).kind());
        }
    }

    @ParameterizedTest
    @MethodSource("backends")
    void samplesComeFromTheAverageAndTheLiveWeightsSurvive(Backend b) {
        AdversarialTrainer averaged = trainer(b, 0.95);
        for (int it = 0; it < 4; it++) {
            averaged.step();
        }
        List<float[]> live = FreezeAndShareTest.snapshot(averaged.model().generator().parameters());
        float[] fromTrainer = averaged.generate(6, new SeededRandom(9), null);
        assertEquals(live.size(), FreezeAndShareTest.snapshot(averaged.model().generator().parameters()).size());
        List<float[]> after = FreezeAndShareTest.snapshot(averaged.model().generator().parameters());
        for (int i = 0; i < live.size(); i++) {
            assertArrayEquals(live.get(i), after.get(i), "live G parameter " + i + " restored after sampling");
        }
        float[] fromLive = Sampling.generate(averaged.model(), noise(), 6, new SeededRandom(9), null);
        assertFalse(Arrays.equals(fromLive, fromTrainer), "the average differs from the last iterate");
        averaged.generatorAverage().copyIntoGenerator();
        float[] fromCopied = Sampling.generate(averaged.model(), noise(), 6, new SeededRandom(9), null);
        assertArrayEquals(fromCopied, fromTrainer, "sampling draws from the averaged weights");
    }

    @ParameterizedTest
    @MethodSource("backends")
    void aCheckpointCarriesTheAverageSoAResumedRunContinuesItExactly(Backend b) {
        AdversarialTrainer uninterrupted = trainer(b, 0.9);
        AdversarialTrainer first = trainer(b, 0.9);
        for (int it = 0; it < 3; it++) {
            uninterrupted.step();
            first.step();
        }
        Checkpoint saved = Checkpoint.capture(first, null);
        assertTrue(saved.parameters().keySet().stream().anyMatch(k -> k.startsWith(GeneratorAverage.PREFIX)));
        AdversarialTrainer resumed = trainer(b, 0.9);
        saved.restoreInto(resumed);
        for (int it = 3; it < 6; it++) {
            uninterrupted.step();
            resumed.step();
        }
        List<float[]> expected = FreezeAndShareTest.snapshot(uninterrupted.generatorAverage().parameters());
        List<float[]> got = FreezeAndShareTest.snapshot(resumed.generatorAverage().parameters());
        for (int i = 0; i < expected.size(); i++) {
            assertArrayEquals(expected.get(i), got.get(i), "average " + i + " after resuming");
        }
        // a checkpoint of a run without an average does not fit one with, and says which parameter
        AdversarialTrainer withoutAverage = trainer(b, 0);
        var e = assertThrows(RuntimeException.class, () -> saved.restoreInto(withoutAverage));
        assertTrue(e.getMessage().contains(GeneratorAverage.PREFIX), e.getMessage());
    }

    @ParameterizedTest
    @MethodSource("backends")
    void manySamplesAreDrawnInChunksWithTheValuesOfOneBatch(Backend b) {
        GanModel model = GanModel.build(b, FreezeAndShareTest.generator(), FreezeAndShareTest.discriminator(),
                FreezeAndShareTest.NOISE, new int[] {FreezeAndShareTest.FEATURES}, 0,
                new SeededRandom(77).fork("init"), LayerRegistry.discover());
        int n = Sampling.CHUNK * 2 + 37;
        SeededRandom r = new SeededRandom(9);
        float[] z = new float[n * FreezeAndShareTest.NOISE];
        noise().draw(r, z, n);
        ForwardContext eval = new ForwardContext(Mode.EVAL, r.fork("layers"));
        float[] oneBatch = model.sampler().forward(b.fromArray(z, n, FreezeAndShareTest.NOISE), eval).toArray();
        assertArrayEquals(oneBatch, Sampling.generate(model, noise(), n, new SeededRandom(9), null));
    }

    @ParameterizedTest
    @MethodSource("backends")
    void aModelRestoredForSamplingDrawsWhatTheRunDrew(Backend b) {
        AdversarialTrainer run = trainer(b, 0.95);
        for (int it = 0; it < 4; it++) {
            run.step();
        }
        Checkpoint saved = Checkpoint.capture(run, null);
        float[] drawnByTheRun = run.generate(6, new SeededRandom(9), null);

        GanModel sampler = GanModel.build(b, FreezeAndShareTest.generator(), FreezeAndShareTest.discriminator(),
                FreezeAndShareTest.NOISE, new int[] {FreezeAndShareTest.FEATURES}, 0,
                new SeededRandom(77).fork("init"), LayerRegistry.discover());
        saved.restoreForSampling(sampler, 0.95);
        assertArrayEquals(drawnByTheRun, Sampling.generate(sampler, noise(), 6, new SeededRandom(9), null));

        // asking for no average on a checkpoint that holds one names the extra parameter
        var e = assertThrows(RuntimeException.class, () -> saved.restoreForSampling(sampler, 0));
        assertTrue(e.getMessage().contains(GeneratorAverage.PREFIX), e.getMessage());
    }

    @Test
    void rejectsADecayThatIsNoAverage() {
        for (double bad : new double[] {0.5, 1.0, -0.1, Double.NaN}) {
            var e = assertThrows(IllegalArgumentException.class, () -> new TrainingConfig(1, 1, 1, 1, 1, false, 1, 0, bad));
            assertTrue(e.getMessage().contains("generatorAverage"), e.getMessage());
        }
    }

    private static NoiseConfig noise() {
        return new NoiseConfig(FreezeAndShareTest.NOISE, NoiseConfig.Distribution.NORMAL, NoiseConfig.Scaling.NONE, 0);
    }

    private static double[] toDouble(float[] f) {
        double[] d = new double[f.length];
        for (int i = 0; i < f.length; i++) {
            d[i] = f[i];
        }
        return d;
    }
}
