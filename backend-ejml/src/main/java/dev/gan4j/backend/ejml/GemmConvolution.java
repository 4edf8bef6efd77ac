package dev.gan4j.backend.ejml;

import dev.gan4j.api.ConvGeometry;
import java.util.Arrays;

/**
 * Convolution as matrix products on the backend's {@link GemmKernel} (im2col / col2im), over
 * row-major NCHW arrays. With {@code C·kh·kw} rows of patches ({@code R}) and {@code P = OH·OW}
 * output positions per sample, a group of {@code g} samples is laid out as the columns matrix
 * {@code cols[R, g·P]} (each column one output position's receptive field), and:
 * <ul>
 * <li>forward: {@code y[K, g·P] = W[K, R] · cols};
 * <li>input gradient: {@code cols = Wᵀ · dY[K, g·P]}, then col2im adds each column's values back
 *     to the input positions it was read from;
 * <li>weight gradient: {@code dW[K, R] += dY[K, g·P] · colsᵀ}.
 * </ul>
 * A group of one sample reads and writes its slices of x, y and dY in place (they are already
 * {@code [C, H·W]} and {@code [K, P]} blocks); larger groups stage dY or y through a scratch
 * {@code [K, g·P]} array, whose copies cost one pass over it. The group size keeps the columns
 * matrix within {@link #columnBudget} floats, so that it is written and read back while still in
 * cache, but lets small layers (few channels or positions) multiply whole batches at once, where
 * per-sample products would be too thin for the GEMM to run at speed.
 *
 * <p>A 1×1 kernel with stride 1 and no padding needs no columns matrix: each sample's
 * {@code x[C, H·W]} is already one.
 *
 * <p>The scratch arrays belong to this instance (one per backend), grow to the largest size
 * needed and are then reused, so no call allocates after warm-up. Not thread-safe, like the
 * backend.
 */
final class GemmConvolution {

    /** Floats of columns per product by default: 1 MB, half a typical L2 cache. */
    static final int DEFAULT_COLUMN_BUDGET = 1 << 18;

    private final GemmKernel gemm;
    private final int columnBudget;
    /** The columns matrix {@code [R, g·P]}. */
    private float[] columns = new float[0];
    /** y or dY of a group of samples as {@code [K, g·P]}. */
    private float[] staged = new float[0];
    /** The sizes of the call in progress, reused rather than allocated per call. */
    private final Shape shape = new Shape();

    GemmConvolution(GemmKernel gemm, int columnBudget) {
        this.gemm = gemm;
        this.columnBudget = columnBudget;
    }

    /** {@code y = conv(x, w)}; x {@code [N, C, H, W]}, w {@code [K, C, kh, kw]}, y {@code [N, K, OH, OW]}. */
    void forward(float[] x, int[] xs, float[] w, int[] ws, ConvGeometry g, float[] y, int[] ys) {
        Shape s = shape.set(xs, ws, ys, g);
        if (s.pointwise) {
            for (int b = 0; b < s.n; b++) {
                gemm.gemm(false, false, s.k, s.p, s.r, 1f, w, 0, x, b * s.c * s.hw, 0f, y, b * s.k * s.p);
            }
            return;
        }
        int group = group(s);
        float[] cols = columns(s, group);
        for (int b0 = 0; b0 < s.n; b0 += group) {
            int nb = Math.min(group, s.n - b0);
            im2col(x, b0, nb, s, g, cols);
            if (nb == 1) {
                gemm.gemm(false, false, s.k, s.p, s.r, 1f, w, 0, cols, 0, 0f, y, b0 * s.k * s.p);
            } else {
                float[] out = staged(s, nb);
                gemm.gemm(false, false, s.k, nb * s.p, s.r, 1f, w, 0, cols, 0, 0f, out, 0);
                unstage(out, y, b0, nb, s);
            }
        }
    }

    /** {@code dx = convᵀ(dy, w)}, overwriting dx {@code [N, C, H, W]}. */
    void backwardInput(float[] dy, int[] dys, float[] w, int[] ws, ConvGeometry g, float[] dx, int[] xs) {
        Shape s = shape.set(xs, ws, dys, g);
        if (s.pointwise) {
            for (int b = 0; b < s.n; b++) {
                gemm.gemm(true, false, s.r, s.p, s.k, 1f, w, 0, dy, b * s.k * s.p, 0f, dx, b * s.c * s.hw);
            }
            return;
        }
        int group = group(s);
        float[] cols = columns(s, group);
        for (int b0 = 0; b0 < s.n; b0 += group) {
            int nb = Math.min(group, s.n - b0);
            if (nb == 1) {
                gemm.gemm(true, false, s.r, s.p, s.k, 1f, w, 0, dy, b0 * s.k * s.p, 0f, cols, 0);
            } else {
                float[] in = staged(s, nb);
                stage(dy, b0, nb, s, in);
                gemm.gemm(true, false, s.r, nb * s.p, s.k, 1f, w, 0, in, 0, 0f, cols, 0);
            }
            col2im(cols, b0, nb, s, g, dx);
        }
    }

    /** {@code dw = beta·dw + Σ dy ⋆ x}; dw {@code [K, C, kh, kw]}. */
    void backwardWeight(float[] x, int[] xs, float[] dy, int[] dys, ConvGeometry g, float beta, float[] dw,
            int[] ws) {
        Shape s = shape.set(xs, ws, dys, g);
        float scale = beta;
        if (s.pointwise) {
            for (int b = 0; b < s.n; b++, scale = 1f) {
                gemm.gemm(false, true, s.k, s.r, s.p, 1f, dy, b * s.k * s.p, x, b * s.c * s.hw, scale, dw, 0);
            }
            return;
        }
        int group = group(s);
        float[] cols = columns(s, group);
        for (int b0 = 0; b0 < s.n; b0 += group, scale = 1f) {
            int nb = Math.min(group, s.n - b0);
            im2col(x, b0, nb, s, g, cols);
            if (nb == 1) {
                gemm.gemm(false, true, s.k, s.r, s.p, 1f, dy, b0 * s.k * s.p, cols, 0, scale, dw, 0);
            } else {
                float[] in = staged(s, nb);
                stage(dy, b0, nb, s, in);
                gemm.gemm(false, true, s.k, s.r, nb * s.p, 1f, in, 0, cols, 0, scale, dw, 0);
            }
        }
    }

    /** Samples per product: as many as fit the columns budget, at least one. */
    private int group(Shape s) {
        return Math.max(1, Math.min(s.n, columnBudget / (s.r * s.p)));
    }

    private float[] columns(Shape s, int group) {
        int size = s.r * s.p * group;
        if (columns.length < size) {
            columns = new float[size];
        }
        return columns;
    }

    private float[] staged(Shape s, int group) {
        int size = s.k * s.p * group;
        if (staged.length < size) {
            staged = new float[size];
        }
        return staged;
    }

    /** Samples {@code b0 .. b0+nb} of {@code src [N, K, P]} into {@code dst [K, nb·P]}. */
    private static void stage(float[] src, int b0, int nb, Shape s, float[] dst) {
        int p = s.p;
        for (int b = 0; b < nb; b++) {
            for (int o = 0; o < s.k; o++) {
                System.arraycopy(src, ((b0 + b) * s.k + o) * p, dst, (o * nb + b) * p, p);
            }
        }
    }

    /** The reverse of {@link #stage}. */
    private static void unstage(float[] src, float[] dst, int b0, int nb, Shape s) {
        int p = s.p;
        for (int b = 0; b < nb; b++) {
            for (int o = 0; o < s.k; o++) {
                System.arraycopy(src, (o * nb + b) * p, dst, ((b0 + b) * s.k + o) * p, p);
            }
        }
    }

    /**
     * {@code cols[(c·kh + i)·kw + j, b·P + oy·OW + ox] = x[b0 + b, c, oy·sh − ph + i, ox·sw − pw + j]},
     * zero where that falls in the padding. Rows are written in order, each a run of output rows
     * whose in-range part is a copy (stride 1) or a strided gather.
     */
    private static void im2col(float[] x, int b0, int nb, Shape s, ConvGeometry g, float[] cols) {
        int h = s.h, w = s.w, oh = s.oh, ow = s.ow, sh = g.strideHeight(), sw = g.strideWidth();
        int ph = g.padHeight(), pw = g.padWidth(), kh = g.kernelHeight(), kw = g.kernelWidth();
        int width = nb * s.p;
        for (int c = 0; c < s.c; c++) {
            for (int i = 0; i < kh; i++) {
                for (int j = 0; j < kw; j++) {
                    int row = ((c * kh + i) * kw + j) * width;
                    int lo = firstInside(j, pw, sw, ow);
                    int hi = endInside(j, pw, sw, w, ow);
                    for (int b = 0; b < nb; b++) {
                        int plane = ((b0 + b) * s.c + c) * s.hw;
                        for (int oy = 0; oy < oh; oy++) {
                            int at = row + b * s.p + oy * ow;
                            int r = oy * sh - ph + i;
                            if (r < 0 || r >= h || lo >= hi) {
                                Arrays.fill(cols, at, at + ow, 0f);
                                continue;
                            }
                            Arrays.fill(cols, at, at + lo, 0f);
                            int src = plane + r * w + lo * sw - pw + j;
                            if (sw == 1) {
                                System.arraycopy(x, src, cols, at + lo, hi - lo);
                            } else {
                                for (int ox = lo; ox < hi; ox++, src += sw) {
                                    cols[at + ox] = x[src];
                                }
                            }
                            Arrays.fill(cols, at + hi, at + ow, 0f);
                        }
                    }
                }
            }
        }
    }

    /**
     * Zeroes samples {@code b0 .. b0+nb} of dx, then adds each column value of {@code cols} to
     * the input position {@link #im2col} read it from.
     */
    private static void col2im(float[] cols, int b0, int nb, Shape s, ConvGeometry g, float[] dx) {
        int h = s.h, w = s.w, oh = s.oh, ow = s.ow, sh = g.strideHeight(), sw = g.strideWidth();
        int ph = g.padHeight(), pw = g.padWidth(), kh = g.kernelHeight(), kw = g.kernelWidth();
        int width = nb * s.p;
        Arrays.fill(dx, b0 * s.c * s.hw, (b0 + nb) * s.c * s.hw, 0f);
        for (int c = 0; c < s.c; c++) {
            for (int i = 0; i < kh; i++) {
                for (int j = 0; j < kw; j++) {
                    int row = ((c * kh + i) * kw + j) * width;
                    int lo = firstInside(j, pw, sw, ow);
                    int hi = endInside(j, pw, sw, w, ow);
                    if (lo >= hi) {
                        continue;
                    }
                    for (int b = 0; b < nb; b++) {
                        int plane = ((b0 + b) * s.c + c) * s.hw;
                        for (int oy = 0; oy < oh; oy++) {
                            int r = oy * sh - ph + i;
                            if (r < 0 || r >= h) {
                                continue;
                            }
                            int at = row + b * s.p + oy * ow;
                            int dst = plane + r * w + lo * sw - pw + j;
                            for (int ox = lo; ox < hi; ox++, dst += sw) {
                                dx[dst] += cols[at + ox];
                            }
                        }
                    }
                }
            }
        }
    }

    /** The first output column {@code ox} whose input column {@code ox·sw − pw + j} is ≥ 0. */
    private static int firstInside(int j, int pw, int sw, int ow) {
        int need = pw - j; // ox·sw ≥ need
        return need <= 0 ? 0 : Math.min(ow, (need + sw - 1) / sw);
    }

    /** One past the last output column whose input column {@code ox·sw − pw + j} is < w. */
    private static int endInside(int j, int pw, int sw, int w, int ow) {
        int limit = w - 1 + pw - j; // ox·sw ≤ limit
        return limit < 0 ? 0 : Math.min(ow, limit / sw + 1);
    }

    /** The sizes of one call: batch, channels, input plane, kernels, output plane, patch rows. */
    private static final class Shape {
        int n;
        int c;
        int h;
        int w;
        int hw;
        int k;
        int oh;
        int ow;
        int p;
        int r;
        boolean pointwise;

        Shape set(int[] xs, int[] ws, int[] ys, ConvGeometry g) {
            n = xs[0];
            c = xs[1];
            h = xs[2];
            w = xs[3];
            hw = h * w;
            k = ws[0];
            oh = ys[2];
            ow = ys[3];
            p = oh * ow;
            r = c * ws[2] * ws[3];
            pointwise = ws[2] == 1 && ws[3] == 1 && g.strideHeight() == 1 && g.strideWidth() == 1
                    && g.padHeight() == 0 && g.padWidth() == 0;
            return this;
        }
    }
}
