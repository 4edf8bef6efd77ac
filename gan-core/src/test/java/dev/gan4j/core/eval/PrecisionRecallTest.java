package dev.gan4j.core.eval;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gan4j.api.Backend;
import dev.gan4j.api.SeededRandom;
import dev.gan4j.core.TestBackends;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class PrecisionRecallTest {

    final Backend backend = TestBackends.any();

    /** {@code n} points N(center, I) in {@code d} dimensions. */
    static float[] cloud(int n, int d, double center, SeededRandom random) {
        float[] x = new float[n * d];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) (center + random.nextGaussian());
        }
        return x;
    }

    @Test
    void identicalSetsHaveFullPrecisionAndRecall() {
        float[] x = cloud(600, 16, 0, new SeededRandom(1));
        PrecisionRecall pr = PrecisionRecall.compute(backend, x, 600, x.clone(), 600, 16, 3);
        assertEquals(1.0, pr.precision());
        assertEquals(1.0, pr.recall());
    }

    @Test
    void disjointSetsHaveNone() {
        float[] real = cloud(500, 16, 0, new SeededRandom(2));
        float[] fake = cloud(500, 16, 20, new SeededRandom(3));
        PrecisionRecall pr = PrecisionRecall.compute(backend, real, 500, fake, 500, 16, 3);
        assertEquals(0.0, pr.precision());
        assertEquals(0.0, pr.recall());
    }

    @Test
    void droppingAModeKeepsPrecisionButHalvesRecall() {
        int d = 8;
        float[] real = concat(cloud(400, d, 0, new SeededRandom(4)), cloud(400, d, 30, new SeededRandom(5)));
        // the baseline: an independent draw of the same two modes. Finite samples leave the
        // tails of one set outside the other's k-NN balls, so it is below 1.
        float[] same = concat(cloud(400, d, 0, new SeededRandom(6)), cloud(400, d, 30, new SeededRandom(7)));
        PrecisionRecall baseline = PrecisionRecall.compute(backend, real, 800, same, 800, d, 3);
        assertTrue(baseline.precision() > 0.8 && baseline.recall() > 0.8, baseline.toString());
        // every sample from the first mode only: as realistic, but half the data is missed
        float[] oneMode = cloud(800, d, 0, new SeededRandom(8));
        PrecisionRecall dropped = PrecisionRecall.compute(backend, real, 800, oneMode, 800, d, 3);
        assertEquals(baseline.precision(), dropped.precision(), 0.05, dropped.toString());
        assertEquals(baseline.recall() / 2, dropped.recall(), 0.03, dropped.toString());
        // and the reverse roles: half the samples are off the data manifold
        PrecisionRecall reversed = PrecisionRecall.compute(backend, oneMode, 800, real, 800, d, 3);
        assertEquals(baseline.precision() / 2, reversed.precision(), 0.03, reversed.toString());
        assertEquals(baseline.recall(), reversed.recall(), 0.05, reversed.toString());
    }

    @Test
    void radiiMatchBruteForce() {
        int n = 300;
        int d = 5;
        float[] x = cloud(n, d, 1, new SeededRandom(7));
        for (int k : new int[] {1, 3, 10}) {
            double[] fast = PrecisionRecall.radii(backend, x, n, d, k);
            double[] slow = new double[n];
            for (int i = 0; i < n; i++) {
                double[] dist = new double[n - 1];
                int m = 0;
                for (int j = 0; j < n; j++) {
                    if (j != i) {
                        double s = 0;
                        for (int c = 0; c < d; c++) {
                            double diff = x[i * d + c] - x[j * d + c];
                            s += diff * diff;
                        }
                        dist[m++] = s;
                    }
                }
                Arrays.sort(dist);
                slow[i] = dist[k - 1];
            }
            assertArrayEquals(slow, fast, 1e-4, "k = " + k);
        }
    }

    @Test
    void tooFewPointsAreRejected() {
        float[] x = cloud(3, 2, 0, new SeededRandom(8));
        var e = assertThrows(IllegalArgumentException.class, () -> PrecisionRecall.compute(backend, x, 3, x, 3, 2, 3));
        assertEquals("k-NN radii with k = 3 need more than 3 points, got 3", e.getMessage());
    }

    private static float[] concat(float[] a, float[] b) {
        float[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
