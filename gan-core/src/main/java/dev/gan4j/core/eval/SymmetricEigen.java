package dev.gan4j.core.eval;

import java.util.Arrays;

/**
 * Eigendecomposition {@code A = V·diag(λ)·Vᵀ} of a real symmetric matrix by the cyclic Jacobi
 * method (Golub &amp; Van Loan, Matrix Computations, §8.5), in double precision.
 *
 * <p>Jacobi is slower than QR-based solvers for large matrices but simple, unconditionally
 * convergent for symmetric input and accurate for small eigenvalues, which is what the Fréchet
 * distance's matrix square roots need; the feature covariances here are about 128 × 128, which
 * it decomposes in milliseconds. gan-core may not use a linear-algebra library, hence this class.
 *
 * @param values eigenvalues in ascending order
 * @param vectors {@code n × n} row-major; column {@code j} is the unit eigenvector of
 *     {@code values[j]}
 * @param n the matrix order
 */
public record SymmetricEigen(double[] values, double[] vectors, int n) {

    /** Sweeps allowed before giving up; quadratic convergence needs fewer than 15 in practice. */
    static final int MAX_SWEEPS = 100;

    /** Stop when the off-diagonal Frobenius norm falls below this fraction of the matrix norm. */
    static final double TOLERANCE = 1e-15;

    public SymmetricEigen {
        if (values.length != n || vectors.length != n * n) {
            throw new IllegalArgumentException("eigen decomposition of order " + n + " needs " + n + " values and "
                    + n * n + " vector entries, got " + values.length + " and " + vectors.length);
        }
    }

    /**
     * Decomposes the symmetric {@code n × n} row-major matrix {@code a}; {@code a} is not changed.
     *
     * @throws IllegalArgumentException if {@code a} is not square of order {@code n}, holds a
     *     non-finite value, or is not symmetric to within {@code 1e-9} relative
     */
    public static SymmetricEigen of(double[] a, int n) {
        checkSymmetric(a, n);
        double[] m = a.clone();
        double[] v = new double[n * n];
        for (int i = 0; i < n; i++) {
            v[i * n + i] = 1;
        }
        double norm = frobenius(m);
        int sweep = 0;
        while (offDiagonal(m, n) > TOLERANCE * norm) {
            if (++sweep > MAX_SWEEPS) {
                throw new ArithmeticException("Jacobi eigen solver did not converge in " + MAX_SWEEPS
                        + " sweeps (order " + n + ", off-diagonal norm " + offDiagonal(m, n) + ")");
            }
            for (int p = 0; p < n - 1; p++) {
                for (int q = p + 1; q < n; q++) {
                    rotate(m, v, n, p, q);
                }
            }
        }
        double[] diagonal = new double[n];
        for (int i = 0; i < n; i++) {
            diagonal[i] = m[i * n + i];
        }
        return sorted(diagonal, v, n);
    }

    /**
     * The symmetric positive semi-definite square root {@code V·diag(√max(λ, 0))·Vᵀ} of the
     * symmetric {@code n × n} matrix {@code a}. Eigenvalues below zero (round-off in a covariance
     * matrix of deficient rank) are treated as zero.
     */
    public static double[] sqrtPsd(double[] a, int n) {
        SymmetricEigen e = of(a, n);
        double[] root = new double[n];
        for (int j = 0; j < n; j++) {
            root[j] = Math.sqrt(Math.max(e.values[j], 0));
        }
        double[] out = new double[n * n];
        double[] v = e.vectors;
        for (int i = 0; i < n; i++) {
            for (int k = i; k < n; k++) {
                double s = 0;
                for (int j = 0; j < n; j++) {
                    s += v[i * n + j] * root[j] * v[k * n + j];
                }
                out[i * n + k] = s;
                out[k * n + i] = s;
            }
        }
        return out;
    }

    /** Sum of the eigenvalues, equal to the trace of the decomposed matrix. */
    public double sum() {
        double s = 0;
        for (double x : values) {
            s += x;
        }
        return s;
    }

    /**
     * One Jacobi rotation in the (p, q) plane that zeroes {@code m[p][q]}: {@code m ← Jᵀ·m·J},
     * {@code v ← v·J} with {@code J = [[c, s], [−s, c]]} in rows and columns p and q.
     */
    private static void rotate(double[] m, double[] v, int n, int p, int q) {
        double apq = m[p * n + q];
        if (apq == 0) {
            return;
        }
        double app = m[p * n + p];
        double aqq = m[q * n + q];
        // the smaller of the two roots of t² + 2θt − 1 = 0 keeps the rotation angle below π/4,
        // which is what makes the cyclic method converge
        double theta = (aqq - app) / (2 * apq);
        double t = Math.signum(theta) / (Math.abs(theta) + Math.hypot(theta, 1));
        if (theta == 0) {
            t = 1;
        }
        double c = 1 / Math.sqrt(t * t + 1);
        double s = t * c;
        for (int k = 0; k < n; k++) {
            double mkp = m[k * n + p];
            double mkq = m[k * n + q];
            m[k * n + p] = c * mkp - s * mkq;
            m[k * n + q] = s * mkp + c * mkq;
        }
        for (int k = 0; k < n; k++) {
            double mpk = m[p * n + k];
            double mqk = m[q * n + k];
            m[p * n + k] = c * mpk - s * mqk;
            m[q * n + k] = s * mpk + c * mqk;
        }
        // exact zero by construction; writing it avoids carrying round-off into later sweeps
        m[p * n + q] = 0;
        m[q * n + p] = 0;
        for (int k = 0; k < n; k++) {
            double vkp = v[k * n + p];
            double vkq = v[k * n + q];
            v[k * n + p] = c * vkp - s * vkq;
            v[k * n + q] = s * vkp + c * vkq;
        }
    }

    private static SymmetricEigen sorted(double[] diagonal, double[] v, int n) {
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (x, y) -> Double.compare(diagonal[x], diagonal[y]));
        double[] values = new double[n];
        double[] vectors = new double[n * n];
        for (int j = 0; j < n; j++) {
            int from = order[j];
            values[j] = diagonal[from];
            for (int i = 0; i < n; i++) {
                vectors[i * n + j] = v[i * n + from];
            }
        }
        return new SymmetricEigen(values, vectors, n);
    }

    private static void checkSymmetric(double[] a, int n) {
        if (n <= 0 || a.length != n * n) {
            throw new IllegalArgumentException("expected a " + n + " × " + n + " matrix (" + (long) n * n
                    + " values), got " + a.length + " values");
        }
        double scale = 0;
        for (int i = 0; i < a.length; i++) {
            if (!Double.isFinite(a[i])) {
                throw new IllegalArgumentException("matrix entry (" + i / n + ", " + i % n + ") is " + a[i]);
            }
            scale = Math.max(scale, Math.abs(a[i]));
        }
        for (int i = 0; i < n; i++) {
            for (int j = i + 1; j < n; j++) {
                double x = a[i * n + j];
                double y = a[j * n + i];
                if (Math.abs(x - y) > 1e-9 * scale) {
                    throw new IllegalArgumentException("matrix is not symmetric: (" + i + ", " + j + ") = " + x
                            + " but (" + j + ", " + i + ") = " + y);
                }
            }
        }
    }

    private static double frobenius(double[] m) {
        double s = 0;
        for (double x : m) {
            s += x * x;
        }
        return Math.sqrt(s);
    }

    private static double offDiagonal(double[] m, int n) {
        double s = 0;
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                if (i != j) {
                    s += m[i * n + j] * m[i * n + j];
                }
            }
        }
        return Math.sqrt(s);
    }
}
