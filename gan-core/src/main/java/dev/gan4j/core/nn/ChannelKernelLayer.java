package dev.gan4j.core.nn;

import dev.gan4j.api.Backend;
import dev.gan4j.api.ConvGeometry;
import dev.gan4j.api.ForwardContext;
import dev.gan4j.api.GradientSink;
import dev.gan4j.api.LayerCache;
import dev.gan4j.api.LayerContext;
import dev.gan4j.api.Tensor;
import java.util.Arrays;

/**
 * What {@link Upsample} and {@link AvgPool2d} share: one fixed {@code k×k} kernel applied to every
 * channel alone, run as the backend's convolution ops on a {@code [N·C, 1, H, W]} view of the batch
 * (a view of the same storage: NCHW keeps each channel's plane contiguous). The convolution ops are
 * required of every backend and are what the backends make fast, so these layers need no loops of
 * their own; a one-channel kernel is exact for both (ones for nearest upsampling, whose every output
 * reads one input; {@code 1/k²} for average pooling).
 */
abstract sealed class ChannelKernelLayer extends FixedShapeLayer permits Upsample, AvgPool2d {

    final Backend backend;
    final ConvGeometry geometry;
    /** The {@code [1, 1, k, k]} kernel: a constant, not a parameter. */
    final Tensor kernel;
    private final String name;
    private final int[] inPlane;
    private final int[] outPlane;

    ChannelKernelLayer(LayerContext context, String type, int[] in, int[] out, ConvGeometry geometry,
            float kernelValue) {
        super(in, out);
        this.backend = context.backend();
        this.name = context.id() + ": " + type;
        this.inPlane = new int[] {1, in[1], in[2]};
        this.outPlane = new int[] {1, out[1], out[2]};
        this.geometry = geometry;
        this.kernel = context.initialized(k -> Arrays.fill(k, kernelValue), 1, 1, geometry.kernelHeight(),
                geometry.kernelWidth());
    }

    /** The forward pass over {@code [N·C, 1, H, W]} views. */
    abstract void apply(Tensor x, Tensor y);

    /** dL/dx for dL/dy = {@code gy}, over {@code [N·C, 1, ·, ·]} views, overwriting {@code gx}. */
    abstract void inputGradient(Tensor gy, Tensor gx);

    @Override
    public final LayerCache newCache() {
        return new Cache();
    }

    @Override
    public final Tensor forward(Tensor input, ForwardContext context, LayerCache cache) {
        Shapes.checkInput(name, input, inSize);
        Cache c = (Cache) cache;
        int n = input.rows();
        if (c.output == null || c.output.dim(0) != n) {
            c.output = backend.zeros(Shapes.batch(n, out));
            c.outputPlanes = c.output.reshape(Shapes.batch(n * in[0], outPlane));
            c.gradInput = null;
        }
        apply(c.inputs.of(input, n * in[0], inPlane), c.outputPlanes);
        return c.output;
    }

    @Override
    public final Tensor backward(Tensor gradOutput, LayerCache cache, GradientSink sink) {
        Cache c = check(gradOutput, (Cache) cache);
        int n = c.output.dim(0);
        if (c.gradInput == null) {
            c.gradInput = backend.zeros(Shapes.batch(n, in));
            c.gradInputPlanes = c.gradInput.reshape(Shapes.batch(n * in[0], inPlane));
        }
        inputGradient(c.gradOutputs.of(gradOutput, n * in[0], outPlane), c.gradInputPlanes);
        return c.gradInput;
    }

    /** No parameters: nothing to do. */
    @Override
    public final void backwardParameters(Tensor gradOutput, LayerCache cache, GradientSink sink) {
        check(gradOutput, (Cache) cache);
    }

    private Cache check(Tensor gradOutput, Cache c) {
        if (c.output == null) {
            throw new IllegalStateException(name + ": backward called before forward");
        }
        if (gradOutput.size() != c.output.size()) {
            throw new IllegalArgumentException(name + ": the output gradient " + Arrays.toString(gradOutput.shape())
                    + " does not have the output's shape " + Arrays.toString(c.output.shape()));
        }
        return c;
    }

    /** One call site's output, input gradient and their one-channel views, made once per batch size. */
    private static final class Cache implements LayerCache {
        final Views inputs = new Views();
        final Views gradOutputs = new Views();
        Tensor output;
        Tensor outputPlanes;
        Tensor gradInput;
        Tensor gradInputPlanes;
    }
}
