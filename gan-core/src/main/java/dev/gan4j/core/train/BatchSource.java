package dev.gan4j.core.train;

import dev.gan4j.api.Backend;
import dev.gan4j.api.Dataset;
import dev.gan4j.api.SeededRandom;
import dev.gan4j.api.Tensor;
import java.util.Arrays;

/**
 * Draws each D round's {@link Batch}: noise (from a {@link NoiseSource}), {@code n} distinct real
 * samples with their labels, and for a conditional GAN the classes G is asked for, one-hot
 * encoded and appended to both networks' inputs. One batch object is refilled every time.
 */
final class BatchSource {

    private final Backend backend;
    private final Dataset data;
    private final NoiseSource noise;
    private final SeededRandom dataRandom;
    private final SeededRandom labelRandom;
    private final int n;
    private final int classes;
    private final int[] dataIndex;
    private final Tensor z;
    private final Tensor samples;
    /** Labels and their one-hot encoding, for a conditional GAN; null otherwise. */
    private final int[] realLabels;
    private final int[] fakeLabels;
    private final float[] oneHotHost;
    private final Tensor realOneHot;
    private final Batch batch;

    /**
     * @param n samples of each kind per batch ({@link TrainingConfig#samplesPerIteration()})
     * @param bankRandom draws the noise bank, if the noise has one, while this is built
     * @throws IllegalArgumentException if the data or the noise does not fit the model or the batch
     */
    BatchSource(GanModel model, NoiseConfig noiseConfig, Dataset data, int n, SeededRandom noiseRandom,
            SeededRandom dataRandom, SeededRandom labelRandom, SeededRandom bankRandom) {
        check(model, noiseConfig, data, n);
        this.backend = model.backend();
        this.data = data;
        this.dataRandom = dataRandom;
        this.labelRandom = labelRandom;
        this.n = n;
        this.classes = model.classCount();
        this.noise = new NoiseSource(backend, noiseConfig, n, noiseRandom, bankRandom);
        this.dataIndex = new int[data.size()];
        int dim = noiseConfig.dim();
        int features = model.sampleSize();
        this.z = backend.zeros(n, dim);
        this.samples = backend.zeros(n, features);
        boolean conditional = classes > 0;
        this.realLabels = conditional ? new int[n] : null;
        this.fakeLabels = conditional ? new int[n] : null;
        this.oneHotHost = conditional ? new float[n * classes] : null;
        this.realOneHot = conditional ? backend.zeros(n, classes) : null;
        this.batch = conditional
                ? new Batch(backend.zeros(n, dim + classes), backend.zeros(n, features + classes),
                        backend.zeros(n, classes), backend.zeros(n, features + classes))
                : new Batch(z, samples, null, null);
    }

    private static void check(GanModel model, NoiseConfig noise, Dataset data, int n) {
        if (noise.dim() != model.noiseDim()) {
            throw new IllegalArgumentException("noise.dim is " + noise.dim() + " but the generator was built for "
                    + model.noiseDim());
        }
        int dataSize = Arrays.stream(data.sampleShape()).reduce(1, (a, b) -> a * b);
        if (dataSize != model.sampleSize()) {
            throw new IllegalArgumentException("the data's samples have " + dataSize + " values "
                    + Arrays.toString(data.sampleShape()) + " but the model's have " + model.sampleSize());
        }
        if (model.classCount() > 0 && data.classCount() != model.classCount()) {
            throw new IllegalArgumentException("conditioning needs labelled data with " + model.classCount()
                    + " classes, but " + data.name() + " has " + data.classCount());
        }
        if (n > data.size()) {
            throw new IllegalArgumentException("training.samplesPerIteration (" + n + ") exceeds the "
                    + data.size() + " samples of " + data.name());
        }
    }

    /** Draws the next batch: noise and G's classes first, then the real samples (the order of the streams' draws). */
    Batch next() {
        noise.draw(z);
        if (classes > 0) {
            for (int i = 0; i < n; i++) {
                fakeLabels[i] = labelRandom.nextInt(classes);
            }
            oneHot(fakeLabels, batch.fakeLabels());
            backend.concatColumns(z, batch.fakeLabels(), batch.generatorInput());
        }
        Shuffles.pick(dataIndex, n, dataRandom);
        data.gather(dataIndex, 0, samples, realLabels);
        if (classes > 0) {
            oneHot(realLabels, realOneHot);
            backend.concatColumns(samples, realOneHot, batch.real());
        }
        return batch;
    }

    /** The batch {@link #next()} drew last. */
    Batch current() {
        return batch;
    }

    private void oneHot(int[] labels, Tensor out) {
        Arrays.fill(oneHotHost, 0f);
        for (int i = 0; i < n; i++) {
            oneHotHost[i * classes + labels[i]] = 1f;
        }
        out.copyFrom(oneHotHost);
    }
}
