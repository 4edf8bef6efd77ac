package dev.gan4j.core.train;

import dev.gan4j.api.Backend;
import dev.gan4j.api.ForwardContext;
import dev.gan4j.api.Mode;
import dev.gan4j.api.SeededRandom;
import dev.gan4j.api.Tensor;

/** Draws samples from a trained generator, outside the training loop. */
public final class Sampling {
    private Sampling() {
    }

    /**
     * {@code count} samples in eval mode from noise drawn with {@code random}; {@code labels}
     * (one per sample, each in {@code [0, classCount)}) are required for a conditional model and
     * must be {@code null} otherwise.
     *
     * @return {@code count × sampleSize} values, row-major
     */
    public static float[] generate(GanModel model, NoiseConfig noise, int count, SeededRandom random, int[] labels) {
        if (count <= 0) {
            throw new IllegalArgumentException("count must be positive, got " + count);
        }
        int classes = model.classCount();
        if (classes > 0 && (labels == null || labels.length != count)) {
            throw new IllegalArgumentException("a conditional model needs one label per sample: " + count
                    + " labels, got " + (labels == null ? "none" : labels.length));
        }
        if (classes == 0 && labels != null) {
            throw new IllegalArgumentException("labels were given but the model is not conditional");
        }
        int dim = noise.dim();
        float[] z = new float[count * dim];
        noise.draw(random, z, count);
        float[] input = z;
        if (classes > 0) {
            input = new float[count * (dim + classes)];
            for (int i = 0; i < count; i++) {
                if (labels[i] < 0 || labels[i] >= classes) {
                    throw new IllegalArgumentException("label " + labels[i] + " at index " + i
                            + " is outside [0, " + classes + ")");
                }
                System.arraycopy(z, i * dim, input, i * (dim + classes), dim);
                input[i * (dim + classes) + dim + labels[i]] = 1f;
            }
        }
        Backend backend = model.backend();
        ForwardContext eval = new ForwardContext(Mode.EVAL, random.fork("layers"));
        int width = dim + classes;
        if (count <= CHUNK) {
            return model.sampler().forward(backend.fromArray(input, count, width), eval).toArray();
        }
        // Eval mode treats every sample on its own, so chunks give the same values as one batch,
        // while a convolutional generator's activations for 10,000 samples at once would need
        // gigabytes of heap (each layer keeps its output for a backward pass that never comes).
        float[] out = null;
        for (int from = 0; from < count; from += CHUNK) {
            int n = Math.min(CHUNK, count - from);
            float[] part = new float[n * width];
            System.arraycopy(input, from * width, part, 0, part.length);
            float[] samples = model.sampler().forward(backend.fromArray(part, n, width), eval).toArray();
            if (out == null) {
                out = new float[Math.multiplyExact(count, samples.length / n)];
            }
            System.arraycopy(samples, 0, out, from * (samples.length / n), samples.length);
        }
        return out;
    }

    /** The most samples drawn in one forward pass (what a memory estimate counts for the sampler's caches). */
    public static final int CHUNK = 1000;
}
