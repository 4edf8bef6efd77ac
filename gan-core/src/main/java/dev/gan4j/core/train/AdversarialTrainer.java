package dev.gan4j.core.train;

import dev.gan4j.api.Dataset;
import dev.gan4j.api.ForwardContext;
import dev.gan4j.api.GanLoss;
import dev.gan4j.api.Mode;
import dev.gan4j.api.Optimizer;
import dev.gan4j.api.Parameter;
import dev.gan4j.api.SeededRandom;
import dev.gan4j.api.Tensor;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Runs the freeze-and-share adversarial loop described by a {@link TrainingConfig}, in the
 * three steps of the usual GAN loop: draw a batch (noise, real samples, labels), train D with G
 * detached ({@link DiscriminatorStep}), train G through the frozen D that it shares
 * ({@link GeneratorStep}).
 *
 * <p>When the G step is a single mini-batch ({@code samplesPerIteration == batchSize}, the usual
 * modern loop) it reuses the generator forward pass of the last D round, as PyTorch's usual loop
 * does: D steps do not change G, so a second pass would compute the same numbers.
 *
 * <p>With {@link TrainingConfig#generatorAverage()} a {@link GeneratorAverage} follows G's
 * weights and {@link #generate} draws from it. Every tensor the loop needs is allocated in the
 * constructor; an iteration allocates none. All randomness comes from named forks of the root
 * {@link SeededRandom}, whose states {@link #randomStates()} exposes for checkpoints.
 */
public final class AdversarialTrainer {

    private final GanModel model;
    private final TrainingConfig config;
    private final NoiseConfig noise;
    private final RandomStreams randoms;
    private final LearningRates rates;
    private final IterationMetrics metrics = new IterationMetrics();
    private final BatchSource batches;
    private final DiscriminatorStep discriminator;
    private final GeneratorStep generator;
    private final GeneratorAverage generatorAverage;
    private int iteration;
    private volatile boolean stopRequested;

    /**
     * A trainer for {@code model}. Each optimiser's learning rate at this point is the base rate
     * its schedule varies; the schedule sets the rate before every iteration.
     *
     * @param root the experiment's seeded generator; the trainer forks its own streams from it
     */
    public AdversarialTrainer(GanModel model, GanLoss loss, ScheduledOptimizer discriminatorOptimizer,
            ScheduledOptimizer generatorOptimizer, TrainingConfig config, NoiseConfig noise, Dataset data,
            SeededRandom root) {
        this.model = model;
        this.config = config;
        this.noise = noise;
        this.rates = new LearningRates(discriminatorOptimizer, generatorOptimizer);
        int n = config.samplesPerIteration();
        this.randoms = new RandomStreams(root);
        SeededRandom noiseRandom = randoms.stream("noise");
        SeededRandom dataRandom = randoms.stream("data");
        Shuffles shuffles = new Shuffles(randoms.stream("shuffle"), config.mixBatches() ? 2 * n : n);
        SeededRandom labelRandom = randoms.stream("labels");
        ForwardContext train = new ForwardContext(Mode.TRAIN, randoms.stream("layers"));
        this.batches = new BatchSource(model, noise, data, n, noiseRandom, dataRandom, labelRandom,
                randoms.once("noise-bank"));
        HostLoss hostLoss = new HostLoss(model.backend(), loss, config.batchSize());
        this.discriminator = new DiscriminatorStep(model, rates.discriminator(), hostLoss, shuffles, train, metrics,
                config);
        this.generatorAverage = config.generatorAverage() > 0
                ? new GeneratorAverage(model.backend(), model.generator().parameters(), config.generatorAverage())
                : null;
        this.generator = new GeneratorStep(model, rates.generator(), hostLoss, shuffles, train, generatorAverage,
                config);
    }

    /** Runs iterations until {@link TrainingConfig#iterations()} is reached or a stop is requested. */
    public void run(TrainingListener listener) {
        while (iteration < config.iterations() && !stopRequested) {
            IterationStats stats = step();
            if (listener != null) {
                listener.onIteration(this, stats);
            }
        }
    }

    /** Asks {@link #run} to return after the current iteration (e.g. on Ctrl-C). Thread-safe. */
    public void requestStop() {
        stopRequested = true;
    }

    /** Runs one iteration: the D rounds, each on a new batch, then G's epoch on the last batch's noise. */
    public IterationStats step() {
        long start = System.nanoTime();
        metrics.reset();
        rates.set(iteration);
        for (int s = 0; s < config.discriminatorSteps(); s++) {
            discriminatorRound();
        }
        double gLoss = generatorEpoch();
        iteration++;
        return metrics.stats(iteration, gLoss, (System.nanoTime() - start) / 1e9);
    }

    // package-private so the freeze-and-share tests can run the two halves separately
    void discriminatorRound() {
        Batch batch = batches.next();
        // detached: D's backward pass stops at its input, so nothing flows back into G
        Tensor fake = generator.samplesForDiscriminator(batch.generatorInput());
        discriminator.train(batch.real(), batch.discriminatorInput(model.backend(), fake));
    }

    double generatorEpoch() {
        return generator.train(batches.current().generatorInput());
    }

    /** For the test that the reuse changes nothing: the next G step runs its own forward pass. */
    void forgetGeneratorForward() {
        generator.forgetSamples();
    }

    /** {@code count} samples (row-major) from G, or its average, in eval mode: see {@link Sampling#generate}. */
    public float[] generate(int count, SeededRandom random, int[] labels) {
        if (generatorAverage != null) {
            return generatorAverage.withAverages(() -> Sampling.generate(model, noise, count, random, labels));
        }
        return Sampling.generate(model, noise, count, random, labels);
    }

    /** The moving average of G's weights ({@link TrainingConfig#generatorAverage()}), or null. */
    public GeneratorAverage generatorAverage() {
        return generatorAverage;
    }

    /** Every parameter a checkpoint must hold to continue this run: the model's, then the generator average's. */
    public List<Parameter> checkpointParameters() {
        if (generatorAverage == null) {
            return model.parameters();
        }
        List<Parameter> all = new ArrayList<>(model.parameters());
        all.addAll(generatorAverage.parameters());
        return all;
    }

    public GanModel model() {
        return model;
    }

    public TrainingConfig config() {
        return config;
    }

    /** Iterations completed so far. */
    public int iteration() {
        return iteration;
    }

    public Optimizer discriminatorOptimizer() {
        return rates.discriminator();
    }

    public Optimizer generatorOptimizer() {
        return rates.generator();
    }

    /** Multiplies both base rates by {@code factor} from now on (a divergence rollback); schedules keep their shape. */
    public void scaleLearningRates(double factor) {
        rates.scale(factor);
    }

    /** D's learning rate before its schedule: the configured one times every {@link #scaleLearningRates} factor. */
    public double discriminatorBaseRate() {
        return rates.discriminatorBase();
    }

    /** G's learning rate before its schedule: the configured one times every {@link #scaleLearningRates} factor. */
    public double generatorBaseRate() {
        return rates.generatorBase();
    }

    /** The state of every random stream the trainer draws from, by name, for checkpoints. */
    public Map<String, long[]> randomStates() {
        return randoms.states();
    }

    /** Restores a checkpointed position; {@link IllegalArgumentException} names a missing or unknown stream. */
    public void restore(int completedIterations, Map<String, long[]> states) {
        if (completedIterations < 0) {
            throw new IllegalArgumentException("iteration must be >= 0, got " + completedIterations);
        }
        randoms.restore(states);
        this.iteration = completedIterations;
    }
}
