package dev.gan4j.core.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gan4j.api.Backend;
import dev.gan4j.api.BackendProvider;
import dev.gan4j.api.Backends;
import dev.gan4j.api.LayerConfig;
import dev.gan4j.api.SeededRandom;
import dev.gan4j.core.loss.SquaredErrorLoss;
import dev.gan4j.core.nn.ActivationConfigs;
import dev.gan4j.core.nn.DenseConfig;
import dev.gan4j.core.nn.Initializer;
import dev.gan4j.core.nn.LayerRegistry;
import dev.gan4j.core.optim.SgdConfig;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Every backend on the test class path, given one seed, trains the tutorial's networks to the same
 * losses: all randomness comes from core's {@link SeededRandom}, so backends may differ only by
 * float round-off (summation order in matrix products, their own {@code exp}).
 *
 * <p>The tutorial's architecture, loss and optimisers (G = Dense(100→784, sigmoid); D =
 * Dense(784→100, sigmoid) → Dense(100→1, sigmoid); squared error; SGD with learning rate 2,
 * momentum 0.5, L2 1e-4 on D; mixed mini-batches of 100, noise row-min-max scaled) on synthetic
 * stroke images, with 200 samples per iteration instead of 1,000 to keep it to seconds.
 *
 * <p><b>Tolerance:</b> every iteration's D loss, G loss and mean D scores agree to
 * {@value #RELATIVE} relative (plus {@value #ABSOLUTE} absolute, for losses near zero). With the
 * learning rate of 2, round-off differences grow while training: measured between ejml and nd4j
 * they are ~3e-8 relative after one iteration and ~4e-5 after twenty, 25× inside the bound; a
 * wrong gradient or a different random stream shows up as differences of order one.
 */
class BackendParityTest {

    private static final double RELATIVE = 1e-3;
    private static final double ABSOLUTE = 1e-7;
    private static final int ITERATIONS = 20;
    private static final long SEED = 20240611L;

    @Test
    void everyBackendTrainsToTheSameLosses() {
        List<BackendProvider> providers = Backends.discover().providers().stream()
                .filter(BackendProvider::isAvailable).toList();
        assertTrue(providers.size() >= 2, "parity needs two backends on the test class path: "
                + Backends.discover().describe());
        List<IterationStats> reference = train(providers.get(0));
        for (BackendProvider other : providers.subList(1, providers.size())) {
            List<IterationStats> stats = train(other);
            for (int i = 0; i < ITERATIONS; i++) {
                String what = other.name() + " vs " + providers.get(0).name() + ", iteration " + i;
                assertRelative(reference.get(i).dLoss(), stats.get(i).dLoss(), what + ", D loss");
                assertRelative(reference.get(i).gLoss(), stats.get(i).gLoss(), what + ", G loss");
                assertRelative(reference.get(i).dReal(), stats.get(i).dReal(), what + ", D score on real");
                assertRelative(reference.get(i).dFake(), stats.get(i).dFake(), what + ", D score on fake");
            }
        }
    }

    private static List<IterationStats> train(BackendProvider provider) {
        try (Backend b = provider.create(Map.of())) {
            List<LayerConfig> generator = List.of(new DenseConfig(784, Initializer.TOOLBOX, true),
                    new ActivationConfigs.Sigmoid());
            List<LayerConfig> discriminator = List.of(new DenseConfig(100, Initializer.TOOLBOX, true),
                    new ActivationConfigs.Sigmoid(), new DenseConfig(1, Initializer.TOOLBOX, true),
                    new ActivationConfigs.Sigmoid());
            SeededRandom root = new SeededRandom(SEED);
            GanModel model = GanModel.build(b, generator, discriminator, 100, new int[] {784}, 0,
                    root.fork("init"), LayerRegistry.discover());
            float[] pixels = strokes(root.fork("data"), 600);
            ArrayDataset data = new ArrayDataset(pixels, new int[600], 784, 0, 200);
            AdversarialTrainer trainer = new AdversarialTrainer(model, new SquaredErrorLoss(),
                    new SgdConfig(2, 0.5, 1e-4).create(b), new SgdConfig(2, 0.5, 0).create(b),
                    new TrainingConfig(ITERATIONS, 200, 100, 1, 1, true, 1.0, 0),
                    new NoiseConfig(100, NoiseConfig.Distribution.NORMAL, NoiseConfig.Scaling.ROW_MINMAX, 2000),
                    data, root);
            List<IterationStats> stats = new ArrayList<>();
            for (int i = 0; i < ITERATIONS; i++) {
                stats.add(trainer.step());
            }
            return stats;
        }
    }

    /**
     * MNIST-like samples: a dark 28×28 background with three bright random bars, so D has
     * something to learn and G's gradients are not saturated.
     */
    private static float[] strokes(SeededRandom random, int count) {
        float[] pixels = new float[count * 784];
        for (int s = 0; s < count; s++) {
            for (int bar = 0; bar < 3; bar++) {
                int row = random.nextInt(24);
                int column = random.nextInt(24);
                boolean vertical = random.nextInt(2) == 0;
                for (int k = 0; k < 12 && (vertical ? row + k : column + k) < 28; k++) {
                    for (int w = 0; w < 3; w++) {
                        int r = vertical ? row + k : row + w;
                        int c = vertical ? column + w : column + k;
                        pixels[s * 784 + r * 28 + c] = 0.6f + 0.4f * random.nextFloat();
                    }
                }
            }
        }
        return pixels;
    }

    private static void assertRelative(double expected, double actual, String what) {
        assertEquals(expected, actual, ABSOLUTE + RELATIVE * Math.abs(expected), what);
    }
}
