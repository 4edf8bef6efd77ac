package dev.gan4j.core.eval;

import dev.gan4j.api.Backend;
import dev.gan4j.api.Tensor;

/**
 * Improved precision and recall (Kynkäänniemi et al., "Improved Precision and Recall Metric for
 * Assessing Generative Models", NeurIPS 2019). Each set's manifold is approximated by balls
 * around its points whose radius is the distance to the point's {@code k}-th nearest neighbour
 * in the same set. Precision is the fraction of generated points inside the real manifold (are
 * samples realistic?); recall the fraction of real points inside the generated manifold (is
 * the variety of the data covered?).
 *
 * <p>Pairwise distances come from the backend's GEMM ({@code ‖a‖² + ‖b‖² − 2a·b}) in blocks of
 * rows, so two sets of 10,000 vectors cost three 10,000 × 10,000 × d products and a few
 * megabytes of memory.
 *
 * @param precision fraction of generated points within some real point's k-NN ball
 * @param recall fraction of real points within some generated point's k-NN ball
 * @param k the neighbourhood size
 * @param realCount real points used
 * @param generatedCount generated points used
 */
public record PrecisionRecall(double precision, double recall, int k, int realCount, int generatedCount) {

    /** The neighbourhood size the paper recommends. */
    public static final int DEFAULT_K = 3;

    /** Rows of query vectors per GEMM; bounds the distance block to {@code 256 × n} floats. */
    static final int BLOCK = 256;

    /**
     * Computes precision and recall between {@code real} ({@code realCount} row-major vectors of
     * {@code dimension} values) and {@code generated}. Each set needs more than {@code k}
     * points.
     */
    public static PrecisionRecall compute(Backend backend, float[] real, int realCount, float[] generated,
            int generatedCount, int dimension, int k) {
        double[] realRadii = radii(backend, real, realCount, dimension, k);
        double[] generatedRadii = radii(backend, generated, generatedCount, dimension, k);
        return compute(backend, real, realCount, realRadii, generated, generatedCount, generatedRadii, dimension, k);
    }

    /** As {@link #compute(Backend, float[], int, float[], int, int, int)} with radii already known. */
    static PrecisionRecall compute(Backend backend, float[] real, int realCount, double[] realRadii,
            float[] generated, int generatedCount, double[] generatedRadii, int dimension, int k) {
        double precision = fractionCovered(backend, generated, generatedCount, real, realCount, realRadii, dimension);
        double recall = fractionCovered(backend, real, realCount, generated, generatedCount, generatedRadii, dimension);
        return new PrecisionRecall(precision, recall, k, realCount, generatedCount);
    }

    /**
     * Squared distance from each of the {@code n} points to its {@code k}-th nearest other point
     * in the same set.
     */
    static double[] radii(Backend backend, float[] points, int n, int dimension, int k) {
        if (k < 1) {
            throw new IllegalArgumentException("k must be at least 1, got " + k);
        }
        if (n <= k) {
            throw new IllegalArgumentException("k-NN radii with k = " + k + " need more than " + k
                    + " points, got " + n);
        }
        double[] radii = new double[n];
        // the point itself is among the k + 1 smallest distances (at distance 0), so the
        // (k+1)-th smallest is the k-th neighbour, as in the paper's reference code
        double[] smallest = new double[k + 1];
        Distances d = new Distances(backend, points, n, dimension);
        d.forEachBlock(points, n, (row, dist, offset) -> {
            java.util.Arrays.fill(smallest, Double.POSITIVE_INFINITY);
            for (int j = 0; j < n; j++) {
                double x = dist[offset + j];
                if (x < smallest[k]) {
                    int pos = k;
                    while (pos > 0 && smallest[pos - 1] > x) {
                        smallest[pos] = smallest[pos - 1];
                        pos--;
                    }
                    smallest[pos] = x;
                }
            }
            radii[row] = smallest[k];
        });
        return radii;
    }

    /** Fraction of {@code queries} within the ball of some reference point. */
    static double fractionCovered(Backend backend, float[] queries, int queryCount, float[] references,
            int referenceCount, double[] referenceRadii, int dimension) {
        int[] covered = new int[1];
        Distances d = new Distances(backend, references, referenceCount, dimension);
        d.forEachBlock(queries, queryCount, (row, dist, offset) -> {
            for (int j = 0; j < referenceCount; j++) {
                if (dist[offset + j] <= referenceRadii[j]) {
                    covered[0]++;
                    return;
                }
            }
        });
        return (double) covered[0] / queryCount;
    }

    /** Receives one query row's squared distances {@code dist[offset .. offset + references)}. */
    @FunctionalInterface
    interface RowConsumer {
        void accept(int row, float[] dist, int offset);
    }

    /** Squared distances from blocks of query rows to a fixed reference set. */
    private static final class Distances {
        private final Backend backend;
        private final Tensor references;
        private final double[] referenceNorms;
        private final int count;
        private final int dimension;

        Distances(Backend backend, float[] points, int count, int dimension) {
            if (points.length < count * dimension) {
                throw new IllegalArgumentException("point set holds " + points.length + " values, expected "
                        + count + " × " + dimension);
            }
            this.backend = backend;
            this.count = count;
            this.dimension = dimension;
            float[] copy = java.util.Arrays.copyOf(points, count * dimension);
            this.references = backend.fromArray(copy, count, dimension);
            this.referenceNorms = squaredNorms(points, count, dimension);
        }

        void forEachBlock(float[] queries, int queryCount, RowConsumer consumer) {
            double[] queryNorms = squaredNorms(queries, queryCount, dimension);
            int block = Math.min(BLOCK, queryCount);
            Tensor q = backend.zeros(block, dimension);
            Tensor dots = backend.zeros(block, count);
            float[] host = new float[block * count];
            float[] staging = new float[block * dimension];
            for (int from = 0; from < queryCount; from += block) {
                int rows = Math.min(block, queryCount - from);
                if (rows != q.rows()) {
                    q = backend.zeros(rows, dimension);
                    dots = backend.zeros(rows, count);
                    staging = new float[rows * dimension];
                }
                System.arraycopy(queries, from * dimension, staging, 0, rows * dimension);
                q.copyFrom(staging);
                backend.gemm(false, true, 1f, q, references, 0f, dots);
                dots.toArray(host);
                for (int r = 0; r < rows; r++) {
                    int offset = r * count;
                    double qn = queryNorms[from + r];
                    for (int j = 0; j < count; j++) {
                        // clamped: cancellation can make a tiny squared distance negative
                        host[offset + j] = (float) Math.max(qn + referenceNorms[j] - 2.0 * host[offset + j], 0);
                    }
                    consumer.accept(from + r, host, offset);
                }
            }
        }

        private static double[] squaredNorms(float[] x, int n, int d) {
            double[] norms = new double[n];
            for (int i = 0; i < n; i++) {
                double s = 0;
                for (int j = 0; j < d; j++) {
                    double v = x[i * d + j];
                    s += v * v;
                }
                norms[i] = s;
            }
            return norms;
        }
    }
}
