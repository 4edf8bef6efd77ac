package dev.gan4j.core.eval;

/**
 * The mean and covariance of a set of feature vectors, in double precision: the Gaussian the
 * Fréchet distance compares.
 *
 * @param mean {@code dimension} values
 * @param covariance {@code dimension × dimension}, row-major, with the unbiased {@code n − 1}
 *     denominator (as {@code numpy.cov} and the reference FID code use)
 * @param dimension feature width
 * @param count number of vectors the fit was made from
 */
public record GaussianFit(double[] mean, double[] covariance, int dimension, int count) {

    public GaussianFit {
        if (dimension <= 0 || mean.length != dimension || covariance.length != dimension * dimension) {
            throw new IllegalArgumentException("a Gaussian of dimension " + dimension + " needs " + dimension
                    + " means and " + dimension * dimension + " covariances, got " + mean.length + " and "
                    + covariance.length);
        }
    }

    /**
     * Fits {@code n} row-major vectors of {@code dimension} values from {@code features}.
     *
     * @throws IllegalArgumentException if there are fewer than two vectors or a value is not
     *     finite
     */
    public static GaussianFit of(float[] features, int n, int dimension) {
        if (n < 2) {
            throw new IllegalArgumentException("a covariance needs at least 2 feature vectors, got " + n);
        }
        if (features.length < n * dimension) {
            throw new IllegalArgumentException("features hold " + features.length + " values, expected " + n
                    + " × " + dimension + " = " + n * dimension);
        }
        double[] mean = new double[dimension];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < dimension; j++) {
                float x = features[i * dimension + j];
                if (!Float.isFinite(x)) {
                    throw new IllegalArgumentException("feature " + j + " of vector " + i + " is " + x);
                }
                mean[j] += x;
            }
        }
        for (int j = 0; j < dimension; j++) {
            mean[j] /= n;
        }
        // centred accumulation: the textbook E[xxᵀ] − μμᵀ loses digits when |μ| ≫ σ
        double[] cov = new double[dimension * dimension];
        double[] centred = new double[dimension];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < dimension; j++) {
                centred[j] = features[i * dimension + j] - mean[j];
            }
            for (int a = 0; a < dimension; a++) {
                double ca = centred[a];
                int row = a * dimension;
                for (int b = a; b < dimension; b++) {
                    cov[row + b] += ca * centred[b];
                }
            }
        }
        for (int a = 0; a < dimension; a++) {
            for (int b = a; b < dimension; b++) {
                double c = cov[a * dimension + b] / (n - 1);
                cov[a * dimension + b] = c;
                cov[b * dimension + a] = c;
            }
        }
        return new GaussianFit(mean, cov, dimension, n);
    }
}
