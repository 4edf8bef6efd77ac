package dev.gan4j.core.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.gan4j.api.Backend;
import dev.gan4j.api.SeededRandom;
import dev.gan4j.core.TestBackends;
import dev.gan4j.core.loss.LogitLoss;
import dev.gan4j.core.nn.LayerRegistry;
import dev.gan4j.core.optim.AdamConfig;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * With one G mini-batch per iteration the G step reuses the D round's generator forward pass;
 * it must give exactly what a fresh forward pass gives (D steps leave G alone).
 */
class SingleBatchReuseTest {

    static Stream<Backend> backends() {
        return TestBackends.all();
    }

    static AdversarialTrainer trainer(Backend b, int classes) {
        GanModel model = GanModel.build(b, FreezeAndShareTest.generator(), FreezeAndShareTest.discriminator(),
                FreezeAndShareTest.NOISE, new int[] {FreezeAndShareTest.FEATURES}, classes,
                new SeededRandom(3).fork("init"), LayerRegistry.discover());
        AdamConfig adam = new AdamConfig(1e-2, 0.5, 0.999, 1e-8, 0);
        return new AdversarialTrainer(model, new LogitLoss(true), ScheduledOptimizer.constant(adam.create(b)), ScheduledOptimizer.constant(adam.create(b)),
                new TrainingConfig(4, 8, 8, 2, 1, false, 1.0, 0),
                new NoiseConfig(FreezeAndShareTest.NOISE, NoiseConfig.Distribution.NORMAL, NoiseConfig.Scaling.NONE, 0),
                FreezeAndShareTest.data(-1, classes), new SeededRandom(3));
    }

    @ParameterizedTest
    @MethodSource("backends")
    void reusedForwardPassGivesTheSameGeneratorStepAsAFreshOne(Backend b) {
        for (int classes : new int[] {0, 3}) {
            AdversarialTrainer reusing = trainer(b, classes);
            AdversarialTrainer fresh = trainer(b, classes);
            List<float[]> before = FreezeAndShareTest.snapshot(reusing.model().generator().parameters());
            for (int iteration = 0; iteration < 3; iteration++) {
                reusing.discriminatorRound();
                reusing.discriminatorRound();
                double lossReusing = reusing.generatorEpoch();
                fresh.discriminatorRound();
                fresh.discriminatorRound();
                fresh.forgetGeneratorForward();
                double lossFresh = fresh.generatorEpoch();
                assertEquals(lossFresh, lossReusing, "G loss, iteration " + iteration + ", classes " + classes);
            }
            List<float[]> after = FreezeAndShareTest.snapshot(reusing.model().generator().parameters());
            List<float[]> expected = FreezeAndShareTest.snapshot(fresh.model().generator().parameters());
            for (int i = 0; i < after.size(); i++) {
                assertArrayEquals(expected.get(i), after.get(i), "G parameter " + i + ", classes " + classes);
                assertFalse(Arrays.equals(before.get(i), after.get(i)), "G trained, parameter " + i);
            }
            List<float[]> dReusing = FreezeAndShareTest.snapshot(reusing.model().discriminator().parameters());
            List<float[]> dFresh = FreezeAndShareTest.snapshot(fresh.model().discriminator().parameters());
            for (int i = 0; i < dReusing.size(); i++) {
                assertArrayEquals(dFresh.get(i), dReusing.get(i), "D parameter " + i + ", classes " + classes);
            }
        }
    }
}
