package dev.gan4j.core.nn;

import dev.gan4j.api.Backend;
import dev.gan4j.api.ConvGeometry;
import dev.gan4j.api.ForwardContext;
import dev.gan4j.api.GradientSink;
import dev.gan4j.api.LayerCache;
import dev.gan4j.api.LayerContext;
import dev.gan4j.api.Parameter;
import dev.gan4j.api.SeededRandom;
import dev.gan4j.api.Tensor;
import java.util.Arrays;
import java.util.List;

/**
 * What {@link Conv2d} and {@link ConvTranspose2d} share: a 4-d weight, an optional per-channel bias,
 * NCHW batches of {@code [C, H, W]} samples, and the three convolution ops of the {@link Backend},
 * which the two use in swapped roles (a transposed convolution's forward pass is a convolution's
 * input gradient). The input may come flat ({@code [N, C·H·W]}, as data does) or as images; the
 * layer computes on a view of it.
 */
abstract sealed class ConvolutionLayer extends FixedShapeLayer permits Conv2d, ConvTranspose2d {

    final Backend backend;
    final ConvGeometry geometry;
    private final Parameter weight;
    private final Parameter bias;

    /**
     * @param out the per-sample output shape {@code [K, OH, OW]}
     * @param weightShape the 4-d weight's shape
     * @param fanIn and {@code fanOut}: what {@code init} scales the draws by, as PyTorch computes them
     */
    ConvolutionLayer(LayerContext context, int[] in, int[] out, ConvGeometry geometry, int[] weightShape, int fanIn,
            int fanOut, boolean useBias, Initializer init) {
        super(in, out);
        String id = context.id();
        this.backend = context.backend();
        this.geometry = geometry;
        Shapes.size(weightShape);
        SeededRandom random = context.random();
        // weights then biases from one stream, as a dense layer draws them
        this.weight = new Parameter(id + ".weight", Parameter.Kind.WEIGHT,
                context.initialized(w -> init.initializeWeights(w, fanIn, fanOut, random), weightShape));
        this.bias = useBias ? new Parameter(id + ".bias", Parameter.Kind.BIAS,
                context.initialized(b -> init.initializeBiases(b, fanIn, fanOut, random), out[0])) : null;
    }

    /**
     * {@code [filters, oh, ow]}, the output shape of a convolution of {@code filters} on {@code in}.
     *
     * @throws IllegalArgumentException if there are no filters or the output would be empty
     */
    static int[] outputShape(int[] in, int filters, int oh, int ow, ConvGeometry g) {
        if (filters <= 0) {
            throw new IllegalArgumentException("filters must be positive, got " + filters);
        }
        if (oh < 1 || ow < 1) {
            throw new IllegalArgumentException("a " + g.kernelHeight() + "x" + g.kernelWidth() + " kernel with padding "
                    + g.padHeight() + " does not fit the input " + Arrays.toString(in));
        }
        return new int[] {filters, oh, ow};
    }

    /** The output of the forward pass for {@code x} ({@code [N, in...]}), without the bias. */
    abstract void apply(Tensor x, Tensor weight, Tensor y);

    /** dL/dx for dL/dy = {@code gy}, overwriting {@code gx}. */
    abstract void inputGradient(Tensor gy, Tensor weight, Tensor gx);

    /** {@code gw += dL/dw} for the pass that read {@code x} and got dL/dy = {@code gy}. */
    abstract void addWeightGradient(Tensor x, Tensor gy, Tensor gw);

    /** The 4-d weight, in PyTorch's layout for the layer. */
    public Parameter weight() {
        return weight;
    }

    /** The bias, or {@code null} for a layer without one. */
    public Parameter bias() {
        return bias;
    }

    @Override
    public final List<Parameter> parameters() {
        return bias == null ? List.of(weight) : List.of(weight, bias);
    }

    @Override
    public final LayerCache newCache() {
        return new Cache();
    }

    @Override
    public final Tensor forward(Tensor input, ForwardContext context, LayerCache cache) {
        Shapes.checkInput(weight.id(), input, inSize);
        Cache c = (Cache) cache;
        int n = input.rows();
        if (c.output == null || c.output.dim(0) != n) {
            c.output = backend.zeros(Shapes.batch(n, out));
            c.gradInput = null;
        }
        c.input = c.inputs.of(input, n, in);
        apply(c.input, weight.value(), c.output);
        if (bias != null) {
            backend.addChannels(c.output, bias.value(), c.output);
        }
        return c.output;
    }

    @Override
    public final Tensor backward(Tensor gradOutput, LayerCache cache, GradientSink sink) {
        Cache c = (Cache) cache;
        Tensor gy = parameterGradients(gradOutput, c, sink);
        if (c.gradInput == null) {
            c.gradInput = backend.zeros(Shapes.batch(c.input.dim(0), in));
        }
        inputGradient(gy, weight.value(), c.gradInput);
        return c.gradInput;
    }

    /** Parameter gradients only: skips the input gradient, a whole convolution nobody would read. */
    @Override
    public final void backwardParameters(Tensor gradOutput, LayerCache cache, GradientSink sink) {
        parameterGradients(gradOutput, (Cache) cache, sink);
    }

    /** Adds the parameter gradients to {@code sink} (if any); returns dL/dy in the output's shape. */
    private Tensor parameterGradients(Tensor gradOutput, Cache c, GradientSink sink) {
        if (c.input == null) {
            throw new IllegalStateException(weight.id() + ": backward called before forward");
        }
        if (gradOutput.size() != c.output.size()) {
            throw new IllegalArgumentException(weight.id() + ": the output gradient " + Arrays.toString(gradOutput.shape())
                    + " does not have the output's shape " + Arrays.toString(c.output.shape()));
        }
        Tensor gy = c.gradOutputs.of(gradOutput, c.output.dim(0), out);
        if (sink != null) {
            addWeightGradient(c.input, gy, sink.gradient(weight));
            if (bias != null) {
                backend.sumChannels(gy, 1f, sink.gradient(bias));
            }
        }
        return gy;
    }

    /** One call site's tensors: the input's view, the output and the input gradient, made once per batch size. */
    private static final class Cache implements LayerCache {
        final Views inputs = new Views();
        final Views gradOutputs = new Views();
        Tensor input;
        Tensor output;
        Tensor gradInput;
    }
}
