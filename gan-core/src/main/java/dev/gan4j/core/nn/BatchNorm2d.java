package dev.gan4j.core.nn;

import dev.gan4j.api.Backend;
import dev.gan4j.api.BatchNormKernels;
import dev.gan4j.api.BinaryOp;
import dev.gan4j.api.ForwardContext;
import dev.gan4j.api.GradientSink;
import dev.gan4j.api.LayerCache;
import dev.gan4j.api.Parameter;
import dev.gan4j.api.Tensor;
import dev.gan4j.api.UnaryOp;

/**
 * 2-d batch normalisation with PyTorch's {@code BatchNorm2d} semantics: each channel of
 * {@code [C, H, W]} samples is one feature, normalised over the batch and every position,
 * {@code y = γ·(x − μ)/√(σ² + ε) + β} with μ, σ² over the {@code m = N·H·W} values of the channel.
 *
 * <p>Everything else is {@link BatchNorm}'s, per channel instead of per value: batch statistics
 * in {@link dev.gan4j.api.Mode#TRAIN} (the running variance moves towards the unbiased
 * {@code σ²·m/(m−1)}), running statistics in {@link dev.gan4j.api.Mode#EVAL}, parameters
 * {@code gamma}, {@code beta} ({@link Parameter.Kind#BIAS}) and the {@code runningMean},
 * {@code runningVar} buffers of C values each, and each forward pass's statistics kept in its own
 * cache, so real and generated batches through one discriminator normalise each by itself. It
 * computes on the backend's per-channel ops, or on its {@link BatchNormKernels} when it offers
 * them: fewer passes over the activations, the same bits.
 */
public final class BatchNorm2d extends AbstractBatchNorm {

    private final int channels;
    private final int[] image;
    /** The backend's fused kernels, or null: then the composition of per-channel ops they replace. */
    private final BatchNormKernels fused;

    /**
     * @param id prefix of the parameter ids ({@code id + ".gamma"}…)
     * @param shape per-sample shape {@code [C, H, W]}
     */
    public BatchNorm2d(Backend backend, String id, int[] shape, double momentum, double epsilon) {
        super(backend, id, "batch-norm2d", Shapes.image(shape), shape[0], momentum, epsilon);
        this.image = shape.clone();
        this.channels = shape[0];
        this.fused = backend.kernels(BatchNormKernels.class).orElse(null);
    }

    @Override
    public LayerCache newCache() {
        return new Cache(backend, channels, fused == null);
    }

    @Override
    public Tensor forward(Tensor input, ForwardContext context, LayerCache cache) {
        Shapes.checkInput(gamma.id(), input, size);
        Cache c = (Cache) cache;
        int n = input.rows();
        int m = n * (size / channels);
        boolean training = context.training();
        if (training && m < 2) {
            throw new IllegalArgumentException(id + ": batch-norm2d needs more than 1 value per channel in training "
                    + "mode to estimate a variance, got a batch of " + n + " samples of " + (size / channels));
        }
        c.ensure(n, image);
        Tensor x = c.inputs.of(input, n, image);
        if (training) {
            backend.channelMeanVariance(x, c.negMean, c.variance);
            backend.axpby(1 - momentum, runningMean.value(), momentum, c.negMean, runningMean.value());
            backend.axpby(1 - momentum, runningVar.value(), momentum * m / (m - 1f), c.variance, runningVar.value());
            backend.affine(-1f, 0f, c.negMean, c.negMean);
            backend.affine(1f, epsilon, c.variance, c.invStd);
        } else {
            backend.affine(-1f, 0f, runningMean.value(), c.negMean);
            backend.affine(1f, epsilon, runningVar.value(), c.invStd);
        }
        c.training = training;
        c.values = m;
        backend.unary(UnaryOp.POW, -0.5f, c.invStd, c.invStd);
        if (fused != null) {
            fused.normalize(x, c.negMean, c.invStd, gamma.value(), beta.value(), c.xhat, c.output);
        } else {
            backend.addChannels(x, c.negMean, c.xhat);
            backend.mulChannels(c.xhat, c.invStd, c.xhat);
            backend.mulChannels(c.xhat, gamma.value(), c.output);
            backend.addChannels(c.output, beta.value(), c.output);
        }
        return c.output;
    }

    @Override
    public Tensor backward(Tensor gradOutput, LayerCache cache, GradientSink sink) {
        Cache c = (Cache) cache;
        Tensor dy = channelSums(gradOutput, c);
        if (sink != null) {
            addParameterGradients(c.sumGradXhat, c.sumGrad, sink);
        }
        backend.binary(BinaryOp.MUL, gamma.value(), c.invStd, c.scale);
        if (c.training) {
            // batch statistics depend on x: dx = γ/σ · (dy − mean(dy) − x̂·mean(dy·x̂))
            backend.affine(1f / c.values, 0f, c.sumGradXhat, c.sumGradXhat);
            backend.affine(-1f / c.values, 0f, c.sumGrad, c.sumGrad);
            if (fused != null) {
                fused.inputGradient(dy, c.xhat, c.sumGradXhat, c.sumGrad, c.scale, c.gradInput);
            } else {
                backend.mulChannels(c.xhat, c.sumGradXhat, c.work);
                backend.axpby(1f, dy, -1f, c.work, c.work);
                backend.addChannels(c.work, c.sumGrad, c.work);
                backend.mulChannels(c.work, c.scale, c.gradInput);
            }
        } else {
            // running statistics are constants: the layer is affine per channel
            backend.mulChannels(dy, c.scale, c.gradInput);
        }
        return c.gradInput;
    }

    @Override
    public void backwardParameters(Tensor gradOutput, LayerCache cache, GradientSink sink) {
        Cache c = (Cache) cache;
        channelSums(gradOutput, c);
        if (sink != null) {
            addParameterGradients(c.sumGradXhat, c.sumGrad, sink);
        }
    }

    /**
     * Sets {@code c.sumGrad = Σ dy} and {@code c.sumGradXhat = Σ dy·x̂} per channel: dβ and dγ, and
     * also what the input gradient needs. Returns dy as {@code [N, C, H, W]}.
     */
    private Tensor channelSums(Tensor gradOutput, Cache c) {
        if (c.output == null) {
            throw new IllegalStateException(gamma.id() + ": backward called before forward");
        }
        Shapes.checkInput(gamma.id(), gradOutput, size);
        Tensor dy = c.gradOutputs.of(gradOutput, c.output.dim(0), image);
        if (fused != null) {
            fused.gradientSums(dy, c.xhat, c.sumGrad, c.sumGradXhat);
        } else {
            backend.sumChannels(dy, 0f, c.sumGrad);
            backend.binary(BinaryOp.MUL, dy, c.xhat, c.work);
            backend.sumChannels(c.work, 0f, c.sumGradXhat);
        }
        return dy;
    }

    /** One call site's tensors: per-batch images, made once per batch size, and per-channel values. */
    private static final class Cache extends FeatureCache {
        final Views inputs = new Views();
        final Views gradOutputs = new Views();
        /** Whether the composed passes need {@link #work}; the fused kernels do not. */
        final boolean composed;
        Tensor xhat;
        Tensor work;
        Tensor output;
        Tensor gradInput;
        boolean training;
        int values;

        Cache(Backend backend, int channels, boolean composed) {
            super(backend, channels);
            this.composed = composed;
        }

        void ensure(int n, int[] image) {
            if (output != null && output.dim(0) == n) {
                return;
            }
            int[] shape = Shapes.batch(n, image);
            xhat = backend.zeros(shape);
            work = composed ? backend.zeros(shape) : null;
            output = backend.zeros(shape);
            gradInput = backend.zeros(shape);
        }
    }
}
