package dev.gan4j.backend.ejml;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.gan4j.api.Backend;
import dev.gan4j.api.SeededRandom;
import dev.gan4j.api.Tensor;
import dev.gan4j.api.UnaryOp;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The branch-free leaky ReLU has the bits of {@code x > 0 ? x : p·x} and of
 * {@code go·(x > 0 ? 1 : p)} for every slope in [0, 1), signed zeros, subnormals and infinities
 * included: training runs give the numbers they gave with the branch.
 */
class LeakyReluBitsTest {

    @Test
    void sameBitsAsTheBranch() {
        Backend backend = new EjmlBackendProvider().create(Map.of());
        float[] special = {0f, -0f, Float.MIN_VALUE, -Float.MIN_VALUE, Float.MIN_NORMAL, -Float.MIN_NORMAL, 1e-30f,
            -1e-30f, 1f, -1f, Float.MAX_VALUE, -Float.MAX_VALUE, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY};
        int n = 4096;
        float[] x = new float[n];
        float[] go = new float[n];
        SeededRandom random = new SeededRandom(5);
        random.fillGaussian(x, 0, 1);
        random.fillGaussian(go, 0, 1);
        System.arraycopy(special, 0, x, 0, special.length);
        go[1] = -0f;
        for (float p : new float[] {0f, 0.01f, 0.2f, 0.3333333f, 0.99999994f}) {
            Tensor tx = backend.fromArray(x, n);
            Tensor ty = backend.zeros(n);
            Tensor tgo = backend.fromArray(go, n);
            Tensor tgi = backend.zeros(n);
            backend.unary(UnaryOp.LEAKY_RELU, p, tx, ty);
            backend.unaryBackward(UnaryOp.LEAKY_RELU, p, tx, ty, tgo, tgi);
            float[] y = ty.toArray();
            float[] gi = tgi.toArray();
            for (int i = 0; i < n; i++) {
                float v = x[i];
                float expectedY = v > 0f ? v : p * v;
                float expectedGi = go[i] * (v > 0f ? 1f : p);
                assertEquals(Float.floatToRawIntBits(expectedY), Float.floatToRawIntBits(y[i]),
                        "forward at x=" + v + ", p=" + p);
                assertEquals(Float.floatToRawIntBits(expectedGi), Float.floatToRawIntBits(gi[i]),
                        "backward at x=" + v + ", go=" + go[i] + ", p=" + p);
            }
        }
    }
}
