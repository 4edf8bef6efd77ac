package dev.gan4j.core.nn;

import dev.gan4j.api.Backend;
import dev.gan4j.api.BinaryOp;
import dev.gan4j.api.ForwardContext;
import dev.gan4j.api.GradientSink;
import dev.gan4j.api.LayerCache;
import dev.gan4j.api.Parameter;
import dev.gan4j.api.SeededRandom;
import dev.gan4j.api.Tensor;

/**
 * Inverted dropout: in {@link dev.gan4j.api.Mode#TRAIN} each value is zeroed with probability
 * {@code rate} and the survivors are scaled by {@code 1/(1−rate)}, so the expected output equals
 * the input and {@link dev.gan4j.api.Mode#EVAL} is the identity.
 *
 * <p>Masks are drawn from {@link ForwardContext#random()}, never from a hidden generator: a run
 * is reproducible from its seed and resumes to the same masks. The mask of a forward pass stays
 * in its cache for the backward pass.
 */
public final class Dropout extends SameShapeLayer {

    private final Backend backend;
    private final String id;
    /** For error messages; made once so that a forward pass builds no string. */
    private final String name;
    private final float rate;
    private final float keepScale;
    /** An entry is dropped when its 32 random bits, unsigned, are below this: {@code rate·2³²}. */
    private final long dropBelow;

    /**
     * @param id names the layer in error messages
     * @param rate probability of dropping a value, in [0, 1)
     * @param shape per-sample shape, kept unchanged
     */
    public Dropout(Backend backend, String id, double rate, int[] shape) {
        super(shape);
        if (!(rate >= 0 && rate < 1)) {
            throw new IllegalArgumentException(id + ": dropout rate must be in [0, 1), got " + rate);
        }
        this.backend = backend;
        this.id = id;
        this.name = id + " (dropout)";
        this.rate = (float) rate;
        this.keepScale = (float) (1 / (1 - rate));
        this.dropBelow = Math.round(rate * 0x1p32);
    }

    /** The probability of dropping a value. */
    public double rate() {
        return rate;
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
        if (c.output == null || c.output.rows() != n || c.output.rank() != input.rank()) {
            c.output = backend.zeros(input.shape());
            c.gradInput = backend.zeros(input.shape());
            c.mask = backend.zeros(input.shape());
            c.maskHost = new float[n * size];
        }
        c.dropped = context.training() && rate > 0;
        if (c.dropped) {
            drawMask(context.random(), c.maskHost);
            c.mask.copyFrom(c.maskHost);
            backend.binary(BinaryOp.MUL, input, c.mask, c.output);
        } else {
            // the output is owned by the cache, so the caller may overwrite it without touching the input
            backend.copy(input, c.output);
        }
        c.ran = true;
        return c.output;
    }

    /**
     * Each entry is 0 with probability {@code rate}, else {@code 1/(1−rate)}. Entry {@code 2k} is
     * decided by the high 32 bits of the {@code k}-th {@link SeededRandom#nextLong()} and entry
     * {@code 2k+1} by its low 32 bits, each dropped when, read as an unsigned number, it is below
     * {@code rate·2³²}: half the generator calls of one draw per entry, which matters because
     * masks cover every hidden unit of every sample.
     */
    private void drawMask(SeededRandom random, float[] mask) {
        int i = 0;
        for (; i + 1 < mask.length; i += 2) {
            long bits = random.nextLong();
            mask[i] = (bits >>> 32) < dropBelow ? 0f : keepScale;
            mask[i + 1] = (bits & 0xFFFFFFFFL) < dropBelow ? 0f : keepScale;
        }
        if (i < mask.length) {
            mask[i] = (random.nextLong() >>> 32) < dropBelow ? 0f : keepScale;
        }
    }

    @Override
    public Tensor backward(Tensor gradOutput, LayerCache cache, GradientSink sink) {
        Cache c = (Cache) cache;
        if (!c.ran) {
            throw new IllegalStateException(id + " (dropout): backward called before forward");
        }
        if (c.dropped) {
            backend.binary(BinaryOp.MUL, gradOutput, c.mask, c.gradInput);
        } else {
            backend.copy(gradOutput, c.gradInput);
        }
        return c.gradInput;
    }

    /** No parameters, so nothing to do when nobody reads the input gradient. */
    @Override
    public void backwardParameters(Tensor gradOutput, LayerCache cache, GradientSink sink) {
        if (!((Cache) cache).ran) {
            throw new IllegalStateException(id + " (dropout): backward called before forward");
        }
    }

    private static final class Cache implements LayerCache {
        Tensor output;
        Tensor gradInput;
        Tensor mask;
        float[] maskHost;
        boolean dropped;
        boolean ran;
    }
}
