package dev.gan4j.backend.ejml;

/**
 * The per-channel operations on row-major {@code [N, C, S]} arrays: a bias or scale per channel,
 * and sums, means and variances over the batch and the spatial positions of each channel.
 * Sums are accumulated in double precision, as the conformance suite's reference does.
 */
final class ChannelLoops {

    /** {@code out[n,c,s] = a[n,c,s] + v[c]} ({@code multiply}: times). */
    void apply(float[] a, float[] v, float[] out, int n, int c, int s, boolean multiply) {
        for (int b = 0; b < n; b++) {
            for (int ch = 0; ch < c; ch++) {
                float x = v[ch];
                int at = (b * c + ch) * s;
                if (multiply) {
                    for (int p = at; p < at + s; p++) {
                        out[p] = a[p] * x;
                    }
                } else {
                    for (int p = at; p < at + s; p++) {
                        out[p] = a[p] + x;
                    }
                }
            }
        }
    }

    /** {@code out[c] = Σ_{n,s} a[n,c,s] + beta·out[c]}. */
    void sum(float[] a, float beta, float[] out, int n, int c, int s) {
        for (int ch = 0; ch < c; ch++) {
            double sum = beta == 0f ? 0 : (double) beta * out[ch];
            for (int b = 0; b < n; b++) {
                int at = (b * c + ch) * s;
                for (int p = at; p < at + s; p++) {
                    sum += a[p];
                }
            }
            out[ch] = (float) sum;
        }
    }

    /** Mean and biased variance per channel, two passes in double precision. */
    void meanVariance(float[] a, float[] mean, float[] variance, int n, int c, int s) {
        double m = (double) n * s;
        for (int ch = 0; ch < c; ch++) {
            double sum = 0;
            for (int b = 0; b < n; b++) {
                int at = (b * c + ch) * s;
                for (int p = at; p < at + s; p++) {
                    sum += a[p];
                }
            }
            double mu = sum / m;
            double q = 0;
            for (int b = 0; b < n; b++) {
                int at = (b * c + ch) * s;
                for (int p = at; p < at + s; p++) {
                    double d = a[p] - mu;
                    q += d * d;
                }
            }
            mean[ch] = (float) mu;
            variance[ch] = (float) (q / m);
        }
    }
}
