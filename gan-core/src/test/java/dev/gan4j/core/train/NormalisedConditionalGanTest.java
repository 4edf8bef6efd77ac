package dev.gan4j.core.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gan4j.api.Backend;
import dev.gan4j.api.LayerConfig;
import dev.gan4j.api.LearningRateSchedule;
import dev.gan4j.api.Parameter;
import dev.gan4j.api.SeededRandom;
import dev.gan4j.core.TestBackends;
import dev.gan4j.core.loss.LogitLoss;
import dev.gan4j.core.nn.ActivationConfigs;
import dev.gan4j.core.nn.BatchNormConfig;
import dev.gan4j.core.nn.DenseConfig;
import dev.gan4j.core.nn.DropoutConfig;
import dev.gan4j.core.nn.Initializer;
import dev.gan4j.core.nn.LabelEmbeddingConfig;
import dev.gan4j.core.nn.LayerRegistry;
import dev.gan4j.core.optim.AdamConfig;
import dev.gan4j.core.optim.Schedules;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A conditional GAN with a learned label embedding, batch norm and dropout in both networks,
 * under the freeze-and-share loop: the invariants hold for trainable parameters, the running
 * statistics move as in PyTorch, and learning-rate schedules are applied per iteration.
 */
class NormalisedConditionalGanTest {

    static final int CLASSES = 3;

    static Stream<Backend> backends() {
        return TestBackends.all();
    }

    static AdversarialTrainer trainer(Backend b, LearningRateSchedule schedule) {
        List<LayerConfig> g = List.of(new LabelEmbeddingConfig(CLASSES, 2), new DenseConfig(8, Initializer.HE, true),
                new BatchNormConfig(0.1, 1e-5), new ActivationConfigs.Relu(),
                new DenseConfig(FreezeAndShareTest.FEATURES, Initializer.XAVIER, true), new ActivationConfigs.Sigmoid());
        List<LayerConfig> d = List.of(new LabelEmbeddingConfig(CLASSES, 2), new DenseConfig(8, Initializer.HE, true),
                new BatchNormConfig(0.1, 1e-5), new ActivationConfigs.LeakyRelu(0.2f), new DropoutConfig(0.3),
                new DenseConfig(1, Initializer.XAVIER, true));
        GanModel model = GanModel.build(b, g, d, FreezeAndShareTest.NOISE, new int[] {FreezeAndShareTest.FEATURES},
                CLASSES, new SeededRandom(5).fork("init"), LayerRegistry.discover());
        return new AdversarialTrainer(model, new LogitLoss(true), new ScheduledOptimizer(new AdamConfig(1e-2, 0.5, 0.999, 1e-8, 0).create(b), schedule),
                new ScheduledOptimizer(new AdamConfig(2e-2, 0.5, 0.999, 1e-8, 0).create(b), schedule), new TrainingConfig(4, 8, 4, 2, 1, false, 0.9, 0),
                new NoiseConfig(FreezeAndShareTest.NOISE, NoiseConfig.Distribution.UNIFORM, NoiseConfig.Scaling.NONE, 0),
                FreezeAndShareTest.data(-1, CLASSES), new SeededRandom(5));
    }

    static List<Parameter> buffers(List<Parameter> params) {
        return params.stream().filter(p -> !p.trainable()).toList();
    }

    @ParameterizedTest
    @MethodSource("backends")
    void generatorStepFreezesDiscriminatorWeightsButMovesItsRunningStatistics(Backend b) {
        AdversarialTrainer t = trainer(b, LearningRateSchedule.CONSTANT);
        t.discriminatorRound();
        List<float[]> dTrainable = FreezeAndShareTest.snapshot(t.model().discriminator().trainableParameters());
        List<float[]> dBuffers = FreezeAndShareTest.snapshot(buffers(t.model().discriminator().parameters()));
        List<float[]> g = FreezeAndShareTest.snapshot(t.model().generator().trainableParameters());
        t.generatorEpoch();
        FreezeAndShareTest.assertBitIdentical(dTrainable,
                FreezeAndShareTest.snapshot(t.model().discriminator().trainableParameters()), "D across a G step");
        assertTrue(FreezeAndShareTest.changed(g, FreezeAndShareTest.snapshot(t.model().generator().trainableParameters())),
                "the G step trains G, its label embedding included");
        // documented choice, as in PyTorch: D is in train mode inside the stacked model
        assertTrue(FreezeAndShareTest.changed(dBuffers,
                FreezeAndShareTest.snapshot(buffers(t.model().discriminator().parameters()))),
                "D's running statistics follow the generated batches of the G step");
    }

    @ParameterizedTest
    @MethodSource("backends")
    void discriminatorStepFreezesGeneratorWeights(Backend b) {
        AdversarialTrainer t = trainer(b, LearningRateSchedule.CONSTANT);
        List<float[]> g = FreezeAndShareTest.snapshot(t.model().generator().trainableParameters());
        List<float[]> d = FreezeAndShareTest.snapshot(t.model().discriminator().trainableParameters());
        t.discriminatorRound();
        FreezeAndShareTest.assertBitIdentical(g,
                FreezeAndShareTest.snapshot(t.model().generator().trainableParameters()), "G across a D step");
        assertTrue(FreezeAndShareTest.changed(d,
                FreezeAndShareTest.snapshot(t.model().discriminator().trainableParameters())), "the D step trains D");
    }

    @ParameterizedTest
    @MethodSource("backends")
    void schedulesSetEachIterationsRateAndTrainingStaysFinite(Backend b) {
        AdversarialTrainer t = trainer(b, new Schedules.Step(1, 0.5));
        for (int i = 0; i < 4; i++) {
            IterationStats s = t.step();
            assertEquals(1e-2 * Math.pow(0.5, i), t.discriminatorOptimizer().learningRate(), 1e-15, "D rate, " + i);
            assertEquals(2e-2 * Math.pow(0.5, i), t.generatorOptimizer().learningRate(), 1e-15, "G rate, " + i);
            assertFalse(Double.isNaN(s.dLoss()) || Double.isNaN(s.gLoss()), "finite losses at iteration " + i);
        }
        for (Parameter p : t.model().parameters()) {
            for (float v : p.value().toArray()) {
                assertTrue(Float.isFinite(v), p.id() + " stays finite");
            }
        }
        float[] samples = t.generate(6, new SeededRandom(1), new int[] {0, 1, 2, 0, 1, 2});
        assertEquals(6 * FreezeAndShareTest.FEATURES, samples.length);
    }

    @ParameterizedTest
    @MethodSource("backends")
    void sameSeedSameRunWithDropoutAndBatchNorm(Backend b) {
        AdversarialTrainer first = trainer(b, LearningRateSchedule.CONSTANT);
        AdversarialTrainer second = trainer(b, LearningRateSchedule.CONSTANT);
        for (int i = 0; i < 2; i++) {
            assertEquals(first.step().dLoss(), second.step().dLoss(), 0, "iteration " + i);
        }
        FreezeAndShareTest.assertBitIdentical(FreezeAndShareTest.snapshot(first.model().parameters()),
                FreezeAndShareTest.snapshot(second.model().parameters()), "two runs from one seed");
    }
}
