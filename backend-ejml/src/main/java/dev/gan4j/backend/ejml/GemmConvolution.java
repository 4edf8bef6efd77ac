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
 * <p>When a patch row ({@code kw·C} values) is long ({@link #CHANNELS_LAST_RUN}), the patches
 * are laid out the other way, as rows {@code [g·P, R]} with R in {@code (i, j, c)} order
 * ({@link #im2rows}): the group is copied once into zero-bordered channels-last planes, where a
 * patch row is contiguous, so gathering is kh copies per output position and the input
 * gradient adds whole runs, instead of element-by-element gathers and scatters that cost
 * 0.32–0.39 of the GEMM's time for the DCGAN's 64→128 layer (0.15–0.20 this way). The weight
 * is permuted to {@code [K, kh, kw, C]} per call (small), and the products are
 * {@code yᵀ = rows · W'ᵀ}, {@code rows = dYᵀ · W'} and {@code dW' = dY · rows}.
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

    /**
     * Output positions per sample from which a per-sample product is as fast as a grouped one
     * (measured with OpenBLAS: a sample of the DCGAN's 14×14 outputs ran fastest alone, one of
     * its 7×7 outputs in groups).
     */
    static final int WIDE_ENOUGH = 128;

    /**
     * Patch-row length ({@code kw·C}) from which patches are gathered channels-last: as copies of
     * that many floats rather than element by element.
     */
    static final int CHANNELS_LAST_RUN = 32;

    private final GemmKernel gemm;
    private final int columnBudget;
    /** The columns matrix {@code [R, g·P]}. */
    private float[] columns = new float[0];
    /** y or dY of a group of samples as {@code [K, g·P]}. */
    private float[] staged = new float[0];
    /** One zero-bordered input plane for {@link #im2col} and {@link #col2im}. */
    private float[] plane = new float[0];
    /** Where each output position's patch starts in {@link #plane}. */
    private int[] offsets = new int[0];
    /** A group's input (or input gradient) as zero-bordered channels-last planes. */
    private float[] channelsLast = new float[0];
    /** One padded row of {@link #rows2im}'s sums, and the addends at their places in it. */
    private float[] runSum = new float[0];
    private float[] runAddend = new float[0];
    /** The weight, or its gradient, in channels-last order. */
    private float[] weights = new float[0];
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
        if (s.channelsLast) {
            float[] wp = weightsChannelsLast(w, s, g);
            float[] out = staged(s, group);
            for (int b0 = 0; b0 < s.n; b0 += group) {
                int nb = Math.min(group, s.n - b0);
                im2rows(x, b0, nb, s, g, cols);
                // yᵀ [nb·P, K] = rows [nb·P, R] · W'ᵀ: this orientation measured faster than W'·rowsᵀ
                gemm.gemm(false, true, nb * s.p, s.k, s.r, 1f, cols, 0, wp, 0, 0f, out, 0);
                untranspose(out, y, b0, nb, s);
            }
            return;
        }
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
        if (s.channelsLast) {
            float[] wp = weightsChannelsLast(w, s, g);
            float[] in = staged(s, group);
            for (int b0 = 0; b0 < s.n; b0 += group) {
                int nb = Math.min(group, s.n - b0);
                stage(dy, b0, nb, s, in);
                // rows [nb·P, R] = dYᵀ · W', dY staged as [K, nb·P]
                gemm.gemm(true, false, nb * s.p, s.r, s.k, 1f, in, 0, wp, 0, 0f, cols, 0);
                rows2im(cols, b0, nb, s, g, dx);
            }
            return;
        }
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
        if (s.channelsLast) {
            float[] dwp = weightScratch(s, g);
            float[] in = staged(s, group);
            for (int b0 = 0; b0 < s.n; b0 += group) {
                int nb = Math.min(group, s.n - b0);
                im2rows(x, b0, nb, s, g, cols);
                stage(dy, b0, nb, s, in);
                // dW' [K, R] (+)= dY [K, nb·P] · rows [nb·P, R]
                gemm.gemm(false, false, s.k, s.r, nb * s.p, 1f, in, 0, cols, 0, b0 == 0 ? 0f : 1f, dwp, 0);
            }
            weightsChannelsFirst(dwp, beta, dw, s, g);
            return;
        }
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

    /**
     * Samples per product. One when a sample has {@link #WIDE_ENOUGH} output positions: the
     * products are then wide enough on their own, and y and dY need no staging. Otherwise as many
     * as the columns budget holds, the batch split evenly (a last group of a few samples would be
     * a thin product again).
     */
    private int group(Shape s) {
        if (s.p >= WIDE_ENOUGH) {
            return 1;
        }
        int most = Math.max(1, Math.min(s.n, columnBudget / (s.r * s.p)));
        int groups = (s.n + most - 1) / most;
        return (s.n + groups - 1) / groups;
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
     * zero where that falls in the padding. Each input plane is first copied into a zero-bordered
     * plane, where every output position's patch is in range: each row of cols is then one
     * gather through the {@link #offsets} table, without the bounds tests and short runs (OW
     * elements between calls) of direct indexing, which cost more than the copy.
     */
    private void im2col(float[] x, int b0, int nb, Shape s, ConvGeometry g, float[] cols) {
        int kh = g.kernelHeight(), kw = g.kernelWidth();
        int width = nb * s.p;
        float[] pad = padded(s);
        int[] off = offsets(s, g);
        Arrays.fill(pad, 0, s.planeSize, 0f);
        for (int b = 0; b < nb; b++) {
            for (int c = 0; c < s.c; c++) {
                int plane = ((b0 + b) * s.c + c) * s.hw;
                for (int r = 0; r < s.h; r++) {
                    System.arraycopy(x, plane + r * s.w, pad, (r + g.padHeight()) * s.pw + g.padWidth(), s.w);
                }
                for (int i = 0; i < kh; i++) {
                    for (int j = 0; j < kw; j++) {
                        int at = ((c * kh + i) * kw + j) * width + b * s.p;
                        int from = i * s.pw + j;
                        for (int q = 0; q < s.p; q++) {
                            cols[at + q] = pad[from + off[q]];
                        }
                    }
                }
            }
        }
    }

    /**
     * Overwrites samples {@code b0 .. b0+nb} of dx with the sums of the column values of
     * {@code cols} over the input positions {@link #im2col} reads them from: accumulated in a
     * zero-bordered plane, as there, whose interior is then copied out.
     */
    private void col2im(float[] cols, int b0, int nb, Shape s, ConvGeometry g, float[] dx) {
        int kh = g.kernelHeight(), kw = g.kernelWidth();
        int width = nb * s.p;
        float[] pad = padded(s);
        int[] off = offsets(s, g);
        for (int b = 0; b < nb; b++) {
            for (int c = 0; c < s.c; c++) {
                Arrays.fill(pad, 0, s.planeSize, 0f);
                for (int i = 0; i < kh; i++) {
                    for (int j = 0; j < kw; j++) {
                        int at = ((c * kh + i) * kw + j) * width + b * s.p;
                        int to = i * s.pw + j;
                        for (int q = 0; q < s.p; q++) {
                            pad[to + off[q]] += cols[at + q];
                        }
                    }
                }
                int plane = ((b0 + b) * s.c + c) * s.hw;
                for (int r = 0; r < s.h; r++) {
                    System.arraycopy(pad, (r + g.padHeight()) * s.pw + g.padWidth(), dx, plane + r * s.w, s.w);
                }
            }
        }
    }

    // ---- channels last: patches as rows of R = (i, j, c) ---------------------------------------

    /**
     * {@code rows[b·P + oy·OW + ox, (i·kw + j)·C + c] = x[b0 + b, c, oy·sh − ph + i, ox·sw − pw + j]}:
     * the group is first copied channels-last into zero-bordered planes, where a patch row's
     * {@code kw·C} values are contiguous, so each row of the result is kh copies.
     */
    private void im2rows(float[] x, int b0, int nb, Shape s, ConvGeometry g, float[] rows) {
        float[] xp = toChannelsLast(x, b0, nb, s, g);
        int run = g.kernelWidth() * s.c;
        int rowStep = s.pw * s.c;
        for (int b = 0; b < nb; b++) {
            for (int oy = 0; oy < s.oh; oy++) {
                for (int ox = 0; ox < s.ow; ox++) {
                    int dst = (b * s.p + oy * s.ow + ox) * s.r;
                    int src = ((b * s.ph + oy * g.strideHeight()) * s.pw + ox * g.strideWidth()) * s.c;
                    for (int i = 0; i < g.kernelHeight(); i++, dst += run, src += rowStep) {
                        System.arraycopy(xp, src, rows, dst, run);
                    }
                }
            }
        }
    }

    /**
     * The reverse of {@link #im2rows}: sums each row's values into the input positions, overwriting
     * dx. One padded row of the planes at a time ({@code y = oy·sh + i}): it is copied to index 0
     * of a scratch row, each output position's run is copied to its own place in a second one, and
     * the runs are added at the same indices, which C2 vectorises (it does not vectorise
     * {@code xp[dst + t] += rows[src + t]}, as it cannot rule out that they overlap). Each input
     * position still receives its values in the order of {@code (oy, ox)}: those from one
     * {@code oy} share i, so taking i before ox changes no sum.
     */
    private void rows2im(float[] rows, int b0, int nb, Shape s, ConvGeometry g, float[] dx) {
        float[] xp = bordered(s, nb);
        int rowLength = s.pw * s.c;
        if (runSum.length < rowLength) {
            runSum = new float[rowLength];
            runAddend = new float[rowLength];
        }
        float[] sum = runSum;
        float[] addend = runAddend;
        Arrays.fill(xp, 0, nb * s.planeSize * s.c, 0f);
        int run = g.kernelWidth() * s.c;
        int step = g.strideWidth() * s.c;
        for (int b = 0; b < nb; b++) {
            for (int oy = 0; oy < s.oh; oy++) {
                for (int i = 0; i < g.kernelHeight(); i++) {
                    int row = (b * s.ph + oy * g.strideHeight() + i) * rowLength;
                    System.arraycopy(xp, row, sum, 0, rowLength);
                    for (int ox = 0, at = 0; ox < s.ow; ox++, at += step) {
                        System.arraycopy(rows, (b * s.p + oy * s.ow + ox) * s.r + i * run, addend, at, run);
                        addInPlace(sum, addend, at, at + run);
                    }
                    System.arraycopy(sum, 0, xp, row, rowLength);
                }
            }
        }
        for (int b = 0; b < nb; b++) {
            for (int c = 0; c < s.c; c++) {
                int plane = ((b0 + b) * s.c + c) * s.hw;
                for (int r = 0; r < s.h; r++) {
                    int src = ((b * s.ph + r + g.padHeight()) * s.pw + g.padWidth()) * s.c + c;
                    int to = plane + r * s.w;
                    for (int q = 0; q < s.w; q++, src += s.c) {
                        dx[to + q] = xp[src];
                    }
                }
            }
        }
    }

    private static void addInPlace(float[] sum, float[] addend, int from, int to) {
        for (int t = from; t < to; t++) {
            sum[t] += addend[t];
        }
    }

    /**
     * Samples {@code b0 .. b0+nb} of x as zero-bordered channels-last planes {@code [nb, PH, PW, C]}.
     * Only the border is zeroed, the interior being overwritten: a quarter of the DCGAN's 16×16
     * planes. (Writing a row, or eight channels, at a time instead of a channel at a time measured
     * slower: x comes from beyond L2, and those orders break its sequential reads.)
     */
    private float[] toChannelsLast(float[] x, int b0, int nb, Shape s, ConvGeometry g) {
        float[] xp = bordered(s, nb);
        int rowLength = s.pw * s.c;
        int left = g.padWidth() * s.c;
        int right = (g.padWidth() + s.w) * s.c;
        for (int b = 0; b < nb; b++) {
            int sample = b * s.ph * rowLength;
            Arrays.fill(xp, sample, sample + g.padHeight() * rowLength, 0f);
            Arrays.fill(xp, sample + (g.padHeight() + s.h) * rowLength, sample + s.ph * rowLength, 0f);
            for (int r = g.padHeight(), row = sample + r * rowLength; r < g.padHeight() + s.h; r++, row += rowLength) {
                Arrays.fill(xp, row, row + left, 0f);
                Arrays.fill(xp, row + right, row + rowLength, 0f);
            }
        }
        for (int b = 0; b < nb; b++) {
            for (int c = 0; c < s.c; c++) {
                int plane = ((b0 + b) * s.c + c) * s.hw;
                for (int r = 0; r < s.h; r++) {
                    int dst = ((b * s.ph + r + g.padHeight()) * s.pw + g.padWidth()) * s.c + c;
                    int from = plane + r * s.w;
                    for (int q = 0; q < s.w; q++, dst += s.c) {
                        xp[dst] = x[from + q];
                    }
                }
            }
        }
        return xp;
    }

    /** {@code y[b0 + b, o, p] = t[b·P + p, o]}: a group's {@code yᵀ} back to NCHW. */
    private static void untranspose(float[] t, float[] y, int b0, int nb, Shape s) {
        for (int b = 0; b < nb; b++) {
            for (int o = 0; o < s.k; o++) {
                int to = ((b0 + b) * s.k + o) * s.p;
                for (int p = 0, from = b * s.p * s.k + o; p < s.p; p++, from += s.k) {
                    y[to + p] = t[from];
                }
            }
        }
    }

    /** w {@code [K, C, kh, kw]} as {@code W' [K, kh, kw, C]}, the column order of {@link #im2rows}. */
    private float[] weightsChannelsLast(float[] w, Shape s, ConvGeometry g) {
        float[] wp = weightScratch(s, g);
        int taps = g.kernelHeight() * g.kernelWidth();
        for (int o = 0; o < s.k; o++) {
            for (int c = 0; c < s.c; c++) {
                int from = (o * s.c + c) * taps;
                for (int t = 0; t < taps; t++) {
                    wp[(o * taps + t) * s.c + c] = w[from + t];
                }
            }
        }
        return wp;
    }

    /** {@code dw = beta·dw + dW'} with dW' in the order of {@link #weightsChannelsLast}; beta 0 ignores dw. */
    private static void weightsChannelsFirst(float[] dwp, float beta, float[] dw, Shape s, ConvGeometry g) {
        int taps = g.kernelHeight() * g.kernelWidth();
        for (int o = 0; o < s.k; o++) {
            for (int c = 0; c < s.c; c++) {
                int to = (o * s.c + c) * taps;
                for (int t = 0; t < taps; t++) {
                    float v = dwp[(o * taps + t) * s.c + c];
                    dw[to + t] = beta == 0f ? v : beta * dw[to + t] + v;
                }
            }
        }
    }

    private float[] bordered(Shape s, int nb) {
        int size = nb * s.planeSize * s.c;
        if (channelsLast.length < size) {
            channelsLast = new float[size];
        }
        return channelsLast;
    }

    private float[] weightScratch(Shape s, ConvGeometry g) {
        int size = s.k * s.r;
        if (weights.length < size) {
            weights = new float[size];
        }
        return weights;
    }

    /**
     * The zero-bordered plane: the input at rows {@code ph ..} and columns {@code pw ..}, large
     * enough for every patch ({@code (OH−1)·sh + kh} rows) and for the input (a transposed
     * convolution's output padding can make the input larger than the patches reach).
     */
    private float[] padded(Shape s) {
        if (plane.length < s.planeSize) {
            plane = new float[s.planeSize];
        }
        return plane;
    }

    /** {@code off[oy·OW + ox] = oy·sh·PW + ox·sw}: where each output position's patch starts in the padded plane. */
    private int[] offsets(Shape s, ConvGeometry g) {
        if (offsets.length < s.p) {
            offsets = new int[s.p];
        }
        int[] off = offsets;
        for (int oy = 0; oy < s.oh; oy++) {
            for (int ox = 0; ox < s.ow; ox++) {
                off[oy * s.ow + ox] = oy * g.strideHeight() * s.pw + ox * g.strideWidth();
            }
        }
        return off;
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
        /** Height, width and element count of the zero-bordered plane. */
        int ph;
        int pw;
        int planeSize;
        boolean pointwise;
        /** Whether patches are gathered channels-last ({@link #im2rows}): when a patch row is long enough to copy. */
        boolean channelsLast;

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
            ph = Math.max(h + 2 * g.padHeight(), (oh - 1) * g.strideHeight() + ws[2]);
            pw = Math.max(w + 2 * g.padWidth(), (ow - 1) * g.strideWidth() + ws[3]);
            planeSize = ph * pw;
            pointwise = ws[2] == 1 && ws[3] == 1 && g.strideHeight() == 1 && g.strideWidth() == 1
                    && g.padHeight() == 0 && g.padWidth() == 0;
            channelsLast = !pointwise && c * ws[3] >= CHANNELS_LAST_RUN;
            return this;
        }
    }
}
