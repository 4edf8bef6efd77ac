package dev.gan4j.core.nn;

import dev.gan4j.api.Backend;
import dev.gan4j.api.ForwardContext;
import dev.gan4j.api.GradientSink;
import dev.gan4j.api.Layer;
import dev.gan4j.api.LayerCache;
import dev.gan4j.api.Parameter;
import dev.gan4j.api.SeededRandom;
import dev.gan4j.api.Tensor;
import java.util.List;

/**
 * Fully connected layer {@code y = x·W + b} with {@code W} of shape {@code [in, out]} and
 * {@code b} of shape {@code [out]}.
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

    /** A dense layer whose parameters are drawn by {@code init} from {@code random}. */
    public Dense(Backend backend, String id, int in, int out, boolean useBias, Initializer init, SeededRandom random) {
        int weights = weightCount(id, in, out);
        this.backend = backend;
        this.in = in;
        this.out = out;
        float[] w = new float[weights];
        float[] b = new float[out];
        init.initialize(w, b, in, out, random);
        this.weight = new Parameter(id + ".weight", Parameter.Kind.WEIGHT, backend.fromArray(w, in, out));
        this.bias = useBias ? new Parameter(id + ".bias", Parameter.Kind.BIAS, backend.fromArray(b, out)) : null;
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
        Tensor output = forwardWithoutBias(input, cache);
        if (bias != null) {
            backend.addRowVector(output, bias.value(), output);
        }
        return output;
    }

    /**
     * {@code x·W} only, into this cache's output: for {@link Sequential}, which folds the bias
     * into the next layer's activation ({@link Activation#forwardAddingBias}) when it can.
     */
    Tensor forwardWithoutBias(Tensor input, LayerCache cache) {
        Shapes.checkInput(weight.id(), input, in);
        Cache c = (Cache) cache;
        int n = input.rows();
        if (c.output == null || c.output.rows() != n) {
            c.output = backend.zeros(n, out);
            c.gradInput = null;
        }
        Tensor x = input.rank() == 2 ? input : input.reshape(n, in);
        c.input = x;
        backend.gemm(false, false, 1f, x, weight.value(), 0f, c.output);
        return c.output;
    }

    @Override
    public Tensor backward(Tensor gradOutput, LayerCache cache, GradientSink sink) {
        Cache c = (Cache) cache;
        backwardParameters(gradOutput, cache, sink);
        int n = c.input.rows();
        if (c.gradInput == null) {
            c.gradInput = backend.zeros(n, in);
        }
        backend.gemm(false, true, 1f, gradOutput, weight.value(), 0f, c.gradInput);
        return c.gradInput;
    }

    /** Parameter gradients only: skips the {@code dy·Wᵀ} GEMM nobody would read. */
    @Override
    public void backwardParameters(Tensor gradOutput, LayerCache cache, GradientSink sink) {
        Cache c = (Cache) cache;
        if (c.input == null) {
            throw new IllegalStateException(weight.id() + ": backward called before forward");
        }
        if (sink != null) {
            backend.gemm(true, false, 1f, c.input, gradOutput, 1f, sink.gradient(weight));
            if (bias != null) {
                backend.sumColumns(gradOutput, 1f, sink.gradient(bias));
            }
        }
    }

    private static final class Cache implements LayerCache {
        Tensor input;
        Tensor output;
        Tensor gradInput;
    }
}
