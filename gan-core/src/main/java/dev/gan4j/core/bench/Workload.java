package dev.gan4j.core.bench;

import dev.gan4j.api.Backend;
import dev.gan4j.api.LayerConfig;
import dev.gan4j.api.SeededRandom;
import dev.gan4j.core.loss.LogitLoss;
import dev.gan4j.core.loss.SquaredErrorLoss;
import dev.gan4j.core.nn.ActivationConfigs;
import dev.gan4j.core.nn.ActivationFunction;
import dev.gan4j.core.nn.BatchNorm2dConfig;
import dev.gan4j.core.nn.Conv2dConfig;
import dev.gan4j.core.nn.ConvTranspose2dConfig;
import dev.gan4j.core.nn.DenseConfig;
import dev.gan4j.core.nn.FlattenConfig;
import dev.gan4j.core.nn.Initializer;
import dev.gan4j.core.nn.LayerRegistry;
import dev.gan4j.core.nn.ReshapeConfig;
import dev.gan4j.core.optim.AdamConfig;
import dev.gan4j.core.optim.SgdConfig;
import dev.gan4j.core.train.AdversarialTrainer;
import dev.gan4j.core.train.ScheduledOptimizer;
import dev.gan4j.core.train.GanModel;
import dev.gan4j.core.train.NoiseConfig;
import dev.gan4j.core.train.TrainingConfig;
import java.util.List;
import java.util.Locale;

/**
 * The benchmark workloads, defined exactly as the PyTorch peer script
 * ({@code shared/peers/torch_gan.py}) defines them, so that seconds per iteration compare.
 * Real data is {@value #REAL_SAMPLES} random samples of MNIST's 784 values, as in the peer.
 */
public enum Workload {

    /**
     * The tutorial's experiment. G = Dense(100→784, sigmoid); D = Dense(784→100, sigmoid) →
     * Dense(100→1, sigmoid); squared-error loss; SGD lr 2, momentum 0.5, L2 1e-4 on D's
     * weights. One iteration: D on 1000 real + 1000 generated samples in 20 shuffled mixed
     * mini-batches of 100, then G through the stacked G→D on the same 1000 noise vectors in 10
     * mini-batches with D frozen. Noise: a bank of 60,000 N(0,1) vectors of 100, each row
     * min-max scaled to [0, 1].
     */
    SEED(30, 10) {
        @Override
        public AdversarialTrainer trainer(Backend backend, long seed) {
            SeededRandom root = new SeededRandom(seed);
            List<LayerConfig> g = List.of(sigmoid(784));
            // the hidden sigmoid stays a layer of its own, as in seed-tutorial.json: folding it into
            // the dense layer would renumber D.2 and so change its initial weights
            List<LayerConfig> d = List.of(new DenseConfig(100, Initializer.TOOLBOX, true),
                    new ActivationConfigs.Sigmoid(), sigmoid(1));
            GanModel model = GanModel.build(backend, g, d, NOISE, new int[] {FEATURES}, 0, root.fork("init"),
                    LayerRegistry.discover());
            return new AdversarialTrainer(model, new SquaredErrorLoss(), ScheduledOptimizer.constant(new SgdConfig(2, 0.5, 1e-4).create(backend)),
                    ScheduledOptimizer.constant(new SgdConfig(2, 0.5, 0).create(backend)), new TrainingConfig(Integer.MAX_VALUE, 1000, 100, 1, 1,
                            true, 1.0, 0),
                    new NoiseConfig(NOISE, NoiseConfig.Distribution.NORMAL, NoiseConfig.Scaling.ROW_MINMAX, 60_000),
                    new RandomImages(backend, REAL_SAMPLES, FEATURES, RandomImages.Transform.ROW_MINMAX, root.fork("data")),
                    root);
        }

        /** A dense layer with its sigmoid, so that the bias can be added in the sigmoid's pass. */
        private static DenseConfig sigmoid(int units) {
            return new DenseConfig(units, Initializer.TOOLBOX, true, ActivationFunction.SIGMOID, null);
        }
    },

    /**
     * A common modern MLP GAN. G = 100-256-512-1024-784 (LeakyReLU 0.2, tanh out); D =
     * 784-512-256-1 (LeakyReLU 0.2, logit out); BCE with logits, non-saturating G loss; Adam lr
     * 2e-4, betas (0.5, 0.999); batch 64; PyTorch's default initialisation. One iteration: one D
     * step (a real and a generated batch) and one G step.
     */
    MLP(200, 50) {
        @Override
        public AdversarialTrainer trainer(Backend backend, long seed) {
            SeededRandom root = new SeededRandom(seed);
            List<LayerConfig> g = List.of(dense(256), leaky(), dense(512), leaky(), dense(1024), leaky(),
                    new DenseConfig(FEATURES, Initializer.PYTORCH, true, ActivationFunction.TANH, null));
            List<LayerConfig> d = List.of(dense(512), leaky(), dense(256), leaky(), dense(1));
            return adamLogitTrainer(backend, root, g, d);
        }

        private static DenseConfig dense(int units) {
            return new DenseConfig(units, Initializer.PYTORCH, true);
        }
    },

    /**
     * A small MNIST DCGAN. G = Dense(100→128·7·7) → reshape [128, 7, 7] → BN, ReLU →
     * ConvT(128→64, 4, s2, p1) → BN, ReLU → ConvT(64→1, 4, s2, p1) → tanh; D = reshape [1, 28, 28]
     * (the peer's {@code view}) → Conv(1→64, 4, s2, p1) → LeakyReLU 0.2 → Conv(64→128, 4, s2, p1) →
     * BN, LeakyReLU 0.2 → flatten → Dense(128·7·7→1); BCE with logits, non-saturating G loss; Adam
     * 2e-4, betas (0.5, 0.999); batch 64; PyTorch's default initialisation, as the peer leaves it.
     * One iteration: one D step (a real and a generated batch) and one G step.
     */
    DCGAN(20, 10) {
        @Override
        public AdversarialTrainer trainer(Backend backend, long seed) {
            SeededRandom root = new SeededRandom(seed);
            List<LayerConfig> g = List.of(new DenseConfig(128 * 7 * 7, Initializer.PYTORCH, true),
                    new ReshapeConfig(List.of(128, 7, 7)), new BatchNorm2dConfig(0.1, 1e-5),
                    new ActivationConfigs.Relu(), convT(64), new BatchNorm2dConfig(0.1, 1e-5),
                    new ActivationConfigs.Relu(), convT(1), new ActivationConfigs.Tanh());
            List<LayerConfig> d = List.of(new ReshapeConfig(List.of(1, 28, 28)), conv(64), leaky(), conv(128),
                    new BatchNorm2dConfig(0.1, 1e-5), leaky(), new FlattenConfig(),
                    new DenseConfig(1, Initializer.PYTORCH, true));
            return adamLogitTrainer(backend, root, g, d);
        }

        private static ConvTranspose2dConfig convT(int filters) {
            return new ConvTranspose2dConfig(filters, 4, 2, 1, 0, true, Initializer.PYTORCH);
        }

        private static Conv2dConfig conv(int filters) {
            return new Conv2dConfig(filters, 4, 2, 1, true, Initializer.PYTORCH);
        }
    };

    /**
     * The mlp and dcgan workloads' trainer: non-saturating BCE from logits, Adam 2e-4 (0.5, 0.999)
     * for both networks, one D step and one G step of 64 per iteration, fresh N(0, 1) noise.
     */
    private static AdversarialTrainer adamLogitTrainer(Backend backend, SeededRandom root, List<LayerConfig> g,
            List<LayerConfig> d) {
        GanModel model = GanModel.build(backend, g, d, NOISE, new int[] {FEATURES}, 0, root.fork("init"),
                LayerRegistry.discover());
        AdamConfig adam = new AdamConfig(2e-4, 0.5, 0.999, 1e-8, 0);
        return new AdversarialTrainer(model, new LogitLoss(true), ScheduledOptimizer.constant(adam.create(backend)),
                ScheduledOptimizer.constant(adam.create(backend)), new TrainingConfig(Integer.MAX_VALUE, 64, 64, 1, 1,
                        false, 1.0, 0),
                new NoiseConfig(NOISE, NoiseConfig.Distribution.NORMAL, NoiseConfig.Scaling.NONE, 0),
                new RandomImages(backend, REAL_SAMPLES, FEATURES, RandomImages.Transform.SYMMETRIC, root.fork("data")),
                root);
    }

    private static LayerConfig leaky() {
        return new ActivationConfigs.LeakyRelu(0.2f);
    }

    /** Noise vector length of every workload. */
    static final int NOISE = 100;
    /** Values per sample (MNIST's 28×28). */
    static final int FEATURES = 784;
    /** Random real samples, as many as the peer makes. */
    static final int REAL_SAMPLES = 10_000;

    private final int defaultIterations;
    private final int defaultWarmup;

    Workload(int defaultIterations, int defaultWarmup) {
        this.defaultIterations = defaultIterations;
        this.defaultWarmup = defaultWarmup;
    }

    /**
     * A fresh trainer for this workload on {@code backend}, every random draw derived from
     * {@code seed}; call {@link AdversarialTrainer#step()} for one iteration.
     */
    public abstract AdversarialTrainer trainer(Backend backend, long seed);

    /** The name used on the command line, e.g. {@code "seed"}. */
    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Timed iterations per repeat when none are given: the peer script's documented counts. */
    public int defaultIterations() {
        return defaultIterations;
    }

    /** Untimed iterations first, so the JIT has compiled the hot loops. */
    public int defaultWarmup() {
        return defaultWarmup;
    }

    /**
     * The workload called {@code name} (case-insensitive).
     *
     * @throws IllegalArgumentException listing the workloads if there is none by that name
     */
    public static Workload of(String name) {
        for (Workload w : values()) {
            if (w.key().equalsIgnoreCase(name.trim())) {
                return w;
            }
        }
        List<String> keys = java.util.Arrays.stream(values()).map(Workload::key).toList();
        throw new IllegalArgumentException("unknown workload '" + name + "'; known: " + keys);
    }
}
