package dev.gan4j.core.eval;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gan4j.api.SeededRandom;
import org.junit.jupiter.api.Test;

class SymmetricEigenTest {

    @Test
    void twoByTwoWithKnownEigenpairs() {
        // [[2, 1], [1, 2]] has eigenvalues 1 and 3 with vectors (1, −1)/√2 and (1, 1)/√2
        SymmetricEigen e = SymmetricEigen.of(new double[] {2, 1, 1, 2}, 2);
        assertArrayEquals(new double[] {1, 3}, e.values(), 1e-14);
        double r = Math.sqrt(0.5);
        assertEquals(r, Math.abs(e.vectors()[0]), 1e-14);
        assertEquals(-Math.signum(e.vectors()[0]) * r, e.vectors()[2], 1e-14);
        assertEquals(e.vectors()[1], e.vectors()[3], 1e-14);
    }

    @Test
    void threeByThreeWithKnownSpectrum() {
        // the second-difference matrix tridiag(−1, 2, −1) of order 3: λ = 2 − 2cos(kπ/4)
        SymmetricEigen e = SymmetricEigen.of(new double[] {2, -1, 0, -1, 2, -1, 0, -1, 2}, 3);
        assertArrayEquals(new double[] {2 - Math.sqrt(2), 2, 2 + Math.sqrt(2)}, e.values(), 1e-13);
    }

    @Test
    void diagonalAndRepeatedEigenvalues() {
        SymmetricEigen d = SymmetricEigen.of(new double[] {3, 0, 0, 0, -1, 0, 0, 0, 2}, 3);
        assertArrayEquals(new double[] {-1, 2, 3}, d.values(), 0);
        // J − I for the all-ones J of order 4: eigenvalues −1 (three times) and 3
        double[] a = new double[16];
        for (int i = 0; i < 16; i++) {
            a[i] = i % 5 == 0 ? 0 : 1;
        }
        SymmetricEigen e = SymmetricEigen.of(a, 4);
        assertArrayEquals(new double[] {-1, -1, -1, 3}, e.values(), 1e-13);
        assertReconstructs(a, e, 1e-13);
    }

    @Test
    void randomMatricesAreReconstructedWithOrthonormalVectors() {
        SeededRandom random = new SeededRandom(9);
        for (int n : new int[] {1, 5, 40, 128}) {
            double[] a = randomSymmetric(n, random);
            SymmetricEigen e = SymmetricEigen.of(a, n);
            assertReconstructs(a, e, 1e-11 * n);
            double[] v = e.vectors();
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < n; j++) {
                    double dot = 0;
                    for (int k = 0; k < n; k++) {
                        dot += v[k * n + i] * v[k * n + j];
                    }
                    assertEquals(i == j ? 1 : 0, dot, 1e-12, "VᵀV at " + i + "," + j + " for n=" + n);
                }
            }
            for (int j = 1; j < n; j++) {
                assertTrue(e.values()[j - 1] <= e.values()[j], "ascending");
            }
            double trace = 0;
            for (int i = 0; i < n; i++) {
                trace += a[i * n + i];
            }
            assertEquals(trace, e.sum(), 1e-10 * n);
        }
    }

    @Test
    void squareRootSquaresBack() {
        SeededRandom random = new SeededRandom(2);
        int n = 30;
        // B·Bᵀ is positive semi-definite; with 10 columns its rank is 10, so 20 eigenvalues are 0
        double[] b = new double[n * 10];
        for (int i = 0; i < b.length; i++) {
            b[i] = random.nextGaussian();
        }
        double[] a = new double[n * n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                for (int k = 0; k < 10; k++) {
                    a[i * n + j] += b[i * 10 + k] * b[j * 10 + k];
                }
            }
        }
        double[] root = SymmetricEigen.sqrtPsd(a, n);
        double[] square = new double[n * n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                for (int k = 0; k < n; k++) {
                    square[i * n + j] += root[i * n + k] * root[k * n + j];
                }
            }
        }
        assertArrayEquals(a, square, 1e-9);
    }

    @Test
    void rejectsAsymmetricAndNonFiniteInput() {
        var e = assertThrows(IllegalArgumentException.class,
                () -> SymmetricEigen.of(new double[] {1, 2, 3, 4}, 2));
        assertTrue(e.getMessage().contains("(0, 1) = 2.0 but (1, 0) = 3.0"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> SymmetricEigen.of(new double[] {1, Double.NaN, Double.NaN, 4}, 2));
        assertTrue(e.getMessage().contains("(0, 1) is NaN"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> SymmetricEigen.of(new double[5], 2));
    }

    static double[] randomSymmetric(int n, SeededRandom random) {
        double[] a = new double[n * n];
        for (int i = 0; i < n; i++) {
            for (int j = i; j < n; j++) {
                double x = random.nextGaussian();
                a[i * n + j] = x;
                a[j * n + i] = x;
            }
        }
        return a;
    }

    private static void assertReconstructs(double[] a, SymmetricEigen e, double tolerance) {
        int n = e.n();
        double[] v = e.vectors();
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                double s = 0;
                for (int k = 0; k < n; k++) {
                    s += v[i * n + k] * e.values()[k] * v[j * n + k];
                }
                assertEquals(a[i * n + j], s, tolerance, "V·Λ·Vᵀ at " + i + "," + j);
            }
        }
    }
}
