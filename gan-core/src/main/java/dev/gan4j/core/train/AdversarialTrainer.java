package dev.gan4j.core.train;

import dev.gan4j.api.Backend;
import dev.gan4j.api.Dataset;
import dev.gan4j.api.ForwardContext;
import dev.gan4j.api.GatherKernels;
import dev.gan4j.api.LearningRateSchedule;
import dev.gan4j.api.Mode;
import dev.gan4j.api.Optimizer;
import dev.gan4j.api.Parameter;
import dev.gan4j.api.SeededRandom;
import dev.gan4j.api.Tensor;
import dev.gan4j.api.GanLoss;
import dev.gan4j.core.loss.Labels;
import dev.gan4j.core.kernels.PlainKernels;
import dev.gan4j.core.nn.Gradients;
import dev.gan4j.core.nn.CallSite;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs the freeze-and-share adversarial loop described by a {@link TrainingConfig}.
 *
 * <p>Discriminator step: the generator's output is detached (no backward pass goes into G) and
 * only D's parameters reach D's optimiser. Generator step: the stacked G→D runs the very same D
 * layers, the backward pass through D passes no gradient sink (so D's weight-gradient work is
 * skipped and D's parameters cannot change) and only G's parameters reach G's optimiser.
 *
 * <p>When the G step is a single mini-batch ({@code samplesPerIteration == batchSize}, the usual
 * modern loop) it reuses the generator forward pass of the last D round, as PyTorch's usual loop
 * does: D steps do not change G, so a second pass would compute the same numbers. A mini-batch
 * that holds all the samples is not shuffled either: its row order would change only round-off.
 *
 * <p>With {@link TrainingConfig#generatorAverage()} a {@link GeneratorAverage} follows G's
 * weights and {@link #generate} draws from it.
 *
 * <p>Every tensor the loop needs is allocated in the constructor; an iteration allocates none.
 * All randomness comes from named forks of the root {@link SeededRandom}, whose states
 * {@link #randomStates()} exposes for checkpoints.
 */
public final class AdversarialTrainer {

    private final Backend backend;
    /** Draws the tutorial's mixed mini-batches: the backend's kernel, or the plain composition. */
    private final GatherKernels gather;
    private final GanModel model;
    private final GanLoss loss;
    private final Optimizer dOptimizer;
    private final Optimizer gOptimizer;
    private final LearningRateSchedule dSchedule;
    private final LearningRateSchedule gSchedule;
    /**
     * The rates the schedules scale: the configured ones, times every factor given to
     * {@link #scaleLearningRates} (a divergence rollback). Multiplied in place, so a run resumed
     * with these rates as its configured ones computes the very same doubles.
     */
    private double dBaseRate;
    private double gBaseRate;
    private final TrainingConfig config;
    private final NoiseConfig noise;
    private final Dataset data;

    private final Map<String, SeededRandom> randoms = new LinkedHashMap<>();
    private final SeededRandom noiseRandom;
    private final SeededRandom dataRandom;
    private final SeededRandom shuffleRandom;
    private final SeededRandom labelRandom;
    private final ForwardContext train;

    private final int n;
    private final int batch;
    private final int dim;
    private final int classes;
    private final int features;
    private final float realTarget;

    private final Tensor noiseBank;
    private final int[] bankIndex;
    private final float[] noiseHost;
    private final int[] dataIndex;
    private final Tensor z;
    private final Tensor gIn;
    private final Tensor real;
    private final int[] realLabels;
    private final int[] fakeLabels;
    private final float[] oneHotHost;
    private final Tensor oneHotReal;
    private final Tensor oneHotFake;
    private final Tensor dRealIn;
    private final Tensor dFakeIn;
    private final int[] perm;
    private final Tensor xb;
    private final Tensor zb;
    private final Tensor oneHotBatch;
    private final Tensor dInBatch;
    private final Tensor gradGBatch;
    private final float[] targets;
    private final float[] outHost;
    private final float[] gradHost;
    private final Tensor gradOut;
    private final Gradients dGrads;
    private final Gradients gGrads;
    private final List<Parameter> dParams;
    private final List<Parameter> gParams;
    /** The moving average of G's weights that draws samples; null without one. */
    private final GeneratorAverage generatorAverage;

    /**
     * Whether the G step is one mini-batch over the noise of the last D round; it then reuses
     * that round's generator forward pass ({@link #reusableFake}) instead of repeating it.
     */
    private final boolean singleGeneratorBatch;
    /** The last D round's generator output, owned by the stacked generator's cache; or null. */
    private Tensor reusableFake;

    private int iteration;
    private volatile boolean stopRequested;

    // per-iteration accumulators
    private double dLossSum;
    private int dLossCount;
    private double realScoreSum;
    private int realScoreCount;
    private double fakeScoreSum;
    private int fakeScoreCount;

    /**
     * A trainer for {@code model}. Each optimiser's learning rate at this point is the base rate
     * its schedule varies; the schedule sets the rate before every iteration.
     *
     * @param root the experiment's seeded generator; the trainer forks its own streams from it
     */
    public AdversarialTrainer(GanModel model, GanLoss loss, ScheduledOptimizer discriminatorOptimizer,
            ScheduledOptimizer generatorOptimizer, TrainingConfig config, NoiseConfig noise, Dataset data,
            SeededRandom root) {
        this.backend = model.backend();
        this.gather = PlainKernels.of(backend, GatherKernels.class);
        this.model = model;
        this.loss = loss;
        this.dOptimizer = discriminatorOptimizer.optimizer();
        this.gOptimizer = generatorOptimizer.optimizer();
        this.dSchedule = discriminatorOptimizer.schedule();
        this.gSchedule = generatorOptimizer.schedule();
        this.dBaseRate = dOptimizer.learningRate();
        this.gBaseRate = gOptimizer.learningRate();
        this.config = config;
        this.noise = noise;
        this.data = data;
        this.n = config.samplesPerIteration();
        this.batch = config.batchSize();
        this.singleGeneratorBatch = n == batch;
        this.dim = noise.dim();
        this.classes = model.classCount();
        this.features = model.sampleSize();
        this.realTarget = (float) (Labels.REAL * config.realLabel());
        if (noise.dim() != model.noiseDim()) {
            throw new IllegalArgumentException("noise.dim is " + noise.dim() + " but the generator was built for "
                    + model.noiseDim());
        }
        int dataSize = Arrays.stream(data.sampleShape()).reduce(1, (a, b) -> a * b);
        if (dataSize != features) {
            throw new IllegalArgumentException("the data's samples have " + dataSize + " values "
                    + Arrays.toString(data.sampleShape()) + " but the model's have " + features);
        }
        if (classes > 0 && data.classCount() != classes) {
            throw new IllegalArgumentException("conditioning needs labelled data with " + classes
                    + " classes, but " + data.name() + " has " + data.classCount());
        }
        if (n > data.size()) {
            throw new IllegalArgumentException("training.samplesPerIteration (" + n + ") exceeds the "
                    + data.size() + " samples of " + data.name());
        }
        if (noise.bank() > 0 && n > noise.bank()) {
            throw new IllegalArgumentException("training.samplesPerIteration (" + n + ") exceeds noise.bank ("
                    + noise.bank() + ")");
        }

        this.noiseRandom = stream(root, "noise");
        this.dataRandom = stream(root, "data");
        this.shuffleRandom = stream(root, "shuffle");
        this.labelRandom = stream(root, "labels");
        this.train = new ForwardContext(Mode.TRAIN, stream(root, "layers"));

        if (noise.bank() > 0) {
            float[] bank = new float[noise.bank() * dim];
            noise.draw(root.fork("noise-bank"), bank, noise.bank());
            this.noiseBank = backend.fromArray(bank, noise.bank(), dim);
            this.bankIndex = new int[noise.bank()];
            this.noiseHost = null;
        } else {
            this.noiseBank = null;
            this.bankIndex = null;
            this.noiseHost = new float[n * dim];
        }
        this.dataIndex = new int[data.size()];
        int dIn = features + classes;
        this.z = backend.zeros(n, dim);
        this.gIn = classes > 0 ? backend.zeros(n, dim + classes) : z;
        this.real = backend.zeros(n, features);
        this.realLabels = classes > 0 ? new int[n] : null;
        this.fakeLabels = classes > 0 ? new int[n] : null;
        this.oneHotHost = classes > 0 ? new float[n * classes] : null;
        this.oneHotReal = classes > 0 ? backend.zeros(n, classes) : null;
        this.oneHotFake = classes > 0 ? backend.zeros(n, classes) : null;
        this.dRealIn = classes > 0 ? backend.zeros(n, dIn) : real;
        this.dFakeIn = classes > 0 ? backend.zeros(n, dIn) : null;
        this.perm = new int[config.mixBatches() ? 2 * n : n];
        this.xb = backend.zeros(batch, dIn);
        this.zb = backend.zeros(batch, dim + classes);
        this.oneHotBatch = classes > 0 ? backend.zeros(batch, classes) : null;
        this.dInBatch = classes > 0 ? backend.zeros(batch, dIn) : null;
        this.gradGBatch = classes > 0 ? backend.zeros(batch, features) : null;
        this.targets = new float[batch];
        this.outHost = new float[batch];
        this.gradHost = new float[batch];
        this.gradOut = backend.zeros(batch, 1);
        this.dParams = model.discriminator().trainableParameters();
        this.gParams = model.generator().trainableParameters();
        this.dGrads = new Gradients(backend, dParams);
        this.gGrads = new Gradients(backend, gParams);
        this.generatorAverage = config.generatorAverage() > 0
                ? new GeneratorAverage(backend, model.generator().parameters(), config.generatorAverage())
                : null;
    }

    private SeededRandom stream(SeededRandom root, String name) {
        SeededRandom r = root.fork(name);
        randoms.put(name, r);
        return r;
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

    /** Runs one iteration: the D rounds, then the G epoch. */
    public IterationStats step() {
        long start = System.nanoTime();
        dLossSum = 0;
        dLossCount = 0;
        realScoreSum = 0;
        realScoreCount = 0;
        fakeScoreSum = 0;
        fakeScoreCount = 0;
        // the schedules are functions of the iteration, so a resumed run gets the same rates
        dOptimizer.setLearningRate(dSchedule.rate(dBaseRate, iteration));
        gOptimizer.setLearningRate(gSchedule.rate(gBaseRate, iteration));
        for (int s = 0; s < config.discriminatorSteps(); s++) {
            discriminatorRound();
        }
        double gLoss = generatorEpoch();
        iteration++;
        double seconds = (System.nanoTime() - start) / 1e9;
        return new IterationStats(iteration, dLossSum / dLossCount, gLoss, realScoreSum / realScoreCount,
                fakeScoreSum / fakeScoreCount, seconds);
    }

    // package-private so the freeze-and-share tests can run the two halves separately
    void discriminatorRound() {
        drawNoise();
        drawReal();
        // With one G mini-batch the G step will need exactly this forward pass (D steps do not
        // change G), so it runs through the stacked call site and is kept for generatorEpoch.
        Tensor fake = (singleGeneratorBatch ? model.stackedGenerator() : model.generator()).forward(gIn, train);
        reusableFake = singleGeneratorBatch ? fake : null;
        Tensor fakeIn = fake;
        if (classes > 0) {
            backend.concatColumns(fake, oneHotFake, dFakeIn);
            fakeIn = dFakeIn;
        }
        int batches = (config.mixBatches() ? 2 * n : n) / batch;
        for (int e = 0; e < config.discriminatorEpochs(); e++) {
            // one unmixed batch holds every sample: its row order changes nothing but round-off
            boolean whole = !config.mixBatches() && batches == 1;
            if (!whole) {
                shuffledIdentity(perm);
            }
            for (int b = 0; b < batches; b++) {
                int offset = b * batch;
                if (config.mixBatches()) {
                    // rows of [real; fake], picked straight from the two: no stacked copy of both
                    gather.gatherStackedRows(dRealIn, fakeIn, perm, offset, xb);
                    for (int k = 0; k < batch; k++) {
                        targets[k] = perm[offset + k] < n ? realTarget : Labels.FAKE;
                    }
                    dLossSum += discriminatorPass(xb);
                } else {
                    Tensor x = dRealIn;
                    if (!whole) {
                        backend.gatherRows(dRealIn, perm, offset, xb);
                        x = xb;
                    }
                    Arrays.fill(targets, realTarget);
                    double l = discriminatorPass(x);
                    x = fakeIn;
                    if (!whole) {
                        backend.gatherRows(fakeIn, perm, offset, xb);
                        x = xb;
                    }
                    Arrays.fill(targets, Labels.FAKE);
                    dLossSum += l + discriminatorPass(x);
                }
                dLossCount++;
                dOptimizer.step(dParams, dGrads);
                dGrads.zero();
                if (config.clipDiscriminator() > 0) {
                    float c = (float) config.clipDiscriminator();
                    for (Parameter p : dParams) {
                        backend.clip(-c, c, p.value(), p.value());
                    }
                }
            }
        }
    }

    /** Forward, loss and backward of one D mini-batch; gradients accumulate in {@code dGrads}. */
    private double discriminatorPass(Tensor x) {
        CallSite d = model.discriminator();
        Tensor out = d.forward(x, train);
        out.toArray(outHost);
        double l = loss.discriminator(outHost, targets, batch, gradHost);
        for (int k = 0; k < batch; k++) {
            double score = loss.score(outHost[k]);
            if (Labels.isReal(targets[k])) {
                realScoreSum += score;
                realScoreCount++;
            } else {
                fakeScoreSum += score;
                fakeScoreCount++;
            }
        }
        gradOut.copyFrom(gradHost);
        // D's input is data or detached samples: its input gradient would be thrown away
        d.backwardParameters(gradOut, dGrads);
        return l;
    }

    /** Makes the next G step compute its own forward pass; for the test that the reuse changes nothing. */
    void forgetGeneratorForward() {
        reusableFake = null;
    }

    double generatorEpoch() {
        CallSite g = model.stackedGenerator();
        CallSite d = model.stackedDiscriminator();
        int batches = n / batch;
        if (batches > 1) {
            shuffledIdentity(perm, n);
        }
        double sum = 0;
        for (int b = 0; b < batches; b++) {
            Tensor z = gIn;
            Tensor fake;
            if (batches > 1) {
                backend.gatherRows(gIn, perm, b * batch, zb);
                z = zb;
                fake = g.forward(z, train);
            } else if (reusableFake != null) {
                fake = reusableFake;
            } else {
                fake = g.forward(z, train);
            }
            reusableFake = null;
            Tensor dIn = fake;
            if (classes > 0) {
                backend.sliceColumns(z, dim, oneHotBatch);
                backend.concatColumns(fake, oneHotBatch, dInBatch);
                dIn = dInBatch;
            }
            Tensor out = d.forward(dIn, train);
            out.toArray(outHost);
            sum += loss.generator(outHost, batch, gradHost);
            gradOut.copyFrom(gradHost);
            // frozen D: no sink, so D's parameter gradients are neither computed nor applied
            Tensor gradIn = d.backward(gradOut, null);
            if (classes > 0) {
                backend.sliceColumns(gradIn, 0, gradGBatch);
                gradIn = gradGBatch;
            }
            g.backwardParameters(gradIn, gGrads);
            gOptimizer.step(gParams, gGrads);
            gGrads.zero();
            if (generatorAverage != null) {
                generatorAverage.update();
            }
        }
        return sum / batches;
    }

    private void drawNoise() {
        if (noiseBank != null) {
            // a partial Fisher–Yates over a fresh identity picks n distinct bank rows
            for (int i = 0; i < bankIndex.length; i++) {
                bankIndex[i] = i;
            }
            partialShuffle(bankIndex, n, noiseRandom);
            backend.gatherRows(noiseBank, bankIndex, 0, z);
        } else {
            noise.draw(noiseRandom, noiseHost, n);
            z.copyFrom(noiseHost);
        }
        if (classes > 0) {
            for (int i = 0; i < n; i++) {
                fakeLabels[i] = labelRandom.nextInt(classes);
            }
            oneHot(fakeLabels, oneHotFake);
            backend.concatColumns(z, oneHotFake, gIn);
        }
    }

    private void drawReal() {
        for (int i = 0; i < dataIndex.length; i++) {
            dataIndex[i] = i;
        }
        partialShuffle(dataIndex, n, dataRandom);
        data.gather(dataIndex, 0, real, realLabels);
        if (classes > 0) {
            oneHot(realLabels, oneHotReal);
            backend.concatColumns(real, oneHotReal, dRealIn);
        }
    }

    private void oneHot(int[] labels, Tensor out) {
        Arrays.fill(oneHotHost, 0f);
        for (int i = 0; i < n; i++) {
            oneHotHost[i * classes + labels[i]] = 1f;
        }
        out.copyFrom(oneHotHost);
    }

    private void shuffledIdentity(int[] a) {
        shuffledIdentity(a, a.length);
    }

    /** Sets {@code a[0..len)} to a random permutation of {@code 0..len-1}. */
    private void shuffledIdentity(int[] a, int len) {
        for (int i = 0; i < len; i++) {
            a[i] = i;
        }
        partialShuffle(a, len, shuffleRandom, len);
    }

    private static void partialShuffle(int[] a, int count, SeededRandom random) {
        partialShuffle(a, count, random, a.length);
    }

    /** Fisher–Yates over the first {@code count} places of {@code a[0..len)}. */
    private static void partialShuffle(int[] a, int count, SeededRandom random, int len) {
        for (int i = 0; i < count && i < len - 1; i++) {
            int j = i + random.nextInt(len - i);
            int t = a[i];
            a[i] = a[j];
            a[j] = t;
        }
    }

    /**
     * Draws {@code count} samples from the generator in eval mode, with noise from
     * {@code random} and, for a conditional model, the given labels (one per sample).
     *
     * @return {@code count × sampleSize} values, row-major
     */
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

    /**
     * Every parameter a checkpoint must hold to continue this run: the model's, then the
     * generator average's, if any.
     */
    public List<Parameter> checkpointParameters() {
        if (generatorAverage == null) {
            return model.parameters();
        }
        List<Parameter> all = new java.util.ArrayList<>(model.parameters());
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
        return dOptimizer;
    }

    public Optimizer generatorOptimizer() {
        return gOptimizer;
    }

    /**
     * Multiplies both networks' learning rates by {@code factor} from now on, schedules included:
     * what a run does when it rolls back from a divergence. A schedule keeps its shape over the
     * lowered rates.
     */
    public void scaleLearningRates(double factor) {
        if (!(factor > 0 && Double.isFinite(factor))) {
            throw new IllegalArgumentException("factor must be positive, got " + factor);
        }
        dBaseRate *= factor;
        gBaseRate *= factor;
        dOptimizer.setLearningRate(dOptimizer.learningRate() * factor);
        gOptimizer.setLearningRate(gOptimizer.learningRate() * factor);
    }

    /** D's learning rate before its schedule: the configured one times every {@link #scaleLearningRates} factor. */
    public double discriminatorBaseRate() {
        return dBaseRate;
    }

    /** G's learning rate before its schedule: the configured one times every {@link #scaleLearningRates} factor. */
    public double generatorBaseRate() {
        return gBaseRate;
    }

    /** The state of every random stream the trainer draws from, by name, for checkpoints. */
    public Map<String, long[]> randomStates() {
        Map<String, long[]> out = new LinkedHashMap<>();
        randoms.forEach((k, v) -> out.put(k, v.state()));
        return out;
    }

    /**
     * Restores a checkpointed position: the completed iteration count and every random stream.
     *
     * @throws IllegalArgumentException naming the stream if one is missing or unknown
     */
    public void restore(int completedIterations, Map<String, long[]> states) {
        if (completedIterations < 0) {
            throw new IllegalArgumentException("iteration must be >= 0, got " + completedIterations);
        }
        if (!states.keySet().equals(randoms.keySet())) {
            throw new IllegalArgumentException("checkpoint random streams " + states.keySet() + " do not match "
                    + randoms.keySet());
        }
        states.forEach((k, v) -> randoms.get(k).restore(v));
        this.iteration = completedIterations;
    }
}
