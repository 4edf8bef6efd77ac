package dev.gan4j.backend.ejml;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gan4j.api.BackendProvider;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@link VectorActivations}; surefire runs it in a JVM with {@code --add-modules
 * jdk.incubator.vector}, where the backend must also choose it.
 */
class VectorActivationsTest extends ActivationKernelContract {

    @Override
    ActivationKernel kernel() {
        return new VectorActivations();
    }

    @Test
    void givesFastExpsBitsColdAndCompiledForEveryLength() {
        float[] all = inputs();
        for (int len : new int[] {1, 15, 16, 17, 100, 1000, all.length}) {
            float[] x = java.util.Arrays.copyOf(all, len);
            float[] expectedSigmoid = new float[len];
            float[] expectedTanh = new float[len];
            new FastExp().sigmoid(x, expectedSigmoid);
            new FastExp().tanh(x, expectedTanh);
            VectorActivations vector = new VectorActivations();
            float[] y = new float[len];
            // the first calls run interpreted, later ones compiled: the bits must not change
            for (int round = 0; round < 300; round++) {
                vector.sigmoid(x, y);
                if (round % 100 == 0 || round == 299) {
                    assertArrayEquals(expectedSigmoid, y, "sigmoid, length " + len + ", call " + round);
                }
                vector.tanh(x, y);
                if (round % 100 == 0 || round == 299) {
                    assertArrayEquals(expectedTanh, y, "tanh, length " + len + ", call " + round);
                }
            }
        }
    }

    @Test
    void sigmoidBiasGivesTheBitsOfBiasThenSigmoidColdAndCompiled() {
        float[] all = inputs();
        // columns below, at and above one vector, and rows that do not end on a vector boundary
        int[][] shapes = {{1, 1}, {3, 5}, {5, 15}, {4, 16}, {7, 17}, {100, 100}, {10, 784}, {33, 31}};
        for (int[] shape : shapes) {
            int rows = shape[0];
            int cols = shape[1];
            float[] x = new float[rows * cols];
            for (int i = 0; i < x.length; i++) {
                x[i] = all[(31 * i) % all.length];
            }
            float[] bias = new float[cols];
            for (int j = 0; j < cols; j++) {
                bias[j] = all[(17 * j + 5) % all.length] * 0.25f;
            }
            float[] expected = new float[x.length];
            new FastExp().sigmoidBias(x, bias, expected); // the interface's default: add, then sigmoid
            VectorActivations vector = new VectorActivations();
            float[] y = new float[x.length];
            String what = "sigmoidBias " + rows + "×" + cols;
            for (int round = 0; round < 300; round++) {
                vector.sigmoidBias(x, bias, y);
                if (round % 100 == 0 || round == 299) {
                    assertArrayEquals(expected, y, what + ", call " + round);
                }
            }
            float[] inPlace = x.clone();
            vector.sigmoidBias(inPlace, bias, inPlace);
            assertArrayEquals(expected, inPlace, what + " in place");
        }
    }

    @Test
    void theBackendDoesNotChooseItEvenWithTheModule() {
        // Java 17's C2 may box its vectors for a JVM's lifetime: see ActivationKernel.choose()
        assertTrue(VectorApi.available(), "this test class runs with the Vector API module");
        BackendProvider provider = new EjmlBackendProvider();
        String chosen = provider.create(Map.of()).settings().get("activations");
        assertTrue(chosen.contains("FastExp"), chosen);
    }
}
