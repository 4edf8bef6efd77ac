package dev.gan4j.backend.ejml;

import java.util.Arrays;

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

    /** Accumulators per channel of the sums; {@link #SQUARE_LANES} for the squares. */
    private static final int LANES = 8;
    private static final int SQUARE_LANES = 4;
    /** Two sets of per-channel accumulators (or means), grown to the largest C and reused. */
    private final double[][] scratch = {new double[0], new double[0]};

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

    /**
     * Batch norm's forward pass in one pass: {@code xhat = (x + shift[c])·invStd[c]},
     * {@code out = xhat·gamma[c] + beta[c]}, each operation rounded to float as the four
     * {@link #apply} passes it replaces round it. Reads each element before writing it, so any of
     * the arrays may be the same.
     */
    void normalize(float[] x, float[] shift, float[] invStd, float[] gamma, float[] beta, float[] xhat, float[] out,
            int n, int c, int s) {
        for (int b = 0; b < n; b++) {
            for (int ch = 0; ch < c; ch++) {
                int at = (b * c + ch) * s;
                normalizeRun(x, shift[ch], invStd[ch], gamma[ch], beta[ch], xhat, out, at, at + s);
            }
        }
    }

    private static void normalizeRun(float[] x, float shift, float invStd, float gamma, float beta, float[] xhat,
            float[] out, int from, int to) {
        for (int p = from; p < to; p++) {
            float t = (x[p] + shift) * invStd;
            xhat[p] = t;
            out[p] = t * gamma + beta;
        }
    }

    /**
     * Batch norm's input gradient in one pass: {@code dx = (dy − xhat·a[c] + b[c])·scale[c]}, each
     * operation rounded to float as the passes it replaces round it ({@code dy − t} is IEEE's
     * {@code dy + (−1·t)}, the {@code axpby(1, dy, −1, t)} of the composition). Any of the arrays
     * may be the same.
     */
    void normalizedGradient(float[] dy, float[] xhat, float[] a, float[] b, float[] scale, float[] dx, int n, int c,
            int s) {
        for (int i = 0; i < n; i++) {
            for (int ch = 0; ch < c; ch++) {
                int at = (i * c + ch) * s;
                gradientRun(dy, xhat, a[ch], b[ch], scale[ch], dx, at, at + s);
            }
        }
    }

    private static void gradientRun(float[] dy, float[] xhat, float a, float b, float scale, float[] dx, int from,
            int to) {
        for (int p = from; p < to; p++) {
            dx[p] = (dy[p] - xhat[p] * a + b) * scale;
        }
    }

    /**
     * {@code sumDy[c] = Σ dy} and {@code sumDyXhat[c] = Σ (float) dy·xhat}, with the accumulators
     * and order of {@link #sum} (beta 0) for each, so the bits of two sums and a product pass; the
     * second sum reads each run of dy from L1, and no product is written.
     */
    void gradientSums(float[] dy, float[] xhat, float[] sumDy, float[] sumDyXhat, int n, int c, int s) {
        double[] sums = accumulators(0, c, LANES, null, 0f);
        double[] products = accumulators(1, c, LANES, null, 0f);
        for (int b = 0, at = 0; b < n; b++) {
            for (int ch = 0; ch < c; ch++, at += s) {
                addRun(dy, at, at + s, sums, ch * LANES);
                addProductRun(dy, xhat, at, at + s, products, ch * LANES);
            }
        }
        for (int ch = 0; ch < c; ch++) {
            sumDy[ch] = (float) total(sums, ch * LANES);
            sumDyXhat[ch] = (float) total(products, ch * LANES);
        }
    }

    /** {@code out[c] = Σ_{n,s} a[n,c,s] + beta·out[c]}. */
    void sum(float[] a, float beta, float[] out, int n, int c, int s) {
        double[] sums = accumulators(0, c, LANES, out, beta);
        for (int b = 0, at = 0; b < n; b++) {
            for (int ch = 0; ch < c; ch++, at += s) {
                addRun(a, at, at + s, sums, ch * LANES);
            }
        }
        for (int ch = 0; ch < c; ch++) {
            out[ch] = (float) total(sums, ch * LANES);
        }
    }

    /** Mean and biased variance per channel, two passes in double precision. */
    void meanVariance(float[] a, float[] mean, float[] variance, int n, int c, int s) {
        double m = (double) n * s;
        double[] sums = accumulators(0, c, LANES, null, 0f);
        for (int b = 0, at = 0; b < n; b++) {
            for (int ch = 0; ch < c; ch++, at += s) {
                addRun(a, at, at + s, sums, ch * LANES);
            }
        }
        double[] mu = accumulators(1, c, 1, null, 0f);
        for (int ch = 0; ch < c; ch++) {
            mu[ch] = total(sums, ch * LANES) / m;
        }
        double[] squares = accumulators(0, c, SQUARE_LANES, null, 0f);
        for (int b = 0, at = 0; b < n; b++) {
            for (int ch = 0; ch < c; ch++, at += s) {
                addSquaresRun(a, at, at + s, mu[ch], squares, ch * SQUARE_LANES);
            }
        }
        for (int ch = 0; ch < c; ch++) {
            int q = ch * SQUARE_LANES;
            mean[ch] = (float) mu[ch];
            variance[ch] = (float) (((squares[q] + squares[q + 1]) + (squares[q + 2] + squares[q + 3])) / m);
        }
    }

    /**
     * Scratch array {@code slot} (0 or 1) with {@code lanes} zeroed accumulators per channel; with
     * {@code old}, each channel's first one starts at {@code beta·old[c]} (none when beta is 0).
     */
    private double[] accumulators(int slot, int c, int lanes, float[] old, float beta) {
        int size = c * lanes;
        if (scratch[slot].length < size) {
            scratch[slot] = new double[size];
        }
        double[] acc = scratch[slot];
        Arrays.fill(acc, 0, size, 0);
        if (old != null && beta != 0f) {
            for (int ch = 0; ch < c; ch++) {
                acc[ch * lanes] = (double) beta * old[ch];
            }
        }
        return acc;
    }

    /** The eight accumulators at {@code at} summed pairwise, in a fixed order. */
    private static double total(double[] acc, int at) {
        return ((acc[at] + acc[at + 1]) + (acc[at + 2] + acc[at + 3]))
                + ((acc[at + 4] + acc[at + 5]) + (acc[at + 6] + acc[at + 7]));
    }

    /** Adds {@code a[from..to)} to the eight accumulators at {@code at}: element k of each block of eight to the k-th, the tail to the first. */
    private static void addRun(float[] a, int from, int to, double[] acc, int at) {
        double s0 = acc[at];
        double s1 = acc[at + 1];
        double s2 = acc[at + 2];
        double s3 = acc[at + 3];
        double s4 = acc[at + 4];
        double s5 = acc[at + 5];
        double s6 = acc[at + 6];
        double s7 = acc[at + 7];
        int p = from;
        for (; p + 7 < to; p += 8) {
            s0 += a[p];
            s1 += a[p + 1];
            s2 += a[p + 2];
            s3 += a[p + 3];
            s4 += a[p + 4];
            s5 += a[p + 5];
            s6 += a[p + 6];
            s7 += a[p + 7];
        }
        for (; p < to; p++) {
            s0 += a[p];
        }
        acc[at] = s0;
        acc[at + 1] = s1;
        acc[at + 2] = s2;
        acc[at + 3] = s3;
        acc[at + 4] = s4;
        acc[at + 5] = s5;
        acc[at + 6] = s6;
        acc[at + 7] = s7;
    }

    /** As {@link #addRun}, for the float products {@code a[p]·b[p]}. */
    private static void addProductRun(float[] a, float[] b, int from, int to, double[] acc, int at) {
        double s0 = acc[at];
        double s1 = acc[at + 1];
        double s2 = acc[at + 2];
        double s3 = acc[at + 3];
        double s4 = acc[at + 4];
        double s5 = acc[at + 5];
        double s6 = acc[at + 6];
        double s7 = acc[at + 7];
        int p = from;
        for (; p + 7 < to; p += 8) {
            s0 += a[p] * b[p];
            s1 += a[p + 1] * b[p + 1];
            s2 += a[p + 2] * b[p + 2];
            s3 += a[p + 3] * b[p + 3];
            s4 += a[p + 4] * b[p + 4];
            s5 += a[p + 5] * b[p + 5];
            s6 += a[p + 6] * b[p + 6];
            s7 += a[p + 7] * b[p + 7];
        }
        for (; p < to; p++) {
            s0 += a[p] * b[p];
        }
        acc[at] = s0;
        acc[at + 1] = s1;
        acc[at + 2] = s2;
        acc[at + 3] = s3;
        acc[at + 4] = s4;
        acc[at + 5] = s5;
        acc[at + 6] = s6;
        acc[at + 7] = s7;
    }

    /** Adds {@code (a[p] − mu)²} over {@code [from, to)} to the four accumulators at {@code at}, the tail to the first. */
    private static void addSquaresRun(float[] a, int from, int to, double mu, double[] acc, int at) {
        double s0 = acc[at];
        double s1 = acc[at + 1];
        double s2 = acc[at + 2];
        double s3 = acc[at + 3];
        int p = from;
        // four: each step's subtraction and square already overlap the additions' latency
        for (; p + 3 < to; p += 4) {
            double d0 = a[p] - mu;
            double d1 = a[p + 1] - mu;
            double d2 = a[p + 2] - mu;
            double d3 = a[p + 3] - mu;
            s0 += d0 * d0;
            s1 += d1 * d1;
            s2 += d2 * d2;
            s3 += d3 * d3;
        }
        for (; p < to; p++) {
            double d = a[p] - mu;
            s0 += d * d;
        }
        acc[at] = s0;
        acc[at + 1] = s1;
        acc[at + 2] = s2;
        acc[at + 3] = s3;
    }
}
