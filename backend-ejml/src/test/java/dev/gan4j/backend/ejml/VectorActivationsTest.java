package dev.gan4j.backend.ejml;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
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
    void theBackendDoesNotChooseItEvenWithTheModule() {
        // Java 17's C2 may box its vectors for a JVM's lifetime: see ActivationKernel.choose()
        assertTrue(VectorApi.available(), "this test class runs with the Vector API module");
        BackendProvider provider = new EjmlBackendProvider();
        String chosen = provider.create(Map.of()).settings().get("activations");
        assertFalse(chosen.contains("Vector API"), chosen);
    }
}
