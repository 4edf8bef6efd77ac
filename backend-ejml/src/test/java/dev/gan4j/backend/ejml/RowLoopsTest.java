package dev.gan4j.backend.ejml;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.gan4j.api.SeededRandom;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** {@link RowLoops} against the plain loops it replaces, bit for bit, interpreted and compiled. */
class RowLoopsTest {

    private static final int[][] SHAPES = {{1, 1}, {3, 5}, {5, 15}, {4, 16}, {7, 17}, {100, 100}, {10, 784}, {1, 37}};

    private static float[] gaussian(SeededRandom random, int n, double scale) {
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            v[i] = (float) (random.nextGaussian() * scale);
        }
        return v;
    }

    @Test
    void addRowVectorGivesThePlainLoopsBits() {
        SeededRandom random = new SeededRandom(7);
        RowLoops loops = new RowLoops();
        for (int[] shape : SHAPES) {
            int cols = shape[1];
            float[] x = gaussian(random, shape[0] * cols, 3);
            float[] bias = gaussian(random, cols, 1e-3);
            float[] expected = new float[x.length];
            for (int base = 0; base < x.length; base += cols) {
                for (int j = 0; j < cols; j++) {
                    expected[base + j] = x[base + j] + bias[j];
                }
            }
            float[] y = new float[x.length];
            for (int round = 0; round < 300; round++) {
                loops.addRowVector(x, bias, y);
                if (round % 100 == 0 || round == 299) {
                    assertArrayEquals(expected, y, "addRowVector " + Arrays.toString(shape) + ", call " + round);
                }
            }
            float[] inPlace = x.clone();
            loops.addRowVector(inPlace, bias, inPlace);
            assertArrayEquals(expected, inPlace, "addRowVector in place " + Arrays.toString(shape));
        }
    }

    @Test
    void sumColumnsGivesThePlainLoopsBitsForEveryBeta() {
        SeededRandom random = new SeededRandom(8);
        RowLoops loops = new RowLoops();
        for (int[] shape : SHAPES) {
            int cols = shape[1];
            // values of very different sizes make the order of the additions show in the bits
            float[] x = gaussian(random, shape[0] * cols, 1);
            for (int i = 0; i < x.length; i += 3) {
                x[i] *= 1e4f;
            }
            for (float beta : new float[] {0f, 1f, 0.5f}) {
                float[] old = gaussian(random, cols, 10);
                float[] expected = old.clone();
                for (int j = 0; j < cols; j++) {
                    expected[j] = beta == 0f ? x[j] : x[j] + beta * expected[j];
                }
                for (int base = cols; base < x.length; base += cols) {
                    for (int j = 0; j < cols; j++) {
                        expected[j] += x[base + j];
                    }
                }
                String what = "sumColumns " + Arrays.toString(shape) + " beta " + beta;
                for (int round = 0; round < 300; round++) {
                    float[] y = old.clone();
                    loops.sumColumns(x, beta, y);
                    if (round % 100 == 0 || round == 299) {
                        assertArrayEquals(expected, y, what + ", call " + round);
                    }
                }
            }
        }
        // a one-row matrix may be its own output
        float[] one = {1f, 2f, 3f};
        loops.sumColumns(one, 1f, one);
        assertArrayEquals(new float[] {2f, 4f, 6f}, one);
        assertEquals(3, one.length);
    }
}
