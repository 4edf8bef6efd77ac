package dev.gan4j.core.nn;

import dev.gan4j.api.Backend;
import dev.gan4j.api.ForwardContext;
import dev.gan4j.api.GradientSink;
import dev.gan4j.api.LayerCache;
import dev.gan4j.api.Tensor;
import java.util.Arrays;

/**
 * Minibatch standard deviation (Karras et al. 2018, ProGAN; StyleGAN's {@code minibatch_stddev_layer}
 * with one new feature): the batch is split into groups of {@code groupSize} consecutive samples
 * (sample {@code i} is in group {@code i / g}), and each sample gets one more channel filled with
 * its group's statistic: the standard deviation over the group's members of every feature
 * ({@code sqrt(population variance + 1e-8)}), averaged over the features. A discriminator that sees
 * it can tell a batch of near-identical samples from real data, which works against mode collapse.
 *
 * <p>{@code [C, H, W]} becomes {@code [C+1, H, W]} and flat {@code [F]} becomes {@code [F+1]}: in
 * row-major order either is the sample's values followed by {@code H·W} (or 1) copies of the
 * statistic. A batch smaller than {@code groupSize} is one group (ProGAN's rule); any other batch
 * must split into whole groups. Train and eval mode compute the same. No parameters.
 *
 * <p>Backward is exact: the input's gradient passes through, and the statistic's (summed over its
 * copies and the group) reaches member {@code n} as {@code dS · (x_n − μ) / (F · g · sd)} per
 * feature, the group mean's own term vanishing because {@code Σ (x − μ) = 0}.
 *
 * <p>Computed in double on host arrays: the layer sits on a discriminator's last, small
 * activations, where a copy to and from the tensor costs little. The arrays and tensors belong to
 * the call site's cache and are made again only when the batch size changes.
 */
public final class MinibatchStdDev extends FixedShapeLayer {

    /** ProGAN's: keeps the square root and its derivative finite when a group's values are equal. */
    static final double EPSILON = 1e-8;

    private final Backend backend;
    /** For error messages; made once so that a forward pass builds no string. */
    private final String name;
    private final int groupSize;
    /** Copies of the statistic per sample: {@code H·W}, or 1 for flat features. */
    private final int copies;
    private final int outSize;

    /**
     * @param id names the layer in error messages
     * @param inputShape {@code [C, H, W]} or {@code [F]}
     * @param groupSize samples per group, at least 1
     */
    public MinibatchStdDev(Backend backend, String id, int[] inputShape, int groupSize) {
        super(inputShape, outputShape(id, inputShape));
        if (groupSize < 1) {
            throw new IllegalArgumentException(id + " (minibatch-stddev): groupSize must be at least 1, got "
                    + groupSize);
        }
        this.backend = backend;
        this.name = id + " (minibatch-stddev)";
        this.groupSize = groupSize;
        this.copies = inputShape.length == 3 ? inputShape[1] * inputShape[2] : 1;
        this.outSize = inSize + copies;
    }

    /** {@code [C+1, H, W]} or {@code [F+1]}. */
    static int[] outputShape(String id, int[] inputShape) {
        if (inputShape.length == 3) {
            return new int[] {inputShape[0] + 1, inputShape[1], inputShape[2]};
        }
        if (inputShape.length == 1) {
            return new int[] {inputShape[0] + 1};
        }
        throw new IllegalArgumentException(id + " (minibatch-stddev): needs an image [C, H, W] or flat features "
                + "[F], got " + Arrays.toString(inputShape));
    }

    /** Samples per group. */
    public int groupSize() {
        return groupSize;
    }

    /**
     * The samples per group in a batch of {@code rows}: {@code groupSize}, or the whole batch when it
     * is smaller.
     *
     * @param what names the batch in the error, e.g. {@code "the batch size"}
     * @throws IllegalArgumentException if the groups do not divide the batch, suggesting a group size that does
     */
    static int groupOf(int groupSize, int rows, String what) {
        int group = Math.min(groupSize, rows);
        if (rows % group != 0) {
            int divisor = group;
            while (rows % divisor != 0) {
                divisor--;
            }
            throw new IllegalArgumentException("groupSize " + groupSize + " does not divide " + what + " " + rows
                    + " into groups of " + group + ": use a group size that divides every batch (e.g. " + divisor
                    + ")");
        }
        return group;
    }

    @Override
    public LayerCache newCache() {
        return new Cache();
    }

    @Override
    public Tensor forward(Tensor input, ForwardContext context, LayerCache cache) {
        Shapes.checkInput(name, input, inSize);
        Cache c = (Cache) cache;
        int n = input.rows();
        // a shape-only backend plans with batches of 2 and 4, which a group size of 3 does not divide:
        // the plan measures the allocations, which do not depend on the grouping
        int g = backend instanceof ShapeBackend ? Math.min(groupSize, n) : group(n);
        if (c.rows != n) {
            c.allocate(n);
        }
        c.group = g;
        input.toArray(c.x);
        float[] x = c.x;
        float[] y = c.y;
        for (int i = 0; i < n; i++) {
            System.arraycopy(x, i * inSize, y, i * outSize, inSize);
        }
        int groups = n / g;
        double[] mean = c.mean;
        double[] sd = c.sd;
        for (int m = 0; m < groups; m++) {
            int first = m * g;
            int stats = m * inSize;
            // member by member along its row, so each pass reads memory in order
            Arrays.fill(mean, stats, stats + inSize, 0);
            Arrays.fill(sd, stats, stats + inSize, 0);
            for (int k = 0; k < g; k++) {
                int row = (first + k) * inSize;
                for (int f = 0; f < inSize; f++) {
                    mean[stats + f] += x[row + f];
                }
            }
            for (int f = 0; f < inSize; f++) {
                mean[stats + f] /= g;
            }
            for (int k = 0; k < g; k++) {
                int row = (first + k) * inSize;
                for (int f = 0; f < inSize; f++) {
                    double d = x[row + f] - mean[stats + f];
                    sd[stats + f] += d * d;
                }
            }
            double sum = 0;
            for (int f = 0; f < inSize; f++) {
                double deviation = Math.sqrt(sd[stats + f] / g + EPSILON);
                sd[stats + f] = deviation;
                sum += deviation;
            }
            float statistic = (float) (sum / inSize);
            for (int k = 0; k < g; k++) {
                int row = (first + k) * outSize;
                Arrays.fill(y, row + inSize, row + outSize, statistic);
            }
        }
        c.output.copyFrom(y);
        return c.output;
    }

    private int group(int rows) {
        try {
            return groupOf(groupSize, rows, "the batch of");
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(name + ": " + e.getMessage(), e);
        }
    }

    @Override
    public Tensor backward(Tensor gradOutput, LayerCache cache, GradientSink sink) {
        Cache c = (Cache) cache;
        if (c.group < 0) {
            throw new IllegalStateException(name + ": backward called before forward");
        }
        Shapes.checkInput(name, gradOutput, outSize);
        if (gradOutput.rows() != c.rows) {
            throw new IllegalArgumentException(name + ": gradient of " + gradOutput.rows() + " rows for a forward pass of "
                    + c.rows);
        }
        gradOutput.toArray(c.y);
        float[] x = c.x;
        float[] gy = c.y;
        float[] gx = c.gx;
        int g = c.group;
        int groups = c.rows / g;
        for (int m = 0; m < groups; m++) {
            int first = m * g;
            double gradStatistic = 0;
            for (int k = 0; k < g; k++) {
                int row = (first + k) * outSize;
                for (int j = inSize; j < outSize; j++) {
                    gradStatistic += gy[row + j];
                }
            }
            // d statistic / d sd_f = 1/F; d sd_f / d x_nf = (x_nf − μ_f) / (g · sd_f)
            double scale = gradStatistic / ((double) inSize * g);
            for (int k = 0; k < g; k++) {
                int in = (first + k) * inSize;
                int out = (first + k) * outSize;
                for (int f = 0; f < inSize; f++) {
                    int s = m * inSize + f;
                    gx[in + f] = (float) (gy[out + f] + scale * (x[in + f] - c.mean[s]) / c.sd[s]);
                }
            }
        }
        c.gradInput.copyFrom(gx);
        return c.gradInput;
    }

    /** No parameters, so nothing to do when nobody reads the input gradient. */
    @Override
    public void backwardParameters(Tensor gradOutput, LayerCache cache, GradientSink sink) {
        if (((Cache) cache).group < 0) {
            throw new IllegalStateException(name + ": backward called before forward");
        }
    }

    @Override
    public String toString() {
        return "MinibatchStdDev[" + Arrays.toString(in) + " -> " + Arrays.toString(out) + ", groupSize " + groupSize
                + "]";
    }

    /** One call site's host arrays and tensors, for the batch size it last saw. */
    private final class Cache implements LayerCache {
        int rows = -1;
        /** Samples per group of the last forward pass; -1 before the first. */
        int group = -1;
        /** The input, kept for the backward pass. */
        float[] x;
        /** The output, then the output gradient. */
        float[] y;
        float[] gx;
        /** Per group and feature: the mean and standard deviation over the group. */
        double[] mean;
        double[] sd;
        Tensor output;
        Tensor gradInput;

        void allocate(int n) {
            rows = n;
            x = new float[Shapes.values(name + ": input", n, inSize)];
            y = new float[Shapes.values(name + ": output", n, outSize)];
            gx = new float[x.length];
            int groups = n / Math.min(groupSize, n);
            mean = new double[groups * inSize];
            sd = new double[groups * inSize];
            output = backend.zeros(Shapes.batch(n, out));
            gradInput = backend.zeros(Shapes.batch(n, in));
        }
    }
}
