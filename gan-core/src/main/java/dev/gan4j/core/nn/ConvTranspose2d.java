package dev.gan4j.core.nn;

import dev.gan4j.api.ConvGeometry;
import dev.gan4j.api.LayerContext;
import dev.gan4j.api.Tensor;

/**
 * 2-d transposed convolution over NCHW images, as PyTorch's {@code ConvTranspose2d} (dilation 1, one
 * group): a {@code [C, H, W]} sample becomes {@code [filters, OH, OW]} with
 * {@code OH = (H − 1)·stride − 2·padding + kernel + outputPadding}. The weight is
 * {@code [C, filters, kernel, kernel]}, PyTorch's layout, the optional bias one value per filter.
 *
 * <p>The forward pass is the backend's {@code conv2dBackwardInput} (the gradient of the convolution
 * this one transposes), the input gradient is {@code conv2d} and the weight gradient
 * {@code conv2dBackwardWeight} with input and output swapped. Initialisers see
 * {@code fan_in = filters·kernel²} and {@code fan_out = C·kernel²}: PyTorch reads the fan-in from
 * the weight's second dimension, so {@link Initializer#PYTORCH} is {@code ConvTranspose2d}'s
 * default.
 */
public final class ConvTranspose2d extends ConvolutionLayer {

    /**
     * A transposed convolution on {@code context}'s input {@code [C, H, W]}, drawn from the context's stream.
     *
     * @param outputPadding rows and columns added to one side of the output, less than {@code stride}
     * @throws IllegalArgumentException if the input is not an image or the settings give no output
     */
    public ConvTranspose2d(LayerContext context, int filters, int kernel, int stride, int padding, int outputPadding,
            boolean useBias, Initializer init) {
        this(context, Shapes.image(context.inputShape()), filters, ConvGeometry.square(kernel, stride, padding),
                outputPadding, useBias, init);
    }

    private ConvTranspose2d(LayerContext context, int[] in, int filters, ConvGeometry g, int outputPadding,
            boolean useBias, Initializer init) {
        super(context, in, outputShape(in, filters, g, outputPadding), g, new int[] {in[0], filters,
                g.kernelHeight(), g.kernelWidth()}, filters * g.kernelHeight() * g.kernelWidth(),
                in[0] * g.kernelHeight() * g.kernelWidth(), useBias, init);
    }

    /** PyTorch's output size of a transposed convolution (dilation 1) of an input of {@code size}. */
    static int outputSize(int size, int kernel, int stride, int padding, int outputPadding) {
        return (size - 1) * stride - 2 * padding + kernel + outputPadding;
    }

    private static int[] outputShape(int[] in, int filters, ConvGeometry g, int outputPadding) {
        if (outputPadding < 0 || outputPadding >= g.strideHeight()) {
            throw new IllegalArgumentException("outputPadding must be at least 0 and less than the stride "
                    + g.strideHeight() + ", got " + outputPadding);
        }
        return outputShape(in, filters,
                outputSize(in[1], g.kernelHeight(), g.strideHeight(), g.padHeight(), outputPadding),
                outputSize(in[2], g.kernelWidth(), g.strideWidth(), g.padWidth(), outputPadding), g);
    }

    @Override
    void apply(Tensor x, Tensor weight, Tensor y) {
        backend.conv2dBackwardInput(x, weight, geometry, y);
    }

    @Override
    void inputGradient(Tensor gy, Tensor weight, Tensor gx) {
        backend.conv2d(gy, weight, geometry, gx);
    }

    @Override
    void addWeightGradient(Tensor x, Tensor gy, Tensor gw) {
        backend.conv2dBackwardWeight(gy, x, geometry, 1f, gw);
    }
}
