package dev.gan4j.core.nn;

import dev.gan4j.api.ConvGeometry;
import dev.gan4j.api.LayerContext;
import dev.gan4j.api.Tensor;
import java.util.Arrays;

/**
 * 2-d average pooling, as PyTorch's {@code AvgPool2d(kernel, stride, padding)} with its defaults
 * ({@code ceil_mode=False}, {@code count_include_pad=True}: padded zeros count, every window divides
 * by {@code k²}): {@code [C, H, W]} becomes {@code [C, OH, OW]} with
 * {@code OH = floor((H + 2·padding − kernel) / stride) + 1}. It is a convolution of every channel
 * with a {@code k×k} kernel of {@code 1/k²}, and its input gradient the matching transposed one.
 */
public final class AvgPool2d extends ChannelKernelLayer {

    /**
     * Pools {@code context}'s {@code [C, H, W]} input.
     *
     * @throws IllegalArgumentException if the window does not fit the padded input, or the padding
     *     is more than half the kernel (which PyTorch refuses)
     */
    public AvgPool2d(LayerContext context, int kernel, int stride, int padding) {
        this(context, Shapes.image(context.inputShape()), geometry(kernel, stride, padding));
    }

    private AvgPool2d(LayerContext context, int[] in, ConvGeometry g) {
        super(context, "avg-pool2d", in, outputShape(in, g), g,
                1f / (g.kernelHeight() * g.kernelWidth()));
    }

    private static ConvGeometry geometry(int kernel, int stride, int padding) {
        ConvGeometry g = ConvGeometry.square(kernel, stride, padding);
        if (2 * padding > kernel) {
            throw new IllegalArgumentException("padding must be at most half the kernel " + kernel + ", got "
                    + padding);
        }
        return g;
    }

    private static int[] outputShape(int[] in, ConvGeometry g) {
        int oh = g.outputHeight(in[1]);
        int ow = g.outputWidth(in[2]);
        if (oh < 1 || ow < 1) {
            throw new IllegalArgumentException("a " + g.kernelHeight() + "x" + g.kernelWidth() + " window with padding "
                    + g.padHeight() + " does not fit the input " + Arrays.toString(in));
        }
        return new int[] {in[0], oh, ow};
    }

    @Override
    void apply(Tensor x, Tensor y) {
        backend.conv2d(x, kernel, geometry, y);
    }

    @Override
    void inputGradient(Tensor gy, Tensor gx) {
        backend.conv2dBackwardInput(gy, kernel, geometry, gx);
    }
}
