package dev.gan4j.core.bench;

import dev.gan4j.api.Backend;
import dev.gan4j.api.Dataset;
import dev.gan4j.api.SeededRandom;
import dev.gan4j.api.Tensor;
import java.util.Arrays;

/**
 * Stand-in real data for the benchmark workloads, as the PyTorch peer makes it: uniform random
 * values of MNIST's shape. The speed of a training step does not depend on pixel values.
 *
 * <p>The samples live in one backend tensor and a batch is one {@link Backend#gatherRows}, as
 * the peer's {@code real[torch.randint(...)]} is one indexing operation.
 */
final class RandomImages implements Dataset {

    /** How the {@code [0, 1)} values are transformed, as each workload does to MNIST. */
    enum Transform {
        /** Each row min-max scaled to [0, 1] (the tutorial's {@code seed} workload). */
        ROW_MINMAX,
        /** {@code 2x − 1}, into [−1, 1) for a tanh generator. */
        SYMMETRIC
    }

    private final Backend backend;
    private final int count;
    private final int features;
    private final Tensor samples;

    RandomImages(Backend backend, int count, int features, Transform transform, SeededRandom random) {
        this.backend = backend;
        this.count = count;
        this.features = features;
        float[] values = new float[count * features];
        random.fillUniform(values, 0, 1);
        for (int r = 0; r < count; r++) {
            int off = r * features;
            if (transform == Transform.SYMMETRIC) {
                for (int j = 0; j < features; j++) {
                    values[off + j] = 2 * values[off + j] - 1;
                }
            } else {
                float lo = Float.POSITIVE_INFINITY;
                float hi = Float.NEGATIVE_INFINITY;
                for (int j = 0; j < features; j++) {
                    lo = Math.min(lo, values[off + j]);
                    hi = Math.max(hi, values[off + j]);
                }
                float range = Math.max(hi - lo, 1e-12f);
                for (int j = 0; j < features; j++) {
                    values[off + j] = (values[off + j] - lo) / range;
                }
            }
        }
        this.samples = backend.fromArray(values, count, features);
    }

    @Override
    public String name() {
        return "random-" + count + "x" + features;
    }

    @Override
    public int size() {
        return count;
    }

    @Override
    public int[] sampleShape() {
        return new int[] {features};
    }

    @Override
    public int classCount() {
        return 0;
    }

    @Override
    public void gather(int[] indices, int offset, Tensor out, int[] labels) {
        if (labels != null) {
            throw new IllegalStateException(name() + " has no labels");
        }
        if (out.columns() != features) {
            throw new IllegalArgumentException(name() + ": out must have " + features + " columns, got "
                    + Arrays.toString(out.shape()));
        }
        backend.gatherRows(samples, indices, offset, out);
    }
}
