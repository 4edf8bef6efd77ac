package dev.gan4j.core;

import dev.gan4j.api.Backend;
import dev.gan4j.api.Backends;
import dev.gan4j.api.Dataset;
import dev.gan4j.api.GanLoss;
import dev.gan4j.api.LayerConfig;
import dev.gan4j.api.SeededRandom;
import dev.gan4j.api.TrainingSetup;
import dev.gan4j.core.config.DataConfig;
import dev.gan4j.core.config.ExperimentConfig;
import dev.gan4j.core.config.ExperimentException;
import dev.gan4j.core.config.TypeRegistries;
import dev.gan4j.core.nn.ActivationConfigs;
import dev.gan4j.core.nn.ActivationFunction;
import dev.gan4j.core.nn.DenseConfig;
import dev.gan4j.core.nn.LayerRegistry;
import dev.gan4j.core.nn.ModelShapeException;
import dev.gan4j.core.train.AdversarialTrainer;
import dev.gan4j.core.train.Conditioning;
import dev.gan4j.core.train.GanModel;
import dev.gan4j.core.train.IterationStats;
import dev.gan4j.core.train.ModelPlan;
import dev.gan4j.core.train.TrainingListener;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * An experiment ready to train: the {@link ExperimentConfig} built into a {@link GanModel}, its
 * loss and optimisers and an {@link AdversarialTrainer} over a {@link Dataset}. This is the
 * entry point for using gan4j as a library:
 *
 * <pre>{@code
 * ExperimentConfig config = ExperimentLoader.create().load(Path.of("seed-tutorial.json"));
 * try (GanExperiment gan = GanExperiment.create(config, dataset)) {
 *     gan.train((trainer, stats) -> System.out.println(stats));
 *     float[] images = gan.generate(16, null); // 16 × 784 values
 * }
 * }</pre>
 *
 * <p>Everything random derives from {@link ExperimentConfig#seed()}: initial weights from the
 * stream {@code "init"}, training from the trainer's own streams, {@link #generate(int, int[])}
 * from {@code "sampling"}; so one seed, one backend and one dataset give the same numbers every
 * time. Not thread-safe, except {@link #requestStop()}.
 */
public final class GanExperiment implements AutoCloseable {

    private final ExperimentConfig config;
    private final Dataset dataset;
    private final Backend backend;
    private final boolean ownsBackend;
    private final LayerRegistry layers;
    private final GanModel model;
    private final AdversarialTrainer trainer;
    private final SeededRandom sampling;
    private final MemoryEstimate memory;

    private GanExperiment(ExperimentConfig config, Dataset dataset, Backend backend, boolean ownsBackend,
            LayerRegistry layers) {
        this.config = config;
        this.dataset = dataset;
        this.backend = backend;
        this.ownsBackend = ownsBackend;
        this.layers = layers;
        int classCount = 0;
        if (config.conditioning() == Conditioning.ONE_HOT) {
            classCount = dataset.classCount();
            if (classCount < 2) {
                throw new ExperimentException(null, "$.conditioning", 0, 0, "\"one-hot\" conditioning needs data "
                        + "labelled with at least 2 classes, but " + dataset.name() + " has "
                        + (classCount == 0 ? "no labels" : "one class")
                        + (config.data().dataset().equals(DataConfig.IDX) ? " (give data.labels)" : ""));
            }
        }
        if (config.training().batchSize() > dataset.size()) {
            // checked first: samplesPerIteration defaults to batchSize, so it is often not in the file at all
            throw new ExperimentException(null, "$.training.batchSize", 0, 0, String.format(Locale.ROOT,
                    "a batch of %,d samples is more than the %,d samples of %s", config.training().batchSize(),
                    dataset.size(), dataset.name()));
        }
        if (config.training().samplesPerIteration() > dataset.size()) {
            throw new ExperimentException(null, "$.training.samplesPerIteration", 0, 0, String.format(Locale.ROOT,
                    "%,d samples per iteration are more than the %,d samples of %s",
                    config.training().samplesPerIteration(), dataset.size(), dataset.name()));
        }
        // optimisers, losses and schedules by their registered types, a user's like gan4j's own
        TypeRegistries types = TypeRegistries.discover().withLayers(layers);
        GanLoss loss = types.loss(config.loss());
        checkDiscriminatorOutput(config, loss, types.losses().nameOf(config.loss()));
        // plan first: shapes are checked and memory is estimated before anything is allocated
        ModelPlan plan;
        try {
            plan = GanModel.plan(config.generator(), config.discriminator(), config.noise().dim(),
                    dataset.sampleShape(), classCount, layers);
        } catch (ModelShapeException e) {
            throw shapeError(e, dataset);
        }
        validateLayers(config, plan, dataset, classCount, layers);
        validateOptimizersAndLoss(config, dataset, classCount, types);
        this.memory = MemoryEstimate.of(config, plan, dataset, classCount, layers);
        memory.requireFits(Runtime.getRuntime().maxMemory());
        SeededRandom root = new SeededRandom(config.seed());
        try {
            this.model = GanModel.build(backend, config.generator(), config.discriminator(), config.noise().dim(),
                    dataset.sampleShape(), classCount, root.fork("init"), layers);
            this.trainer = new AdversarialTrainer(model, loss,
                    types.scheduledOptimizer(config.optimizers().discriminator(), backend),
                    types.scheduledOptimizer(config.optimizers().generator(), backend), config.training(), config.noise(),
                    dataset, root);
        } catch (ModelShapeException e) {
            throw shapeError(e, dataset);
        } catch (IllegalArgumentException e) {
            // what the plan cannot foresee (a custom layer that rejects a batch): the experiment does
            // not fit its data, which the user fixes in the experiment
            throw new ExperimentException("experiment '" + config.name() + "' does not fit " + dataset.name() + ": "
                    + e.getMessage(), e);
        }
        this.sampling = root.fork("sampling");
    }

    /**
     * Lets every layer's type check its configuration against the training ({@link
     * dev.gan4j.api.LayerType#validate}), so that validating catches what training would fail on; an
     * objection is an error at the layer's JSON path.
     */
    private static void validateLayers(ExperimentConfig config, ModelPlan plan, Dataset dataset, int classCount,
            LayerRegistry layers) {
        for (String network : List.of("generator", "discriminator")) {
            List<? extends LayerConfig> configs = network.equals("generator") ? config.generator()
                    : config.discriminator();
            TrainingSetup setup = new TrainingSetup(network, config.training().batchSize(),
                    config.training().samplesPerIteration(), classCount, dataset.sampleShape(), config.noise().dim());
            for (int i = 0; i < configs.size(); i++) {
                try {
                    layers.validate(configs.get(i), plan.network(network).get(i).inputShape(), setup);
                } catch (IllegalArgumentException e) {
                    throw new ExperimentException(null, "$." + network + "[" + i + "]", 0, 0,
                            layers.nameOf(configs.get(i)) + ": " + e.getMessage(), e);
                }
            }
        }
    }

    /** As {@link #validateLayers}, for the two optimisers and the loss, at their JSON paths. */
    private static void validateOptimizersAndLoss(ExperimentConfig config, Dataset dataset, int classCount,
            TypeRegistries types) {
        for (String network : List.of("discriminator", "generator")) {
            TrainingSetup setup = new TrainingSetup(network, config.training().batchSize(),
                    config.training().samplesPerIteration(), classCount, dataset.sampleShape(), config.noise().dim());
            var optimizer = network.equals("generator") ? config.optimizers().generator()
                    : config.optimizers().discriminator();
            try {
                types.validate(optimizer.optimizer(), setup);
            } catch (IllegalArgumentException e) {
                throw new ExperimentException(null, "$.optimizers." + network, 0, 0,
                        types.optimizers().nameOf(optimizer.optimizer()) + ": " + e.getMessage(), e);
            }
            if (network.equals("discriminator")) {
                try {
                    types.validate(config.loss(), setup);
                } catch (IllegalArgumentException e) {
                    throw new ExperimentException(null, "$.loss", 0, 0,
                            types.losses().nameOf(config.loss()) + ": " + e.getMessage(), e);
                }
            }
        }
    }

    /**
     * Refuses a loss that takes probabilities after a discriminator without a final sigmoid, or one
     * that takes logits or critic scores after a discriminator with one: either trains, silently
     * wrong. Only a last layer gan4j knows (a sigmoid, or a dense layer with a sigmoid activation,
     * against any other built-in layer) is judged; a user's layer there is taken on trust.
     */
    private static void checkDiscriminatorOutput(ExperimentConfig config, GanLoss loss, String lossName) {
        List<? extends LayerConfig> d = config.discriminator();
        if (d.isEmpty()) {
            return;
        }
        LayerConfig last = d.get(d.size() - 1);
        boolean sigmoid = last instanceof ActivationConfigs.Sigmoid
                || last instanceof DenseConfig dense && dense.activation() == ActivationFunction.SIGMOID;
        boolean known = sigmoid || last.getClass().getPackageName().equals(DenseConfig.class.getPackageName());
        if (!known || loss.expects().accepts(sigmoid)) {
            return;
        }
        String path = "$.discriminator[" + (d.size() - 1) + "]";
        String problem = switch (loss.expects()) {
            case PROBABILITY -> "loss '" + lossName + "' takes D's output as a probability, but D's last layer "
                    + "emits unbounded values: end D with a sigmoid (\"activation\": \"sigmoid\" on this dense "
                    + "layer), or use a loss on logits such as \"non-saturating\"";
            case LOGIT -> "loss '" + lossName + "' takes D's output as a logit and applies the sigmoid itself, but "
                    + "D ends with a sigmoid: remove it, or use \"bce\", which takes probabilities";
            case SCORE -> "loss '" + lossName + "' takes D's output as an unbounded critic score, but D ends with "
                    + "a sigmoid: remove it";
            case ANY -> throw new IllegalStateException("ANY accepts every output");
        };
        throw new ExperimentException(null, path, 0, 0, problem);
    }

    /** A shape error as an error at the offending layer's JSON path. */
    private static ExperimentException shapeError(ModelShapeException e, Dataset dataset) {
        String problem = e.getMessage().replace("the data's samples", "the samples of " + dataset.name());
        return new ExperimentException(null, e.jsonPath(), 0, 0, problem, e);
    }

    /**
     * Builds {@code config} on the backend it names, or on the best one available (see
     * {@link Backends#select(String)}). The backend is created here and closed by {@link #close()}.
     *
     * @throws Backends.NoSuchBackendException if no backend fits, listing every one found
     * @throws ExperimentException if the experiment does not fit the dataset or the heap; its
     *     {@linkplain ExperimentException#path() path} names the setting to change
     */
    public static GanExperiment create(ExperimentConfig config, Dataset dataset) {
        Backend backend = Backends.discover().select(config.backend()).create(Map.of());
        try {
            return new GanExperiment(config, dataset, backend, true, LayerRegistry.discover());
        } catch (RuntimeException e) {
            backend.close();
            throw e;
        }
    }

    /**
     * Builds {@code config} on {@code backend}, which stays the caller's to close.
     *
     * @throws ExperimentException if the experiment does not fit the dataset
     */
    public static GanExperiment create(ExperimentConfig config, Dataset dataset, Backend backend) {
        return new GanExperiment(config, dataset, backend, false, LayerRegistry.discover());
    }

    /** As {@link #create(ExperimentConfig, Dataset, Backend)}, with the layer types of {@code layers}. */
    public static GanExperiment create(ExperimentConfig config, Dataset dataset, Backend backend,
            LayerRegistry layers) {
        return new GanExperiment(config, dataset, backend, false, layers);
    }

    /**
     * Trains until {@code config.training().iterations()} iterations are done or
     * {@link #requestStop()} is called, calling {@code listener} (if not {@code null}) after
     * every iteration.
     */
    public void train(TrainingListener listener) {
        trainer.run(listener);
    }

    /** Runs one iteration, whatever the configured count. */
    public IterationStats step() {
        return trainer.step();
    }

    /** Makes {@link #train} return after the current iteration. Safe to call from any thread. */
    public void requestStop() {
        trainer.requestStop();
    }

    /**
     * Draws {@code count} samples from the generator, with noise from this experiment's own
     * {@code "sampling"} stream (each call continues it).
     *
     * @param labels one class per sample for a conditional model, {@code null} otherwise
     * @return {@code count × sampleSize} values, row-major, in the data's value range
     */
    public float[] generate(int count, int[] labels) {
        return trainer.generate(count, sampling, labels);
    }

    /** As {@link #generate(int, int[])}, with noise from {@code random}. */
    public float[] generate(int count, SeededRandom random, int[] labels) {
        return trainer.generate(count, random, labels);
    }

    /** Iterations completed so far. */
    public int iteration() {
        return trainer.iteration();
    }

    public ExperimentConfig config() {
        return config;
    }

    public Dataset dataset() {
        return dataset;
    }

    public Backend backend() {
        return backend;
    }

    /** The layer types the model was built with. */
    public LayerRegistry layers() {
        return layers;
    }

    /** What the experiment was estimated to need, checked against the heap before it was built. */
    public MemoryEstimate memory() {
        return memory;
    }

    public GanModel model() {
        return model;
    }

    /** The training loop, for checkpoints and lower-level control. */
    public AdversarialTrainer trainer() {
        return trainer;
    }

    /** Closes the backend if this experiment created it. */
    @Override
    public void close() {
        if (ownsBackend) {
            backend.close();
        }
    }
}
