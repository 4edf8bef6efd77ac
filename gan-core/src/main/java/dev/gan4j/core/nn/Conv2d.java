package dev.gan4j.core.nn;

import dev.gan4j.api.ConvGeometry;
import dev.gan4j.api.LayerContext;
import dev.gan4j.api.Tensor;

/**
 * 2-d convolution over NCHW images, as PyTorch's {@code Conv2d} (a cross-correlation, dilation 1, one
 * group): a {@code [C, H, W]} sample becomes {@code [filters, OH, OW]} with
 * {@code OH = floor((H + 2·padding − kernel) / stride) + 1}. The weight is
 * {@code [filters, C, kernel, kernel]}, the optional bias one value per filter.
 *
 * <p>Initialisers see {@code fan_in = C·kernel²} and {@code fan_out = filters·kernel²}, as PyTorch
 * computes them, so {@link Initializer#PYTORCH} is {@code Conv2d}'s default (Kaiming-uniform with
 * a = √5, i.e. U(±1/√fan_in), bias likewise).
 *
 * <p>The backward pass runs the backend's {@code conv2dBackwardWeight} (into the sink) and
 * {@code conv2dBackwardInput}; {@link #backwardParameters} skips the latter, which a
 * discriminator's first layer never needs.
 */
public final class Conv2d extends ConvolutionLayer {

    /**
     * A convolution on {@code context}'s input {@code [C, H, W]} (or its flattened values, which it
     * needs the shape of), drawn from the context's stream.
     *
     * @throws IllegalArgumentException if the input is not an image or the kernel does not fit it
     */
    public Conv2d(LayerContext context, int filters, int kernel, int stride, int padding, boolean useBias,
            Initializer init) {
        this(context, Shapes.image(context.inputShape()), filters, ConvGeometry.square(kernel, stride, padding),
                useBias, init);
    }

    private Conv2d(LayerContext context, int[] in, int filters, ConvGeometry g, boolean useBias, Initializer init) {
        super(context, in, outputShape(in, filters, g.outputHeight(in[1]), g.outputWidth(in[2]), g), g, new int[] {filters, in[0], g.kernelHeight(),
                g.kernelWidth()}, in[0] * g.kernelHeight() * g.kernelWidth(),
                filters * g.kernelHeight() * g.kernelWidth(), useBias, init);
    }

    @Override
    void apply(Tensor x, Tensor weight, Tensor y) {
        backend.conv2d(x, weight, geometry, y);
    }

    @Override
    void inputGradient(Tensor gy, Tensor weight, Tensor gx) {
        backend.conv2dBackwardInput(gy, weight, geometry, gx);
    }

    @Override
    void addWeightGradient(Tensor x, Tensor gy, Tensor gw) {
        backend.conv2dBackwardWeight(x, gy, geometry, 1f, gw);
    }
}
