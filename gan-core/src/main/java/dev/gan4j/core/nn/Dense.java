package dev.gan4j.core.nn;

import dev.gan4j.api.Backend;
import dev.gan4j.api.ForwardContext;
import dev.gan4j.api.FusedActivationKernels;
import dev.gan4j.api.GradientSink;
import dev.gan4j.api.Layer;
import dev.gan4j.api.LayerCache;
import dev.gan4j.api.LayerContext;
import dev.gan4j.api.Parameter;
import dev.gan4j.api.SeededRandom;
import dev.gan4j.api.Tensor;
import dev.gan4j.api.UnaryOp;
import java.util.List;

/**
 * Fully connected layer {@code y = f(x·W + b)} with {@code W} of shape {@code [in, out]},
 * {@code b} of shape {@code [out]} and an optional element-wise activation {@code f} (as Keras'
 * {@code Dense(activation=)}).
 *
 * <p>With a bias and an activation whose derivative comes from its output (sigmoid, tanh), the
 * bias is added inside the activation's pass when the backend offers a
 * {@link FusedActivationKernels} kernel for it: the same bits as adding it first, one pass over
 * the output fewer. Otherwise the two passes run one after the other.
 *
 * <p>With no gradient sink (frozen) the backward pass computes only {@code dx = dy·Wᵀ} and skips
 * the weight-gradient GEMM, the work a frozen discriminator needs in the generator step.
 */
public final class Dense implements Layer {

    private final Backend backend;
    private final int in;
    private final int out;
    private final Parameter weight;
    private final Parameter bias;
    /** The activation, or {@code null} for a linear layer. */
    private final UnaryOp activation;
    private final float activationParameter;
    /** The backend's kernel that adds the bias inside the activation's pass, or {@code null} for two passes. */
    private final FusedActivationKernels fused;

    /** A linear dense layer on {@code backend} whose parameters are drawn by {@code init} from {@code random}. */
    public Dense(Backend backend, String id, int in, int out, boolean useBias, Initializer init, SeededRandom random) {
        this(new LayerContext(backend, new int[] {in}, random, id), out, useBias, init, null, 0f);
    }

    /**
     * A dense layer on {@code context}'s flattened input, whose parameters are drawn by {@code init}
     * from the context's stream.
     *
     * @param activation applied to the output, or {@code null} for none
     * @param activationParameter the activation's {@code p} (a leaky ReLU's slope)
     */
    public Dense(LayerContext context, int out, boolean useBias, Initializer init, UnaryOp activation,
            float activationParameter) {
        String id = context.id();
        int in = context.inputSize();
        weightCount(id, in, out);
        this.backend = context.backend();
        this.in = in;
        this.out = out;
        SeededRandom random = context.random();
        // weights then biases from one stream, so the bias draws follow the weight draws
        this.weight = new Parameter(id + ".weight", Parameter.Kind.WEIGHT,
                context.initialized(w -> init.initializeWeights(w, in, out, random), in, out));
        this.bias = useBias ? new Parameter(id + ".bias", Parameter.Kind.BIAS,
                context.initialized(b -> init.initializeBiases(b, in, out, random), out)) : null;
        this.activation = activation;
        this.activationParameter = activationParameter;
        this.fused = useBias && activation != null && activation.derivativeFromOutput()
                ? backend.kernels(FusedActivationKernels.class).filter(k -> k.supports(activation)).orElse(null)
                : null;
    }

    /**
     * The number of weights of a dense layer from {@code in} to {@code out} features.
     *
     * @throws IllegalArgumentException if a size is not positive or the weights would not fit one tensor
     */
    static int weightCount(String id, int in, int out) {
        if (in <= 0 || out <= 0) {
            throw new IllegalArgumentException(id + ": dense sizes must be positive, got in=" + in + ", out=" + out);
        }
        return Shapes.values(id + ": the weights", in, out);
    }

    public Parameter weight() {
        return weight;
    }

    /** The bias, or {@code null} for a layer without one. */
    public Parameter bias() {
        return bias;
    }

    /** The activation, or {@code null} for a linear layer. */
    public UnaryOp activation() {
        return activation;
    }

    /** Whether the bias is added inside the activation's pass by a backend kernel. */
    boolean fusesBias() {
        return fused != null;
    }

    @Override
    public int[] inputShape() {
        return new int[] {in};
    }

    @Override
    public int[] outputShape() {
        return new int[] {out};
    }

    @Override
    public List<Parameter> parameters() {
        return bias == null ? List.of(weight) : List.of(weight, bias);
    }

    @Override
    public LayerCache newCache() {
        return new Cache();
    }

    @Override
    public Tensor forward(Tensor input, ForwardContext context, LayerCache cache) {
        Shapes.checkInput(weight.id(), input, in);
        Cache c = (Cache) cache;
        int n = input.rows();
        if (c.output == null || c.output.rows() != n) {
            c.output = backend.zeros(n, out);
            c.gradInput = null;
            if (activation != null) {
                c.pre = backend.zeros(n, out);
                c.gradPre = backend.zeros(n, out);
            }
        }
        Tensor x = input.rank() == 2 ? input : input.reshape(n, in);
        c.input = x;
        Tensor pre = activation == null ? c.output : c.pre;
        backend.gemm(false, false, 1f, x, weight.value(), 0f, pre);
        if (fused != null) {
            // pre keeps x·W without the bias: the derivative reads only the output
            fused.addRowVectorUnary(activation, activationParameter, pre, bias.value(), c.output);
            return c.output;
        }
        if (bias != null) {
            backend.addRowVector(pre, bias.value(), pre);
        }
        if (activation != null) {
            backend.unary(activation, activationParameter, pre, c.output);
        }
        return c.output;
    }

    @Override
    public Tensor backward(Tensor gradOutput, LayerCache cache, GradientSink sink) {
        Cache c = (Cache) cache;
        Tensor g = gradPre(gradOutput, c);
        addParameterGradients(g, c, sink);
        if (c.gradInput == null) {
            c.gradInput = backend.zeros(c.input.rows(), in);
        }
        backend.gemm(false, true, 1f, g, weight.value(), 0f, c.gradInput);
        return c.gradInput;
    }

    /** Parameter gradients only: skips the {@code dy·Wᵀ} GEMM nobody would read. */
    @Override
    public void backwardParameters(Tensor gradOutput, LayerCache cache, GradientSink sink) {
        Cache c = (Cache) cache;
        if (sink == null) {
            checkForwardRan(c);
            return;
        }
        addParameterGradients(gradPre(gradOutput, c), c, sink);
    }

    /** dL/d(x·W + b): {@code gradOutput} through the activation's derivative. */
    private Tensor gradPre(Tensor gradOutput, Cache c) {
        checkForwardRan(c);
        if (activation == null) {
            return gradOutput;
        }
        // when the bias was fused, pre lacks it, but then the derivative does not read pre
        backend.unaryBackward(activation, activationParameter, c.pre, c.output, gradOutput, c.gradPre);
        return c.gradPre;
    }

    private void addParameterGradients(Tensor gradPre, Cache c, GradientSink sink) {
        if (sink != null) {
            backend.gemm(true, false, 1f, c.input, gradPre, 1f, sink.gradient(weight));
            if (bias != null) {
                backend.sumColumns(gradPre, 1f, sink.gradient(bias));
            }
        }
    }

    private void checkForwardRan(Cache c) {
        if (c.input == null) {
            throw new IllegalStateException(weight.id() + ": backward called before forward");
        }
    }

    private static final class Cache implements LayerCache {
        Tensor input;
        Tensor output;
        Tensor gradInput;
        /** {@code x·W (+ b)} before the activation; only with an activation. */
        Tensor pre;
        /** dL/d pre; only with an activation. */
        Tensor gradPre;
    }
}
