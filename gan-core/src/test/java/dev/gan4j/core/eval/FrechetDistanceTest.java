package dev.gan4j.core.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gan4j.api.SeededRandom;
import org.junit.jupiter.api.Test;

class FrechetDistanceTest {

    /** {@code n} draws of a correlated Gaussian in {@code d} dimensions: x = A·z + μ. */
    static float[] correlatedSamples(int n, int d, double[] mixing, double[] mean, SeededRandom random) {
        float[] x = new float[n * d];
        double[] z = new double[d];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < d; j++) {
                z[j] = random.nextGaussian();
            }
            for (int j = 0; j < d; j++) {
                double s = mean[j];
                for (int k = 0; k < d; k++) {
                    s += mixing[j * d + k] * z[k];
                }
                x[i * d + j] = (float) s;
            }
        }
        return x;
    }

    @Test
    void fitRecoversMeanAndUnbiasedCovariance() {
        float[] x = {1, 2, 3, 6, 5, 4};
        GaussianFit fit = GaussianFit.of(x, 3, 2);
        assertEquals(3, fit.mean()[0], 1e-12);
        assertEquals(4, fit.mean()[1], 1e-12);
        // x: 1, 3, 5 → variance 4; y: 2, 6, 4 → variance 4; covariance (−2·−2 + 0·2 + 2·0)/2 = 2
        assertEquals(4, fit.covariance()[0], 1e-12);
        assertEquals(2, fit.covariance()[1], 1e-12);
        assertEquals(2, fit.covariance()[2], 1e-12);
        assertEquals(4, fit.covariance()[3], 1e-12);
    }

    @Test
    void identicalGaussiansAreAtDistanceZero() {
        int d = 16;
        double[] mixing = SymmetricEigenTest.randomSymmetric(d, new SeededRandom(1));
        GaussianFit fit = GaussianFit.of(correlatedSamples(2000, d, mixing, new double[d], new SeededRandom(2)), 2000, d);
        double trace = 0;
        for (int j = 0; j < d; j++) {
            trace += fit.covariance()[j * d + j];
        }
        assertEquals(0, FrechetDistance.between(fit, fit), 1e-9 * trace);
    }

    @Test
    void shiftedGaussiansAreAtTheSquaredShift() {
        int d = 12;
        double[] mixing = SymmetricEigenTest.randomSymmetric(d, new SeededRandom(3));
        float[] x = correlatedSamples(1000, d, mixing, new double[d], new SeededRandom(4));
        float[] y = x.clone();
        double[] shift = new double[d];
        double expected = 0;
        SeededRandom r = new SeededRandom(5);
        for (int j = 0; j < d; j++) {
            shift[j] = r.nextGaussian() * 3;
            expected += shift[j] * shift[j];
        }
        for (int i = 0; i < 1000; i++) {
            for (int j = 0; j < d; j++) {
                y[i * d + j] += (float) shift[j];
            }
        }
        double fd = FrechetDistance.between(GaussianFit.of(x, 1000, d), GaussianFit.of(y, 1000, d));
        assertEquals(expected, fd, 1e-3 * expected);
    }

    @Test
    void agreesWithTheClosedFormForTwoByTwo() {
        // for 2 × 2 positive definite M, Tr √M = √(Tr M + 2√det M); with M = A^½·B·A^½,
        // Tr M = Tr(AB) and det M = det A · det B
        double[] a = {2, 0.5, 0.5, 1};
        double[] b = {1, -0.7, -0.7, 3};
        double trAb = a[0] * b[0] + a[1] * b[2] + a[2] * b[1] + a[3] * b[3];
        double det = (a[0] * a[3] - a[1] * a[2]) * (b[0] * b[3] - b[1] * b[2]);
        double expectedTrace = Math.sqrt(trAb + 2 * Math.sqrt(det));
        assertEquals(expectedTrace, FrechetDistance.traceOfSqrtProduct(a, b, 2), 1e-12);
        GaussianFit fa = new GaussianFit(new double[] {1, 2}, a, 2, 10);
        GaussianFit fb = new GaussianFit(new double[] {0, 4}, b, 2, 10);
        double expected = 1 + 4 + (2 + 1) + (1 + 3) - 2 * expectedTrace;
        assertEquals(expected, FrechetDistance.between(fa, fb), 1e-12);
        assertEquals(expected, FrechetDistance.between(fb, fa), 1e-12);
    }

    @Test
    void diagonalCovariancesGiveTheSumOfSquaredStdDifferences() {
        int d = 50;
        double[] va = new double[d * d];
        double[] vb = new double[d * d];
        double expected = 0;
        for (int j = 0; j < d; j++) {
            double sa = 0.5 + j * 0.1;
            double sb = 2.0 - j * 0.02;
            va[j * d + j] = sa * sa;
            vb[j * d + j] = sb * sb;
            expected += (sa - sb) * (sa - sb);
        }
        double fd = FrechetDistance.between(new GaussianFit(new double[d], va, d, 2), new GaussianFit(new double[d], vb, d, 2));
        assertEquals(expected, fd, 1e-10 * expected);
    }

    @Test
    void independentDrawsOfOneGaussianAreCloseAndDistinctOnesAreFar() {
        int d = 8;
        double[] mixing = SymmetricEigenTest.randomSymmetric(d, new SeededRandom(6));
        GaussianFit a = GaussianFit.of(correlatedSamples(5000, d, mixing, new double[d], new SeededRandom(7)), 5000, d);
        GaussianFit b = GaussianFit.of(correlatedSamples(5000, d, mixing, new double[d], new SeededRandom(8)), 5000, d);
        double[] scaled = mixing.clone();
        for (int i = 0; i < scaled.length; i++) {
            scaled[i] *= 2;
        }
        GaussianFit c = GaussianFit.of(correlatedSamples(5000, d, scaled, new double[d], new SeededRandom(9)), 5000, d);
        double same = FrechetDistance.between(a, b);
        double different = FrechetDistance.between(a, c);
        // doubling A doubles every √eigenvalue: FD = Tr Σ, about d² here; two fits of one Gaussian differ by O(d²/n)
        assertTrue(same < 0.01 * different, "same " + same + ", different " + different);
    }

    @Test
    void mismatchedDimensionsAreRejected() {
        GaussianFit a = new GaussianFit(new double[2], new double[4], 2, 2);
        GaussianFit b = new GaussianFit(new double[3], new double[9], 3, 2);
        assertThrows(IllegalArgumentException.class, () -> FrechetDistance.between(a, b));
        var e = assertThrows(IllegalArgumentException.class, () -> GaussianFit.of(new float[] {1, Float.NaN}, 2, 1));
        assertTrue(e.getMessage().contains("vector 1"), e.getMessage());
    }
}
