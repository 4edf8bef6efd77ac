package dev.gan4j.core.nn;

import dev.gan4j.api.Backend;
import dev.gan4j.api.ForwardContext;
import dev.gan4j.api.GradientSink;
import dev.gan4j.api.LayerCache;
import dev.gan4j.api.Tensor;
import dev.gan4j.api.UnaryOp;

/**
 * An element-wise activation {@code y = f(x; p)} such as sigmoid, tanh, ReLU or LeakyReLU. After a
 * dense layer, prefer the dense layer's own {@code activation}, which can add the bias in the
 * activation's pass.
 */
public final class Activation extends SameShapeLayer {

    private final Backend backend;
    private final UnaryOp op;
    private final float parameter;
    /** For error messages; made once so that a forward pass builds no string. */
    private final String name;

    public Activation(Backend backend, UnaryOp op, float parameter, int[] shape) {
        super(shape);
        this.backend = backend;
        this.op = op;
        this.parameter = parameter;
        this.name = op.name().toLowerCase(java.util.Locale.ROOT);
    }

    public UnaryOp op() {
        return op;
    }

    @Override
    public LayerCache newCache() {
        return new Cache();
    }

    @Override
    public Tensor forward(Tensor input, ForwardContext context, LayerCache cache) {
        Shapes.checkInput(name, input, size);
        Cache c = cacheFor(input, cache);
        backend.unary(op, parameter, input, c.output);
        return c.output;
    }

    /** The cache, holding {@code input} and output tensors of its shape (made on the first call or a new batch size). */
    private Cache cacheFor(Tensor input, LayerCache cache) {
        Cache c = (Cache) cache;
        if (c.output == null || c.output.rows() != input.rows() || c.output.rank() != input.rank()) {
            c.output = backend.zeros(input.shape());
            c.gradInput = backend.zeros(input.shape());
        }
        c.input = input;
        return c;
    }

    @Override
    public Tensor backward(Tensor gradOutput, LayerCache cache, GradientSink sink) {
        Cache c = (Cache) cache;
        if (c.input == null) {
            throw new IllegalStateException(op + ": backward called before forward");
        }
        backend.unaryBackward(op, parameter, c.input, c.output, gradOutput, c.gradInput);
        return c.gradInput;
    }

    private static final class Cache implements LayerCache {
        Tensor input;
        Tensor output;
        Tensor gradInput;
    }
}
