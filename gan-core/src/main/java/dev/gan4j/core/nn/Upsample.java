package dev.gan4j.core.nn;

import dev.gan4j.api.ConvGeometry;
import dev.gan4j.api.LayerContext;
import dev.gan4j.api.Tensor;

/**
 * Nearest-neighbour upsampling by an integer factor, as PyTorch's
 * {@code Upsample(scale_factor=f, mode="nearest")}: {@code [C, H, W]} becomes {@code [C, f·H, f·W]},
 * each value repeated over an {@code f×f} block. It is a transposed convolution of every channel with
 * an {@code f×f} kernel of ones and stride {@code f} (each output reads exactly one input, so the
 * values are copied bit for bit), and its input gradient the matching convolution: the sum of each
 * block's gradients.
 */
public final class Upsample extends ChannelKernelLayer {

    /** Upsamples {@code context}'s {@code [C, H, W]} input by {@code factor}. */
    public Upsample(LayerContext context, int factor) {
        this(context, Shapes.image(context.inputShape()), checked(factor));
    }

    private Upsample(LayerContext context, int[] in, int factor) {
        super(context, "upsample", in, new int[] {in[0], Math.multiplyExact(in[1], factor),
                Math.multiplyExact(in[2], factor)}, ConvGeometry.square(factor, factor, 0), 1f);
    }

    private static int checked(int factor) {
        if (factor < 1) {
            throw new IllegalArgumentException("factor must be at least 1, got " + factor);
        }
        return factor;
    }

    @Override
    void apply(Tensor x, Tensor y) {
        backend.conv2dBackwardInput(x, kernel, geometry, y);
    }

    @Override
    void inputGradient(Tensor gy, Tensor gx) {
        backend.conv2d(gy, kernel, geometry, gx);
    }
}
