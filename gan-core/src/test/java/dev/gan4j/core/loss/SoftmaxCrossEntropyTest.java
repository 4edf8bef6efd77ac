package dev.gan4j.core.loss;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gan4j.api.SeededRandom;
import org.junit.jupiter.api.Test;

class SoftmaxCrossEntropyTest {

    @Test
    void gradientMatchesFiniteDifferences() {
        int n = 5;
        int k = 4;
        float[] z = new float[n * k];
        new SeededRandom(3).fillGaussian(z, 0, 2);
        int[] labels = {0, 3, 1, 2, 3};
        float[] grad = new float[n * k];
        SoftmaxCrossEntropy.lossAndGradient(z, labels, n, k, grad);
        for (int i = 0; i < n * k; i++) {
            float[] p = z.clone();
            p[i] += 1e-2f;
            float[] m = z.clone();
            m[i] -= 1e-2f;
            double numeric = (SoftmaxCrossEntropy.lossAndGradient(p, labels, n, k, null)
                    - SoftmaxCrossEntropy.lossAndGradient(m, labels, n, k, null)) / ((double) p[i] - m[i]);
            assertEquals(numeric, grad[i], 1e-5 + 1e-3 * Math.abs(numeric), "dL/dz[" + i + "]");
        }
    }

    @Test
    void lossIsTheNegativeLogLikelihoodOfTheLabel() {
        // softmax of (ln 1, ln 2, ln 7) is (0.1, 0.2, 0.7)
        float[] z = {(float) Math.log(1), (float) Math.log(2), (float) Math.log(7)};
        assertEquals(-Math.log(0.7), SoftmaxCrossEntropy.lossAndGradient(z, new int[] {2}, 1, 3, null), 1e-6);
        assertEquals(-Math.log(0.1), SoftmaxCrossEntropy.lossAndGradient(z, new int[] {0}, 1, 3, null), 1e-6);
        float[] grad = new float[3];
        SoftmaxCrossEntropy.lossAndGradient(z, new int[] {2}, 1, 3, grad);
        assertEquals(0.1, grad[0], 1e-6);
        assertEquals(0.2, grad[1], 1e-6);
        assertEquals(-0.3, grad[2], 1e-6);
    }

    @Test
    void hugeLogitsStayFinite() {
        float[] z = {1e30f, -1e30f, 0f, 5e29f};
        float[] grad = new float[4];
        double wrong = SoftmaxCrossEntropy.lossAndGradient(z, new int[] {1}, 1, 4, grad);
        assertEquals(2e30, wrong, 1e24);
        assertEquals(0, SoftmaxCrossEntropy.lossAndGradient(z, new int[] {0}, 1, 4, grad), 1e-12);
        for (float g : grad) {
            assertTrue(Float.isFinite(g));
        }
        double[] logP = new double[4];
        SoftmaxCrossEntropy.logSoftmax(z, 0, 4, logP);
        assertEquals(0, logP[0], 1e-12);
        assertEquals(-5e29, logP[3], 1e23);
    }

    @Test
    void badLabelsAndLogitsAreNamed() {
        float[] z = new float[6];
        var e = assertThrows(IllegalArgumentException.class,
                () -> SoftmaxCrossEntropy.lossAndGradient(z, new int[] {0, 3}, 2, 3, null));
        assertTrue(e.getMessage().contains("label 3 of row 1"), e.getMessage());
        float[] nan = {0, Float.NaN, 0};
        e = assertThrows(IllegalArgumentException.class,
                () -> SoftmaxCrossEntropy.lossAndGradient(nan, new int[] {0}, 1, 3, null));
        assertTrue(e.getMessage().contains("row 0"), e.getMessage());
    }
}
