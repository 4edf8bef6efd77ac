package dev.gan4j.core.eval;

/**
 * The Fréchet (2-Wasserstein) distance between two Gaussians,
 * {@code ‖μ₁ − μ₂‖² + Tr(Σ₁ + Σ₂ − 2(Σ₁Σ₂)^½)} (Dowson &amp; Landau 1982; Heusel et al. 2017 for
 * its use on classifier features).
 *
 * <p>{@code Σ₁Σ₂} is not symmetric, so its square root is not taken directly (the reference
 * implementation's {@code sqrtm} can return complex round-off). Instead
 * {@code Tr((Σ₁Σ₂)^½) = Σ √λᵢ(Σ₁^½ Σ₂ Σ₁^½)}: the matrix {@code Σ₁^½ Σ₂ Σ₁^½} is similar to
 * {@code Σ₁Σ₂}, symmetric and positive semi-definite, so two symmetric eigendecompositions
 * give the trace exactly up to round-off.
 */
public final class FrechetDistance {
    private FrechetDistance() {
    }

    /**
     * The distance between {@code a} and {@code b}, never negative (round-off below zero for
     * identical fits is reported as zero).
     *
     * @throws IllegalArgumentException if the dimensions differ
     */
    public static double between(GaussianFit a, GaussianFit b) {
        int d = a.dimension();
        if (b.dimension() != d) {
            throw new IllegalArgumentException("cannot compare Gaussians of dimension " + d + " and "
                    + b.dimension());
        }
        double meanTerm = 0;
        for (int j = 0; j < d; j++) {
            double diff = a.mean()[j] - b.mean()[j];
            meanTerm += diff * diff;
        }
        double trace = 0;
        for (int j = 0; j < d; j++) {
            trace += a.covariance()[j * d + j] + b.covariance()[j * d + j];
        }
        double distance = meanTerm + trace - 2 * traceOfSqrtProduct(a.covariance(), b.covariance(), d);
        return Math.max(distance, 0);
    }

    /** {@code Tr((Σ₁Σ₂)^½)} for symmetric positive semi-definite {@code d × d} matrices. */
    static double traceOfSqrtProduct(double[] s1, double[] s2, int d) {
        double[] root = SymmetricEigen.sqrtPsd(s1, d);
        double[] m = symmetricProduct(root, s2, d);
        double sum = 0;
        for (double lambda : SymmetricEigen.of(m, d).values()) {
            sum += Math.sqrt(Math.max(lambda, 0));
        }
        return sum;
    }

    /** {@code r·s·r} for symmetric {@code r} and {@code s}, symmetrised against round-off. */
    private static double[] symmetricProduct(double[] r, double[] s, int d) {
        double[] out = multiply(multiply(r, s, d), r, d);
        for (int i = 0; i < d; i++) {
            for (int j = i + 1; j < d; j++) {
                double mean = 0.5 * (out[i * d + j] + out[j * d + i]);
                out[i * d + j] = mean;
                out[j * d + i] = mean;
            }
        }
        return out;
    }

    /** {@code a·b} for {@code d × d} row-major matrices, in i-k-j order for sequential access. */
    private static double[] multiply(double[] a, double[] b, int d) {
        double[] out = new double[d * d];
        for (int i = 0; i < d; i++) {
            for (int k = 0; k < d; k++) {
                double aik = a[i * d + k];
                if (aik == 0) {
                    continue;
                }
                for (int j = 0; j < d; j++) {
                    out[i * d + j] += aik * b[k * d + j];
                }
            }
        }
        return out;
    }
}
