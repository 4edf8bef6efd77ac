package dev.gan4j.backend.ejml;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gan4j.api.BackendProvider;
import dev.gan4j.api.SeededRandom;
import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@link VectorRows} against {@link ScalarRows}, bit for bit, in interpreted and compiled code;
 * surefire runs it in a JVM with {@code --add-modules jdk.incubator.vector}.
 */
class VectorRowsTest {

    /** Columns below, at and above one vector and between whole vectors; a single row too. */
    private static final int[][] SHAPES = {{1, 1}, {3, 5}, {5, 15}, {4, 16}, {7, 17}, {100, 100}, {10, 784}, {1, 37}};

    private static float[] gaussian(SeededRandom random, int n, double scale) {
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            v[i] = (float) (random.nextGaussian() * scale);
        }
        return v;
    }

    @Test
    void addRowVectorGivesTheScalarBits() {
        SeededRandom random = new SeededRandom(7);
        VectorRows vector = new VectorRows();
        for (int[] shape : SHAPES) {
            float[] x = gaussian(random, shape[0] * shape[1], 3);
            float[] row = gaussian(random, shape[1], 1e-3);
            float[] expected = new float[x.length];
            new ScalarRows().addRowVector(x, row, expected);
            float[] y = new float[x.length];
            for (int round = 0; round < 300; round++) {
                vector.addRowVector(x, row, y);
                if (round % 100 == 0 || round == 299) {
                    assertArrayEquals(expected, y, "addRowVector " + Arrays.toString(shape) + ", call " + round);
                }
            }
            float[] inPlace = x.clone();
            vector.addRowVector(inPlace, row, inPlace);
            assertArrayEquals(expected, inPlace, "addRowVector in place " + Arrays.toString(shape));
        }
    }

    @Test
    void sumColumnsGivesTheScalarBitsForEveryBeta() {
        SeededRandom random = new SeededRandom(8);
        VectorRows vector = new VectorRows();
        for (int[] shape : SHAPES) {
            // values of very different sizes make the order of the additions show in the bits
            float[] x = gaussian(random, shape[0] * shape[1], 1);
            for (int i = 0; i < x.length; i += 3) {
                x[i] *= 1e4f;
            }
            for (float beta : new float[] {0f, 1f, 0.5f}) {
                float[] old = gaussian(random, shape[1], 10);
                float[] expected = old.clone();
                new ScalarRows().sumColumns(x, beta, expected);
                String what = "sumColumns " + Arrays.toString(shape) + " beta " + beta;
                for (int round = 0; round < 300; round++) {
                    float[] y = old.clone();
                    vector.sumColumns(x, beta, y);
                    if (round % 100 == 0 || round == 299) {
                        assertArrayEquals(expected, y, what + ", call " + round);
                    }
                }
            }
        }
        // a one-row matrix may be its own output
        float[] one = {1f, 2f, 3f, 4f, 5f, 6f, 7f, 8f, 9f, 10f, 11f, 12f, 13f, 14f, 15f, 16f, 17f};
        vector.sumColumns(one, 1f, one);
        assertEquals(34f, one[16]);
        assertEquals(2f, one[0]);
    }

    @Test
    void theBackendDoesNotChooseItEvenWithTheModule() {
        // Java 17's C2 may box its vectors for a JVM's lifetime: see ActivationKernel.choose()
        assertTrue(VectorApi.available(), "this test class runs with the Vector API module");
        BackendProvider provider = new EjmlBackendProvider();
        String chosen = provider.create(Map.of()).settings().get("bias loops");
        assertTrue(chosen.contains("scalar"), chosen);
    }
}
