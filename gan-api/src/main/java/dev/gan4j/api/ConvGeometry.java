package dev.gan4j.api;

import java.util.Arrays;

/**
 * The geometry of a 2-d convolution over {@code [N, C, H, W]} tensors: kernel size, stride and
 * zero padding per spatial axis (dilation 1). The same geometry describes a transposed
 * convolution, whose forward pass is {@link Backend#conv2dBackwardInput}.
 *
 * <p>An input of height {@code H} gives an output of height
 * {@code floor((H + 2·padHeight − kernelHeight) / strideHeight) + 1}, as in PyTorch's
 * {@code Conv2d}; likewise for the width.
 *
 * @param kernelHeight rows of the kernel, ≥ 1
 * @param kernelWidth columns of the kernel, ≥ 1
 * @param strideHeight vertical step, ≥ 1
 * @param strideWidth horizontal step, ≥ 1
 * @param padHeight zero rows added above and below, ≥ 0 and less than the kernel height
 * @param padWidth zero columns added left and right, ≥ 0 and less than the kernel width
 */
public record ConvGeometry(int kernelHeight, int kernelWidth, int strideHeight, int strideWidth, int padHeight,
        int padWidth) {

    public ConvGeometry {
        if (kernelHeight < 1 || kernelWidth < 1) {
            throw new IllegalArgumentException("kernel must be at least 1x1, got " + kernelHeight + "x" + kernelWidth);
        }
        if (strideHeight < 1 || strideWidth < 1) {
            throw new IllegalArgumentException("stride must be at least 1, got " + strideHeight + "x" + strideWidth);
        }
        if (padHeight < 0 || padWidth < 0 || padHeight >= kernelHeight || padWidth >= kernelWidth) {
            throw new IllegalArgumentException("padding must be at least 0 and less than the kernel "
                    + kernelHeight + "x" + kernelWidth + ", got " + padHeight + "x" + padWidth);
        }
    }

    /** A square kernel with the same stride and padding on both axes. */
    public static ConvGeometry square(int kernel, int stride, int padding) {
        return new ConvGeometry(kernel, kernel, stride, stride, padding, padding);
    }

    /** Output height for an input of height {@code inputHeight}; ≤ 0 when the kernel does not fit. */
    public int outputHeight(int inputHeight) {
        return Math.floorDiv(inputHeight + 2 * padHeight - kernelHeight, strideHeight) + 1;
    }

    /** Output width for an input of width {@code inputWidth}; ≤ 0 when the kernel does not fit. */
    public int outputWidth(int inputWidth) {
        return Math.floorDiv(inputWidth + 2 * padWidth - kernelWidth, strideWidth) + 1;
    }

    /**
     * Checks that {@code input [N, C, H, W]}, {@code weight [K, C, kh, kw]} and
     * {@code output [N, K, OH, OW]} fit this geometry, for a backend's {@code op}.
     *
     * @throws IllegalArgumentException naming the op, the tensor and both shapes
     */
    public void check(String op, int[] input, int[] weight, int[] output) {
        requireRank(op, "input", input);
        requireRank(op, "weight", weight);
        requireRank(op, "output", output);
        if (weight[2] != kernelHeight || weight[3] != kernelWidth) {
            throw new IllegalArgumentException(op + ": weight " + Arrays.toString(weight) + " does not have the "
                    + kernelHeight + "x" + kernelWidth + " kernel of " + this);
        }
        if (weight[1] != input[1]) {
            throw new IllegalArgumentException(op + ": weight " + Arrays.toString(weight) + " expects " + weight[1]
                    + " input channels but the input is " + Arrays.toString(input));
        }
        int oh = outputHeight(input[2]);
        int ow = outputWidth(input[3]);
        if (oh < 1 || ow < 1) {
            throw new IllegalArgumentException(op + ": the " + kernelHeight + "x" + kernelWidth + " kernel with padding "
                    + padHeight + "x" + padWidth + " does not fit the input " + Arrays.toString(input));
        }
        int[] expected = {input[0], weight[0], oh, ow};
        if (!Arrays.equals(expected, output)) {
            throw new IllegalArgumentException(op + ": input " + Arrays.toString(input) + " and weight "
                    + Arrays.toString(weight) + " make " + Arrays.toString(expected) + " with " + this + ", but the "
                    + "output is " + Arrays.toString(output));
        }
    }

    private static void requireRank(String op, String name, int[] shape) {
        if (shape.length != 4) {
            throw new IllegalArgumentException(op + ": " + name + " must be of rank 4 ([N, C, H, W] or [K, C, kh, kw]), "
                    + "got " + Arrays.toString(shape));
        }
    }
}
