package dev.gan4j.core.nn;

import dev.gan4j.api.Tensor;
import java.util.Arrays;

/** Small shape helpers shared by the layers. */
final class Shapes {
    private Shapes() {
    }

    /** The most values one tensor may hold: the largest Java array the JVM allocates. */
    static final int MAX_VALUES = Integer.MAX_VALUE - 8;

    /**
     * {@code a × b} when a tensor of that many values can exist, computed without overflow.
     *
     * @param what names the tensor in the error, e.g. {@code "G.0: dense weights"}
     * @throws IllegalArgumentException if the product exceeds {@link #MAX_VALUES}
     */
    static int values(String what, int a, int b) {
        long n = (long) a * b;
        if (n > MAX_VALUES) {
            throw new IllegalArgumentException(String.format(java.util.Locale.ROOT,
                    "%s of %,d × %,d = %,d values are more than the %,d one tensor can hold", what, a, b, n,
                    MAX_VALUES));
        }
        return (int) n;
    }

    static int size(int[] shape) {
        long n = 1;
        for (int d : shape) {
            if (d <= 0) {
                throw new IllegalArgumentException("dimensions must be positive, got " + Arrays.toString(shape));
            }
            n *= d;
            if (n > Integer.MAX_VALUE) {
                throw new IllegalArgumentException("shape " + Arrays.toString(shape) + " has more than 2^31-1 elements");
            }
        }
        return (int) n;
    }

    /** {@code [rows, shape...]}. */
    static int[] batch(int rows, int[] shape) {
        int[] s = new int[shape.length + 1];
        s[0] = rows;
        System.arraycopy(shape, 0, s, 1, shape.length);
        return s;
    }

    /**
     * The {@code [C, H, W]} of an image layer's input.
     *
     * @throws IllegalArgumentException if the input is not of rank 3, naming what to put before the layer
     */
    static int[] image(int[] inputShape) {
        if (inputShape.length != 3) {
            throw new IllegalArgumentException("needs an image input [C, H, W], got " + Arrays.toString(inputShape)
                    + "; put a reshape before it (e.g. {\"type\": \"reshape\", \"shape\": [1, 28, 28]})");
        }
        size(inputShape);
        return inputShape.clone();
    }

    /** Checks that {@code input} is a batch of samples of {@code sampleSize} values. */
    static void checkInput(String layer, Tensor input, int sampleSize) {
        if (input.columns() != sampleSize) {
            throw new IllegalArgumentException(layer + ": expected input of " + sampleSize
                    + " values per sample, got shape " + Arrays.toString(input.shape()));
        }
    }
}
