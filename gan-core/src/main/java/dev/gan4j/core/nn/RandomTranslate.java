package dev.gan4j.core.nn;

import dev.gan4j.api.Backend;
import dev.gan4j.api.ForwardContext;
import dev.gan4j.api.GradientSink;
import dev.gan4j.api.LayerCache;
import dev.gan4j.api.LayerContext;
import dev.gan4j.api.Parameter;
import dev.gan4j.api.SeededRandom;
import dev.gan4j.api.Tensor;
import java.util.Arrays;

/**
 * DiffAugment's translation and cutout (Zhao et al. 2020, "Differentiable Augmentation for
 * Data-Efficient GAN Training"), as the first layer of a discriminator: in
 * {@link dev.gan4j.api.Mode#TRAIN} every sample of a {@code [C, H, W]} batch is moved by its own
 * integer shift {@code (dy, dx)}, each uniform in {@code [−s, s]} with {@code s = round(fraction·H)}
 * (resp. {@code W}), the same for all its channels: output {@code (y, x)} is input
 * {@code (y − dy, x − dx)}, zero where that lies outside the image. With {@code cutout > 0} a square
 * of {@code round(cutout·H) × round(cutout·W)} is then zeroed in every sample, centred at a uniform
 * position and clipped at the borders, as DiffAugment draws it. Since the discriminator sees real and
 * generated samples moved alike, in its own step and in the generator's, it cannot memorise a small
 * training set pixel by pixel, and the generator is not taught to make shifted digits: the
 * augmentation is differentiable, and the generator's gradient flows back through it.
 * {@link dev.gan4j.api.Mode#EVAL} is the identity.
 *
 * <p>The input gradient is the exact adjoint: zero inside the cut square, then shifted back by
 * {@code (−dy, −dx)}, zero where that lies outside. Shifts and squares are drawn from
 * {@link ForwardContext#random()}, never from a hidden generator, so a run is reproducible from its
 * seed and resumes to the same draws; a forward pass keeps its draws in its cache for the backward
 * pass. The work is plain copying, done on host arrays the cache allocates once per batch size.
 */
public final class RandomTranslate extends SameShapeLayer {

    /** Ints a sample's draws take in the cache: dy, dx, then the cut rows and columns [from, to). */
    private static final int DRAWS = 6;

    private final Backend backend;
    private final String id;
    /** For error messages; made once so that a forward pass builds no string. */
    private final String name;
    private final int channels;
    private final int height;
    private final int width;
    /** The largest shift down and right, from {@code fraction}. */
    private final int maxDy;
    private final int maxDx;
    /** The cut square's height and width; 0 for no cutout. */
    private final int cutHeight;
    private final int cutWidth;
    private final double fraction;
    private final double cutout;

    /**
     * @param context the layer's backend, {@code [C, H, W]} input shape and id (which names it in errors)
     * @param fraction the largest shift as a fraction of each side, in [0, 0.5] (DiffAugment: 0.125)
     * @param cutout the side of the cut square as a fraction of each side, in [0, 1]; 0 for none
     *     (DiffAugment: 0.5)
     * @throws IllegalArgumentException if the input is not an image or a fraction is out of range
     */
    public RandomTranslate(LayerContext context, double fraction, double cutout) {
        super(Shapes.image(context.inputShape()));
        this.id = context.id();
        this.name = id + " (random-translate)";
        if (!(fraction >= 0 && fraction <= 0.5)) {
            throw new IllegalArgumentException(name + ": fraction must be in [0, 0.5], got " + fraction);
        }
        if (!(cutout >= 0 && cutout <= 1)) {
            throw new IllegalArgumentException(name + ": cutout must be in [0, 1], got " + cutout);
        }
        this.backend = context.backend();
        this.fraction = fraction;
        this.cutout = cutout;
        this.channels = shape[0];
        this.height = shape[1];
        this.width = shape[2];
        // DiffAugment's int(side·ratio + 0.5)
        this.maxDy = (int) Math.round(fraction * height);
        this.maxDx = (int) Math.round(fraction * width);
        int ch = (int) Math.round(cutout * height);
        int cw = (int) Math.round(cutout * width);
        boolean cuts = ch > 0 && cw > 0;
        this.cutHeight = cuts ? ch : 0;
        this.cutWidth = cuts ? cw : 0;
    }

    /** The largest shift as a fraction of each side. */
    public double fraction() {
        return fraction;
    }

    /** The side of the cut square as a fraction of each side, 0 for none. */
    public double cutout() {
        return cutout;
    }

    @Override
    public LayerCache newCache() {
        return new Cache();
    }

    @Override
    public Tensor forward(Tensor input, ForwardContext context, LayerCache cache) {
        Shapes.checkInput(name, input, size);
        Cache c = (Cache) cache;
        int n = input.rows();
        // the input gradient takes the input's shape, which may be flat: a discriminator's samples often are
        if (c.output == null || c.output.rows() != n || c.gradInput.rank() != input.rank()) {
            c.output = backend.zeros(Shapes.batch(n, shape));
            c.gradInput = backend.zeros(input.shape());
            c.source = new float[n * size];
            c.target = new float[n * size];
            c.draws = new int[n * DRAWS];
        }
        c.augmented = context.training() && (maxDy > 0 || maxDx > 0 || cutHeight > 0);
        if (c.augmented) {
            draw(context.random(), n, c.draws);
            input.toArray(c.source);
            for (int s = 0; s < n; s++) {
                int d = s * DRAWS;
                for (int ch = 0; ch < channels; ch++) {
                    int base = (s * channels + ch) * height * width;
                    shift(c.source, c.target, base, height, width, c.draws[d], c.draws[d + 1]);
                    cut(c.target, base, width, c.draws, d);
                }
            }
            c.output.copyFrom(c.target);
        } else {
            // the output is owned by the cache, so the caller may overwrite it without touching the input
            backend.copy(input, c.output);
        }
        c.ran = true;
        return c.output;
    }

    /**
     * Each sample's draws, in this order from {@code random}: {@code dy} then {@code dx}, each
     * {@code nextInt(2s + 1) − s} and not drawn when its {@code s} is 0; then, with a cutout, the
     * square's centre row then column, uniform in {@code [0, H]} for an even side and {@code [0, H − 1]}
     * for an odd one (DiffAugment's {@code randint(0, H + (1 − side % 2))}), stored as the rows and
     * columns {@code [centre − side/2, centre − side/2 + side)} clipped to the image.
     */
    private void draw(SeededRandom random, int n, int[] draws) {
        for (int s = 0; s < n; s++) {
            int d = s * DRAWS;
            draws[d] = maxDy == 0 ? 0 : random.nextInt(2 * maxDy + 1) - maxDy;
            draws[d + 1] = maxDx == 0 ? 0 : random.nextInt(2 * maxDx + 1) - maxDx;
            if (cutHeight == 0) {
                draws[d + 2] = 0;
                draws[d + 3] = 0;
                draws[d + 4] = 0;
                draws[d + 5] = 0;
                continue;
            }
            int top = random.nextInt(height + 1 - cutHeight % 2) - cutHeight / 2;
            int left = random.nextInt(width + 1 - cutWidth % 2) - cutWidth / 2;
            draws[d + 2] = Math.max(0, top);
            draws[d + 3] = Math.min(height, top + cutHeight);
            draws[d + 4] = Math.max(0, left);
            draws[d + 5] = Math.min(width, left + cutWidth);
        }
    }

    /**
     * One {@code h × w} plane at {@code base}: {@code dst(y, x) = src(y − dy, x − dx)}, zero where
     * that lies outside the plane. Shifting by {@code (−dy, −dx)} is its adjoint. {@code |dx| ≤ w}.
     */
    static void shift(float[] src, float[] dst, int base, int h, int w, int dy, int dx) {
        int from = Math.max(0, dx);
        int to = Math.min(w, w + dx);
        for (int y = 0; y < h; y++) {
            int row = base + y * w;
            int sy = y - dy;
            if (sy < 0 || sy >= h) {
                Arrays.fill(dst, row, row + w, 0f);
                continue;
            }
            Arrays.fill(dst, row, row + from, 0f);
            System.arraycopy(src, base + sy * w + from - dx, dst, row + from, to - from);
            Arrays.fill(dst, row + to, row + w, 0f);
        }
    }

    /** Zeroes the cut square of the draws at {@code d} in the plane at {@code base}. */
    private static void cut(float[] plane, int base, int w, int[] draws, int d) {
        for (int y = draws[d + 2]; y < draws[d + 3]; y++) {
            Arrays.fill(plane, base + y * w + draws[d + 4], base + y * w + draws[d + 5], 0f);
        }
    }

    @Override
    public Tensor backward(Tensor gradOutput, LayerCache cache, GradientSink sink) {
        Cache c = ran((Cache) cache);
        if (c.augmented) {
            gradOutput.toArray(c.source);
            int n = c.output.rows();
            for (int s = 0; s < n; s++) {
                int d = s * DRAWS;
                for (int ch = 0; ch < channels; ch++) {
                    int base = (s * channels + ch) * height * width;
                    cut(c.source, base, width, c.draws, d);
                    shift(c.source, c.target, base, height, width, -c.draws[d], -c.draws[d + 1]);
                }
            }
            c.gradInput.copyFrom(c.target);
        } else {
            backend.copy(gradOutput, c.gradInput);
        }
        return c.gradInput;
    }

    /** No parameters, so nothing to do when nobody reads the input gradient. */
    @Override
    public void backwardParameters(Tensor gradOutput, LayerCache cache, GradientSink sink) {
        ran((Cache) cache);
    }

    private Cache ran(Cache c) {
        if (!c.ran) {
            throw new IllegalStateException(name + ": backward called before forward");
        }
        return c;
    }

    private static final class Cache implements LayerCache {
        Tensor output;
        Tensor gradInput;
        /** The input, then the output gradient, on the host. */
        float[] source;
        /** The output, then the input gradient, on the host. */
        float[] target;
        /** {@link #DRAWS} ints per sample of the last forward pass. */
        int[] draws;
        boolean augmented;
        boolean ran;
    }
}
