package dev.gan4j.backend.ejml;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.gan4j.api.BackendProvider;
import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@link NativeActivations}: FastExp's contract, and FastExp's bits for every length, input and
 * aliasing, in interpreted and compiled callers. Skipped only where the library was not built
 * (no GCC); where the build made it, it must load.
 */
class NativeActivationsTest extends ActivationKernelContract {

    @BeforeAll
    static void builtMeansLoaded() {
        boolean built = NativeActivations.class.getResource(NativeActivations.RESOURCE) != null;
        if (built) {
            assertNull(NativeActivations.availability(), "the library was built, so it must load");
        }
        assumeTrue(built, "backend-ejml was built without GCC: " + NativeActivations.availability());
    }

    @Override
    ActivationKernel kernel() {
        return new NativeActivations();
    }

    @Test
    void givesFastExpsBitsForEveryLengthAndInPlace() {
        float[] all = inputs();
        float[] special = {Float.NaN, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY, -0f, 0f, 88.3f, -88.3f, 89f, -89f};
        float[] withSpecial = Arrays.copyOf(all, all.length + special.length);
        System.arraycopy(special, 0, withSpecial, all.length, special.length);
        NativeActivations kernel = new NativeActivations();
        for (int len : new int[] {0, 1, 7, 15, 16, 17, 31, 100, 1000, withSpecial.length}) {
            // the special values at the front too, so that short lengths see them
            float[] x = new float[len];
            for (int i = 0; i < len; i++) {
                x[i] = i < special.length ? special[i] : withSpecial[i];
            }
            float[] expectedSigmoid = new float[len];
            float[] expectedTanh = new float[len];
            new FastExp().sigmoid(x, expectedSigmoid);
            new FastExp().tanh(x, expectedTanh);
            float[] y = new float[len];
            for (int round = 0; round < 300; round++) {
                kernel.sigmoid(x, y);
                if (round % 100 == 0 || round == 299) {
                    assertArrayEquals(expectedSigmoid, y, "sigmoid, length " + len + ", call " + round);
                }
                kernel.tanh(x, y);
                if (round % 100 == 0 || round == 299) {
                    assertArrayEquals(expectedTanh, y, "tanh, length " + len + ", call " + round);
                }
            }
            float[] inPlace = x.clone();
            kernel.sigmoid(inPlace, inPlace);
            assertArrayEquals(expectedSigmoid, inPlace, "sigmoid in place, length " + len);
            inPlace = x.clone();
            kernel.tanh(inPlace, inPlace);
            assertArrayEquals(expectedTanh, inPlace, "tanh in place, length " + len);
        }
    }

    @Test
    void withABiasGivesTheBitsOfAddingItThenFastExp() {
        float[] all = inputs();
        NativeActivations kernel = new NativeActivations();
        for (int cols : new int[] {1, 7, 16, 100, 784}) {
            int rows = all.length / cols;
            float[] x = Arrays.copyOf(all, rows * cols);
            float[] bias = new float[cols];
            for (int j = 0; j < cols; j++) {
                bias[j] = all[(7919 * j) % all.length] * 0.01f;
            }
            float[] sums = new float[x.length];
            for (int base = 0; base < x.length; base += cols) {
                for (int j = 0; j < cols; j++) {
                    sums[base + j] = x[base + j] + bias[j];
                }
            }
            float[] expectedSigmoid = new float[x.length];
            float[] expectedTanh = new float[x.length];
            new FastExp().sigmoid(sums, expectedSigmoid);
            new FastExp().tanh(sums, expectedTanh);
            float[] y = new float[x.length];
            kernel.sigmoidBias(x, bias, y);
            assertArrayEquals(expectedSigmoid, y, "sigmoidBias, " + cols + " columns");
            kernel.tanhBias(x, bias, y);
            assertArrayEquals(expectedTanh, y, "tanhBias, " + cols + " columns");
            float[] inPlace = x.clone();
            kernel.sigmoidBias(inPlace, bias, inPlace);
            assertArrayEquals(expectedSigmoid, inPlace, "sigmoidBias in place, " + cols + " columns");
        }
        assertThrows(IllegalArgumentException.class, () -> kernel.sigmoidBias(new float[10], new float[3], new float[10]));
        float[] shared = new float[4];
        assertThrows(IllegalArgumentException.class, () -> kernel.tanhBias(new float[4], shared, shared));
    }

    @Test
    void aShortOutputIsRefusedBeforeTheCCodeRuns() {
        NativeActivations kernel = new NativeActivations();
        assertThrows(IllegalArgumentException.class, () -> kernel.sigmoid(new float[10], new float[9]));
        assertThrows(IllegalArgumentException.class, () -> kernel.tanh(new float[10], new float[9]));
    }

    @Test
    void theBackendChoosesIt() {
        BackendProvider provider = new EjmlBackendProvider();
        assertEquals(new NativeActivations().describe(), provider.create(Map.of()).settings().get("activations"));
    }
}
