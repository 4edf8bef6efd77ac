package dev.gan4j.core.train;

import dev.gan4j.api.Backend;
import dev.gan4j.api.SeededRandom;
import dev.gan4j.core.loss.LogitLoss;
import dev.gan4j.core.nn.LayerRegistry;
import dev.gan4j.core.optim.AdamConfig;
import dev.gan4j.core.optim.SgdConfig;

/** Small trainers for tests outside this package. */
public final class TrainerFixtures {
    private TrainerFixtures() {
    }

    /** A small GAN on random data: SGD with momentum on D, Adam on G, a noise bank, mixed batches. */
    public static AdversarialTrainer small(Backend b, long seed, int hidden) {
        GanModel model = GanModel.build(b, FreezeAndShareTest.generator(),
                java.util.List.of(new dev.gan4j.core.nn.DenseConfig(hidden, dev.gan4j.core.nn.Initializer.TOOLBOX, true),
                        new dev.gan4j.core.nn.ActivationConfigs.LeakyRelu(0.2f),
                        new dev.gan4j.core.nn.DenseConfig(1, dev.gan4j.core.nn.Initializer.XAVIER, true)),
                FreezeAndShareTest.NOISE, new int[] {FreezeAndShareTest.FEATURES}, 0,
                new SeededRandom(seed).fork("init"), LayerRegistry.discover());
        return new AdversarialTrainer(model, new LogitLoss(true), ScheduledOptimizer.constant(new SgdConfig(0.1, 0.5, 1e-4).create(b)),
                ScheduledOptimizer.constant(new AdamConfig(1e-2, 0.5, 0.999, 1e-8, 0).create(b)), new TrainingConfig(6, 8, 4, 2, 1, true, 0.9, 0),
                new NoiseConfig(FreezeAndShareTest.NOISE, NoiseConfig.Distribution.NORMAL, NoiseConfig.Scaling.NONE, 20),
                FreezeAndShareTest.data(-1, 0), new SeededRandom(seed));
    }
}
