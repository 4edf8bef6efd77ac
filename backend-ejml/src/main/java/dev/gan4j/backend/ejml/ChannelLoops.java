package dev.gan4j.backend.ejml;

/**
 * The per-channel operations on row-major {@code [N, C, S]} arrays: a bias or scale per channel,
 * and sums, means and variances over the batch and the spatial positions of each channel.
 * Sums are accumulated in double precision, as the conformance suite's reference does.
 *
 * <p>Each channel of each sample is a run of S elements. The element-wise loops read and write
 * at the same index, which C2 vectorises. The sums keep eight double accumulators over
 * consecutive elements: a single one would wait on each addition's latency in turn (C2 keeps a
 * floating-point reduction in order, so it does not vectorise it).
 */
final class ChannelLoops {

    /** {@code out[n,c,s] = a[n,c,s] + v[c]} ({@code multiply}: times). */
    void apply(float[] a, float[] v, float[] out, int n, int c, int s, boolean multiply) {
        for (int b = 0; b < n; b++) {
            for (int ch = 0; ch < c; ch++) {
                int at = (b * c + ch) * s;
                if (multiply) {
                    scale(a, v[ch], out, at, at + s);
                } else {
                    shift(a, v[ch], out, at, at + s);
                }
            }
        }
    }

    private static void scale(float[] a, float x, float[] out, int from, int to) {
        for (int p = from; p < to; p++) {
            out[p] = a[p] * x;
        }
    }

    private static void shift(float[] a, float x, float[] out, int from, int to) {
        for (int p = from; p < to; p++) {
            out[p] = a[p] + x;
        }
    }

    /** {@code out[c] = Σ_{n,s} a[n,c,s] + beta·out[c]}. */
    void sum(float[] a, float beta, float[] out, int n, int c, int s) {
        for (int ch = 0; ch < c; ch++) {
            double sum = beta == 0f ? 0 : (double) beta * out[ch];
            out[ch] = (float) channelSum(a, n, c, s, ch, sum);
        }
    }

    /** Mean and biased variance per channel, two passes in double precision. */
    void meanVariance(float[] a, float[] mean, float[] variance, int n, int c, int s) {
        double m = (double) n * s;
        for (int ch = 0; ch < c; ch++) {
            double mu = channelSum(a, n, c, s, ch, 0) / m;
            double q = channelSquares(a, n, c, s, ch, mu);
            mean[ch] = (float) mu;
            variance[ch] = (float) (q / m);
        }
    }

    /** {@code Σ_{b,p} a[b,ch,p]} in double, from {@code start}. */
    private static double channelSum(float[] a, int n, int c, int s, int ch, double start) {
        double s0 = start;
        double s1 = 0;
        double s2 = 0;
        double s3 = 0;
        double s4 = 0;
        double s5 = 0;
        double s6 = 0;
        double s7 = 0;
        for (int b = 0; b < n; b++) {
            int p = (b * c + ch) * s;
            int end = p + s;
            for (; p + 7 < end; p += 8) {
                s0 += a[p];
                s1 += a[p + 1];
                s2 += a[p + 2];
                s3 += a[p + 3];
                s4 += a[p + 4];
                s5 += a[p + 5];
                s6 += a[p + 6];
                s7 += a[p + 7];
            }
            for (; p < end; p++) {
                s0 += a[p];
            }
        }
        return ((s0 + s1) + (s2 + s3)) + ((s4 + s5) + (s6 + s7));
    }

    /** {@code Σ_{b,p} (a[b,ch,p] − mu)²} in double. */
    private static double channelSquares(float[] a, int n, int c, int s, int ch, double mu) {
        double s0 = 0;
        double s1 = 0;
        double s2 = 0;
        double s3 = 0;
        for (int b = 0; b < n; b++) {
            int p = (b * c + ch) * s;
            int end = p + s;
            // four: each step's subtraction and square already overlap the additions' latency
            for (; p + 3 < end; p += 4) {
                double d0 = a[p] - mu;
                double d1 = a[p + 1] - mu;
                double d2 = a[p + 2] - mu;
                double d3 = a[p + 3] - mu;
                s0 += d0 * d0;
                s1 += d1 * d1;
                s2 += d2 * d2;
                s3 += d3 * d3;
            }
            for (; p < end; p++) {
                double d = a[p] - mu;
                s0 += d * d;
            }
        }
        return (s0 + s1) + (s2 + s3);
    }
}
