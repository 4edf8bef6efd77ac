package dev.gan4j.core.eval;

import dev.gan4j.api.Backend;
import dev.gan4j.api.Dataset;
import dev.gan4j.api.ForwardContext;
import dev.gan4j.api.Layer;
import dev.gan4j.api.Mode;
import dev.gan4j.api.Parameter;
import dev.gan4j.api.SeededRandom;
import dev.gan4j.api.Tensor;
import dev.gan4j.api.UnaryOp;
import dev.gan4j.core.loss.SoftmaxCrossEntropy;
import dev.gan4j.api.LayerContext;
import dev.gan4j.core.nn.Activation;
import dev.gan4j.core.nn.AvgPool2d;
import dev.gan4j.core.nn.Conv2d;
import dev.gan4j.core.nn.Dense;
import dev.gan4j.core.nn.Gradients;
import dev.gan4j.core.nn.Initializer;
import dev.gan4j.core.nn.CallSite;
import dev.gan4j.core.nn.Reshape;
import dev.gan4j.core.nn.Sequential;
import dev.gan4j.core.optim.Adam;
import dev.gan4j.core.optim.AdamConfig;
import dev.gan4j.core.run.Provenance;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The classifier that judges generated samples, built from gan4j's own layers: a
 * {@linkplain CnnArchitecture small convolutional network} (the {@code cnn} judge) or a
 * {@linkplain MlpArchitecture multilayer perceptron} (the {@code mlp} judge), trained with
 * softmax cross-entropy and Adam. Its logits give the classifier score, the class histogram and
 * the conditional accuracy; its last hidden activations are the features for the Fréchet
 * distance and precision/recall.
 *
 * <p>The network is two {@link CallSite}s: the body (a {@link Sequential} of every layer up to and
 * including the last hidden activation) and the head (the final dense layer), so one forward pass
 * yields both features and logits. Inputs are flat rows ({@code [N, C·H·W]} for the CNN, whose
 * convolutions view them as images).
 *
 * <p>Instances are not thread-safe (the layers' caches are reused between calls).
 */
public final class EvaluationClassifier {

    /**
     * The revision of the training procedure, recorded in the provenance. Raise it whenever a
     * change to {@link #train} would train a different classifier from the same configuration,
     * so that cached classifiers are retrained.
     */
    public static final int RECIPE = 1;

    /** Samples per forward pass when predicting; bounds memory for large sample sets. */
    static final int PREDICT_BATCH = 500;

    private final Backend backend;
    private final ClassifierArchitecture architecture;
    private final ClassifierProvenance provenance;
    private final CallSite body;
    private final CallSite head;
    private final ForwardContext eval;

    private EvaluationClassifier(Backend backend, ClassifierArchitecture architecture, CallSite body, CallSite head,
            ClassifierProvenance provenance) {
        this.backend = backend;
        this.architecture = architecture;
        this.body = body;
        this.head = head;
        this.provenance = provenance;
        // the classifier has no stochastic layers; eval passes draw nothing from this stream
        this.eval = new ForwardContext(Mode.EVAL, new SeededRandom(0));
    }

    /**
     * Trains a classifier on {@code data}: a seeded {@link ClassifierTraining#heldOutFraction()}
     * of the samples is held out, the rest is shuffled every epoch and fed in mini-batches
     * (the last incomplete batch of an epoch is skipped; a different shuffle uses it next time).
     *
     * @param listener hears about each epoch, or {@code null}
     * @throws IllegalArgumentException if the data does not fit the architecture (sample size,
     *     class count) or is too small for the split and batch size
     */
    public static EvaluationClassifier train(Backend backend, ClassifierArchitecture architecture,
            ClassifierTraining training, ClassifierData data, EpochListener listener) {
        Training t = new Training(backend, architecture, training, data);
        for (int epoch = 1; epoch <= training.epochs(); epoch++) {
            t.startEpoch(epoch);
            for (int b = 0; b < t.batches; b++) {
                t.step(b);
            }
            double meanLoss = t.lossSum / t.batches;
            if (!Double.isFinite(meanLoss)) {
                throw new ArithmeticException("classifier training diverged in epoch " + epoch + " (loss "
                        + meanLoss + "); lower the learning rate");
            }
            if (listener != null) {
                listener.onEpoch(epoch, training.epochs(), meanLoss, (double) t.correct / (t.batches * t.batch));
            }
        }
        return t.finish();
    }

    /**
     * One training of a classifier, step by step: the split, the network, the optimiser and every
     * buffer a step needs, made once, so that a step allocates nothing.
     */
    static final class Training {
        private final Backend backend;
        private final ClassifierArchitecture architecture;
        private final ClassifierTraining training;
        private final ClassifierData data;
        private final Dataset dataset;
        private final int classes;
        final int batch;
        final int batches;
        private final int[] trainIndices;
        private final int[] heldOutIndices;
        private final EvaluationClassifier c;
        private final List<Parameter> params;
        private final Adam adam;
        private final Gradients grads;
        private final SeededRandom shuffle;
        private final ForwardContext train;
        private final Tensor x;
        private final Shifter shifter;
        private final Tensor gradLogits;
        private final int[] labels;
        private final float[] logits;
        private final float[] grad;
        double lossSum;
        int correct;

        Training(Backend backend, ClassifierArchitecture architecture, ClassifierTraining training,
                ClassifierData data) {
            this.backend = backend;
            this.architecture = architecture;
            this.training = training;
            this.data = data;
            this.dataset = data.dataset();
            int inputSize = architecture.inputSize();
            this.classes = architecture.classes();
            int sampleSize = Arrays.stream(dataset.sampleShape()).reduce(1, (a, b) -> a * b);
            if (sampleSize != inputSize) {
                throw new IllegalArgumentException(dataset.name() + " has samples of " + sampleSize + " values "
                        + Arrays.toString(dataset.sampleShape()) + " but the classifier takes " + inputSize);
            }
            if (dataset.classCount() != classes) {
                throw new IllegalArgumentException("the classifier needs labelled data with " + classes
                        + " classes, but " + dataset.name() + " has " + dataset.classCount());
            }
            int n = dataset.size();
            int heldOut = (int) Math.round(n * training.heldOutFraction());
            int trainCount = n - heldOut;
            this.batch = training.batchSize();
            if (heldOut < 1 || trainCount < batch) {
                throw new IllegalArgumentException(dataset.name() + " has " + n + " samples: too few to hold out "
                        + training.heldOutFraction() + " of them and train on batches of " + batch);
            }
            SeededRandom root = new SeededRandom(training.seed());
            int[] order = root.fork("split").permutation(n);
            this.heldOutIndices = Arrays.copyOfRange(order, 0, heldOut);
            this.trainIndices = Arrays.copyOfRange(order, heldOut, n);

            this.c = build(backend, architecture, root.fork("init"), null);
            this.params = new ArrayList<>(c.body.trainableParameters());
            params.addAll(c.head.trainableParameters());
            this.adam = new Adam(backend, new AdamConfig(training.learningRate(), 0.9, 0.999, 1e-8, 0));
            this.grads = new Gradients(backend, params);
            this.shuffle = root.fork("shuffle");
            this.train = new ForwardContext(Mode.TRAIN, root.fork("layers"));

            this.x = backend.zeros(batch, inputSize);
            this.shifter = training.maxShift() > 0
                    ? new Shifter(architecture, batch, training.maxShift(), data.inputLow(), root.fork("augment"))
                    : null;
            this.gradLogits = backend.zeros(batch, classes);
            this.labels = new int[batch];
            this.logits = new float[batch * classes];
            this.grad = new float[batch * classes];
            this.batches = trainCount / batch;
        }

        /** Sets the epoch's learning rate and shuffle, and clears its loss and accuracy sums. */
        void startEpoch(int epoch) {
            // linear decay to lr/epochs in the last epoch: late small steps settle the weights
            // instead of leaving them wherever the last large step threw them
            double rate = training.learningRate() * (training.epochs() - epoch + 1) / training.epochs();
            adam.setLearningRate(rate);
            shuffle.shuffle(trainIndices);
            lossSum = 0;
            correct = 0;
        }

        /** One Adam step on the epoch's mini-batch {@code b}. */
        void step(int b) {
            dataset.gather(trainIndices, b * batch, x, labels);
            if (shifter != null) {
                shifter.shift(x);
            }
            Tensor features = c.body.forward(x, train);
            c.head.forward(features, train).toArray(logits);
            lossSum += SoftmaxCrossEntropy.lossAndGradient(logits, labels, batch, classes, grad);
            for (int i = 0; i < batch; i++) {
                if (SoftmaxCrossEntropy.argmax(logits, i, classes) == labels[i]) {
                    correct++;
                }
            }
            gradLogits.copyFrom(grad);
            c.body.backward(c.head.backward(gradLogits, grads), grads);
            adam.step(params, grads);
            grads.zero();
        }

        /** The trained classifier, with its accuracies measured for the provenance. */
        EvaluationClassifier finish() {
            double trainAccuracy = c.accuracy(dataset, trainIndices);
            double heldOutAccuracy = c.accuracy(dataset, heldOutIndices);
            ClassifierProvenance provenance = new ClassifierProvenance(dataset.name(), data.sha256(),
                    data.inputLow(), data.inputHigh(), RECIPE, training, trainIndices.length, heldOutIndices.length,
                    trainAccuracy, heldOutAccuracy, Provenance.currentGan4jVersion(),
                    backend.name() + " " + backend.version(),
                    Instant.now().truncatedTo(ChronoUnit.SECONDS).toString());
            return new EvaluationClassifier(backend, architecture, c.body, c.head, provenance);
        }
    }

    /**
     * A classifier of {@code architecture} with weights drawn from {@code init}; the
     * provenance may be {@code null} only while it is being trained or loaded.
     */
    static EvaluationClassifier build(Backend backend, ClassifierArchitecture architecture, SeededRandom init,
            ClassifierProvenance provenance) {
        List<Layer> bodyLayers = new ArrayList<>();
        int in;
        if (architecture instanceof CnnArchitecture cnn) {
            in = cnnBody(backend, cnn, init, bodyLayers);
        } else {
            in = mlpBody(backend, (MlpArchitecture) architecture, init, bodyLayers);
        }
        String headId = "C." + bodyLayers.size();
        // the output layer feeds a softmax, not a rectifier: Xavier keeps its initial logits small
        Dense output = new Dense(backend, headId, in, architecture.classes(), true, Initializer.XAVIER,
                init.fork(headId));
        return new EvaluationClassifier(backend, architecture, new CallSite(new Sequential(bodyLayers)),
                new CallSite(output), provenance);
    }

    /** Adds the perceptron's hidden layers to {@code layers}; returns the feature width. */
    private static int mlpBody(Backend backend, MlpArchitecture architecture, SeededRandom init, List<Layer> layers) {
        int in = architecture.inputSize();
        for (int out : architecture.hidden()) {
            String id = "C." + layers.size();
            // He initialisation suits the (leaky) rectifiers that follow each dense layer
            layers.add(new Dense(backend, id, in, out, true, Initializer.HE, init.fork(id)));
            layers.add(new Activation(backend, UnaryOp.LEAKY_RELU, architecture.leakySlope(), new int[] {out}));
            in = out;
        }
        return in;
    }

    /** Adds the convolutional blocks and the feature layer to {@code layers}; returns the feature width. */
    private static int cnnBody(Backend backend, CnnArchitecture architecture, SeededRandom init, List<Layer> layers) {
        int[] shape = architecture.imageShape();
        float slope = architecture.leakySlope();
        for (int filters : architecture.filters()) {
            String id = "C." + layers.size();
            Conv2d conv = new Conv2d(new LayerContext(backend, shape, init.fork(id), id), filters,
                    CnnArchitecture.KERNEL, 1, CnnArchitecture.KERNEL / 2, true, Initializer.HE);
            layers.add(conv);
            shape = conv.outputShape();
            layers.add(new Activation(backend, UnaryOp.LEAKY_RELU, slope, shape));
            String poolId = "C." + layers.size();
            AvgPool2d pool = new AvgPool2d(new LayerContext(backend, shape, init.fork(poolId), poolId),
                    CnnArchitecture.POOL, CnnArchitecture.POOL, 0);
            layers.add(pool);
            shape = pool.outputShape();
        }
        layers.add(Reshape.flatten(shape));
        String id = "C." + layers.size();
        int in = Arrays.stream(shape).reduce(1, Math::multiplyExact);
        layers.add(new Dense(backend, id, in, architecture.features(), true, Initializer.HE, init.fork(id)));
        layers.add(new Activation(backend, UnaryOp.LEAKY_RELU, slope, new int[] {architecture.features()}));
        return architecture.features();
    }

    /**
     * Reads a classifier saved by {@link #save(Path)}; its tensors live on {@code backend}.
     *
     * @throws IOException if the file cannot be read or is not a valid classifier file (the
     *     message names the file and the offending JSON path)
     */
    public static EvaluationClassifier load(Path file, Backend backend) throws IOException {
        return ClassifierFile.read(file, backend);
    }

    /**
     * Writes the architecture, provenance and weights to {@code file} atomically (a temporary
     * file in the same directory, then a rename). The format is described in
     * {@link ClassifierFile}.
     */
    public void save(Path file) throws IOException {
        ClassifierFile.write(file, this);
    }

    public ClassifierArchitecture architecture() {
        return architecture;
    }

    public ClassifierProvenance provenance() {
        return provenance;
    }

    public Backend backend() {
        return backend;
    }

    /** Every parameter, body then head, in a fixed order with ids {@code C.<layer>.weight|bias}. */
    public List<Parameter> parameters() {
        List<Parameter> all = new ArrayList<>(body.parameters());
        all.addAll(head.parameters());
        return all;
    }

    /** Features and logits of {@code count} row-major samples in the classifier's input range. */
    public Predictions predict(float[] samples, int count) {
        int inputSize = architecture.inputSize();
        if (count <= 0) {
            throw new IllegalArgumentException("need at least one sample, got " + count);
        }
        if (samples.length < (long) count * inputSize) {
            throw new IllegalArgumentException("samples hold " + samples.length + " values, expected " + count
                    + " × " + inputSize + " = " + (long) count * inputSize);
        }
        return predictInBatches(count, (from, rows, x) -> {
            float[] staging = new float[rows * inputSize];
            System.arraycopy(samples, from * inputSize, staging, 0, rows * inputSize);
            x.copyFrom(staging);
        });
    }

    /** Features and logits of the samples {@code indices} of {@code data}, in that order. */
    public Predictions predict(Dataset data, int[] indices) {
        return predict(data, indices, null);
    }

    /**
     * As {@link #predict(Dataset, int[])}, also copying the samples' labels into
     * {@code labels} (one per index) unless it is {@code null}.
     */
    public Predictions predict(Dataset data, int[] indices, int[] labels) {
        if (indices.length == 0) {
            throw new IllegalArgumentException("need at least one sample index");
        }
        if (labels != null && labels.length != indices.length) {
            throw new IllegalArgumentException("expected room for " + indices.length + " labels, got " + labels.length);
        }
        int[] chunk = labels == null ? null : new int[PREDICT_BATCH];
        return predictInBatches(indices.length, (from, rows, x) -> {
            data.gather(indices, from, x, chunk);
            if (chunk != null) {
                System.arraycopy(chunk, 0, labels, from, rows);
            }
        });
    }

    /** Features and logits of every sample of {@code data}. */
    public Predictions predict(Dataset data) {
        int[] all = new int[data.size()];
        Arrays.setAll(all, i -> i);
        return predict(data, all);
    }

    /**
     * Maps samples from the value range {@code [low, high]} linearly to the range this
     * classifier was trained on, into a new array; for generators whose output range differs
     * from the classifier's data (e.g. tanh outputs in [−1, 1] against pixels / 255).
     */
    public float[] toInputRange(float[] samples, float low, float high) {
        if (!(low < high)) {
            throw new IllegalArgumentException("sample range must have low < high, got [" + low + ", " + high + "]");
        }
        double scale = (provenance.inputHigh() - provenance.inputLow()) / ((double) high - low);
        float[] out = new float[samples.length];
        for (int i = 0; i < samples.length; i++) {
            out[i] = (float) (provenance.inputLow() + (samples[i] - low) * scale);
        }
        return out;
    }

    private double accuracy(Dataset data, int[] indices) {
        int[] labels = new int[indices.length];
        return predict(data, indices, labels).accuracy(labels);
    }

    /**
     * Random translations of images, the augmentation that lets a classifier learn from a few
     * thousand digits without memorising their exact pixel positions. Every channel of an image
     * moves alike.
     */
    private static final class Shifter {
        private final int channels;
        private final int height;
        private final int width;
        private final int maxShift;
        private final SeededRandom random;
        private final float[] batch;
        private final float[] image;
        private final float background;

        /**
         * @param architecture gives the image shape: a CNN's own, a perceptron's input as one
         *     square channel
         * @param background the value uncovered pixels get: the data's black
         */
        Shifter(ClassifierArchitecture architecture, int rows, int maxShift, float background,
                SeededRandom random) {
            int inputSize = architecture.inputSize();
            if (architecture instanceof CnnArchitecture cnn) {
                this.channels = cnn.channels();
                this.height = cnn.height();
                this.width = cnn.width();
            } else {
                int s = (int) Math.round(Math.sqrt(inputSize));
                if (s * s != inputSize) {
                    throw new IllegalArgumentException("shift augmentation needs square images, but samples have "
                            + inputSize + " values; set maxShift to 0");
                }
                this.channels = 1;
                this.height = s;
                this.width = s;
            }
            this.maxShift = maxShift;
            this.random = random;
            this.batch = new float[rows * inputSize];
            this.image = new float[inputSize];
            this.background = background;
        }

        void shift(Tensor x) {
            x.toArray(batch);
            int plane = height * width;
            int size = channels * plane;
            for (int r = 0; r < x.rows(); r++) {
                int dx = random.nextInt(2 * maxShift + 1) - maxShift;
                int dy = random.nextInt(2 * maxShift + 1) - maxShift;
                int from = r * size;
                Arrays.fill(image, background);
                int copied = width - Math.abs(dx);
                if (copied > 0) {
                    for (int c = 0; c < channels; c++) {
                        int p = c * plane;
                        for (int y = Math.max(0, dy); y < Math.min(height, height + dy); y++) {
                            System.arraycopy(batch, from + p + (y - dy) * width + Math.max(0, -dx), image,
                                    p + y * width + Math.max(0, dx), copied);
                        }
                    }
                }
                System.arraycopy(image, 0, batch, from, size);
            }
            x.copyFrom(batch);
        }
    }

    /** Fills the input batch {@code x} with samples {@code from .. from + rows}. */
    @FunctionalInterface
    private interface BatchSource {
        void fill(int from, int rows, Tensor x);
    }

    private Predictions predictInBatches(int count, BatchSource source) {
        int inputSize = architecture.inputSize();
        int featureSize = architecture.featureSize();
        int classes = architecture.classes();
        float[] features = new float[count * featureSize];
        float[] logits = new float[count * classes];
        Tensor x = null;
        float[] featureChunk = null;
        float[] logitChunk = null;
        for (int from = 0; from < count; from += PREDICT_BATCH) {
            int rows = Math.min(PREDICT_BATCH, count - from);
            if (x == null || x.rows() != rows) {
                x = backend.zeros(rows, inputSize);
                featureChunk = new float[rows * featureSize];
                logitChunk = new float[rows * classes];
            }
            source.fill(from, rows, x);
            Tensor f = body.forward(x, eval);
            f.toArray(featureChunk);
            head.forward(f, eval).toArray(logitChunk);
            System.arraycopy(featureChunk, 0, features, from * featureSize, rows * featureSize);
            System.arraycopy(logitChunk, 0, logits, from * classes, rows * classes);
        }
        return new Predictions(features, logits, count, featureSize, classes);
    }
}
