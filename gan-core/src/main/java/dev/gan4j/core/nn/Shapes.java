package dev.gan4j.core.nn;

import dev.gan4j.api.Tensor;
import java.util.Arrays;

/** Small shape helpers shared by the layers. */
final class Shapes {
    private Shapes() {
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

    /** Checks that {@code input} is a batch of samples of {@code sampleSize} values. */
    static void checkInput(String layer, Tensor input, int sampleSize) {
        if (input.columns() != sampleSize) {
            throw new IllegalArgumentException(layer + ": expected input of " + sampleSize
                    + " values per sample, got shape " + Arrays.toString(input.shape()));
        }
    }

    /** Whether {@code t} is non-null and has exactly {@code shape}. */
    static boolean fits(Tensor t, int[] shape) {
        return t != null && Arrays.equals(t.shape(), shape);
    }
}
