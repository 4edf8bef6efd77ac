package dev.gan4j.core.nn;

import dev.gan4j.api.Backend;
import dev.gan4j.api.ForwardContext;
import dev.gan4j.api.FusedActivationKernels;
import dev.gan4j.core.kernels.PlainKernels;
import dev.gan4j.api.GradientSink;
import dev.gan4j.api.LayerCache;
import dev.gan4j.api.Parameter;
import dev.gan4j.api.Tensor;
import dev.gan4j.api.UnaryOp;
import java.util.List;

/** An element-wise activation {@code y = f(x; p)} such as sigmoid, tanh, ReLU or LeakyReLU. */
public final class Activation extends SameShapeLayer {

    private final Backend backend;
    private final UnaryOp op;
    private final float parameter;
    private final FusedActivationKernels fused;
    /** For error messages; made once so that a forward pass builds no string. */
    private final String name;

    public Activation(Backend backend, UnaryOp op, float parameter, int[] shape) {
        super(shape);
        this.backend = backend;
        this.op = op;
        this.parameter = parameter;
        this.fused = PlainKernels.of(backend, FusedActivationKernels.class);
        this.name = op.name().toLowerCase(java.util.Locale.ROOT);
    }

    public UnaryOp op() {
        return op;
    }

    @Override
    public List<Parameter> parameters() {
        return List.of();
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

    /**
     * {@code f(pre + bias)} in one pass ({@link dev.gan4j.api.Backend#addRowVectorUnary}), the
     * same bits as a dense layer adding its bias and then {@link #forward}: {@link Sequential}
     * calls it with a dense layer's output before its bias. Only for an op whose derivative
     * comes from the output ({@link UnaryOp#derivativeFromOutput()}): the cache keeps
     * {@code pre} where {@link #forward} keeps the input, and backward never reads it.
     */
    Tensor forwardAddingBias(Tensor pre, Tensor bias, LayerCache cache) {
        if (!op.derivativeFromOutput()) {
            throw new IllegalStateException(name + ": its derivative needs its input, so it cannot take a bias");
        }
        Shapes.checkInput(name, pre, size);
        Cache c = cacheFor(pre, cache);
        fused.addRowVectorUnary(op, parameter, pre, bias, c.output);
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
