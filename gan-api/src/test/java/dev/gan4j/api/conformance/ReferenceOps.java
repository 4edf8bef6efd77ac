package dev.gan4j.api.conformance;

import dev.gan4j.api.BinaryOp;
import dev.gan4j.api.ConvGeometry;
import dev.gan4j.api.UnaryOp;

/**
 * Plain-Java reference for every {@link dev.gan4j.api.Backend} operation: naive loops in double
 * precision over row-major {@code rows × columns} arrays, written to be obviously correct rather
 * than fast. Element-wise functions are {@link UnaryOp#apply}, {@link UnaryOp#derivative} and
 * {@link BinaryOp#apply}, the definitions backends must agree with.
 *
 * <p>Inputs are float arrays (what a backend actually holds); results are double arrays. For the
 * reductions ({@link #gemm}, {@link #sumColumns}, {@link #sum}) a companion method gives the sum of
 * the absolute values of the terms, which bounds float round-off and sets the tolerance.
 */
public final class ReferenceOps {

    private ReferenceOps() {
    }

    /** Element {@code (i, j)} of {@code op(x)}, where {@code x} is stored as {@code rows × cols}. */
    private static double at(float[] x, int cols, boolean transposed, int i, int j) {
        return transposed ? x[j * cols + i] : x[i * cols + j];
    }

    /**
     * {@code alpha·op(a)·op(b) + beta·c}, {@code m × n}; with {@code beta == 0} the old {@code c} is
     * ignored (it may hold NaN). {@code a} is stored {@code aRows × aCols}, {@code b}
     * {@code bRows × bCols}.
     */
    public static double[] gemm(boolean transposeA, boolean transposeB, double alpha, float[] a, int aRows,
            int aCols, float[] b, int bRows, int bCols, double beta, float[] c) {
        return gemm(transposeA, transposeB, alpha, a, aRows, aCols, b, bRows, bCols, beta, c, false);
    }

    /** Σ of the absolute values of the terms {@link #gemm} adds up, element by element. */
    public static double[] gemmMagnitude(boolean transposeA, boolean transposeB, double alpha, float[] a,
            int aRows, int aCols, float[] b, int bRows, int bCols, double beta, float[] c) {
        return gemm(transposeA, transposeB, alpha, a, aRows, aCols, b, bRows, bCols, beta, c, true);
    }

    private static double[] gemm(boolean transposeA, boolean transposeB, double alpha, float[] a, int aRows,
            int aCols, float[] b, int bRows, int bCols, double beta, float[] c, boolean magnitude) {
        int m = transposeA ? aCols : aRows;
        int k = transposeA ? aRows : aCols;
        int n = transposeB ? bRows : bCols;
        if ((transposeB ? bCols : bRows) != k) {
            throw new IllegalArgumentException("reference gemm: inner dimensions differ");
        }
        double[] out = new double[m * n];
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                double s = 0;
                for (int q = 0; q < k; q++) {
                    double term = alpha * at(a, aCols, transposeA, i, q) * at(b, bCols, transposeB, q, j);
                    s += magnitude ? Math.abs(term) : term;
                }
                if (beta != 0) {
                    double old = beta * c[i * n + j];
                    s += magnitude ? Math.abs(old) : old;
                }
                out[i * n + j] = s;
            }
        }
        return out;
    }

    /** {@code a[i,j] + row[j]}. */
    public static double[] addRowVector(float[] a, int rows, int cols, float[] row) {
        double[] out = new double[rows * cols];
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < cols; j++) {
                out[i * cols + j] = (double) a[i * cols + j] + row[j];
            }
        }
        return out;
    }

    /** {@code a[i,j] · row[j]}. */
    public static double[] mulRowVector(float[] a, int rows, int cols, float[] row) {
        double[] out = new double[rows * cols];
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < cols; j++) {
                out[i * cols + j] = (double) a[i * cols + j] * row[j];
            }
        }
        return out;
    }

    /** {@code Σ_j a[i,j]}, or its mean over the row, or (with {@code magnitude}) {@code Σ_j |a[i,j]|}. */
    public static double[] rowSums(float[] a, int rows, int cols, boolean mean, boolean magnitude) {
        double[] out = new double[rows];
        for (int i = 0; i < rows; i++) {
            double s = 0;
            for (int j = 0; j < cols; j++) {
                s += magnitude ? Math.abs(a[i * cols + j]) : a[i * cols + j];
            }
            out[i] = mean ? s / cols : s;
        }
        return out;
    }

    /** Per-column mean (first {@code cols} values) and biased variance (next {@code cols}). */
    public static double[] columnMeanVariance(float[] a, int rows, int cols) {
        double[] out = new double[2 * cols];
        for (int j = 0; j < cols; j++) {
            double s = 0;
            for (int i = 0; i < rows; i++) {
                s += a[i * cols + j];
            }
            double mean = s / rows;
            double q = 0;
            for (int i = 0; i < rows; i++) {
                double d = a[i * cols + j] - mean;
                q += d * d;
            }
            out[j] = mean;
            out[cols + j] = q / rows;
        }
        return out;
    }

    /** {@code Σ_i a[i,j] + beta·out[j]}; with {@code beta == 0} the old {@code out} is ignored. */
    public static double[] sumColumns(float[] a, int rows, int cols, double beta, float[] out) {
        return sumColumns(a, rows, cols, beta, out, false);
    }

    /** Σ of the absolute values of the terms {@link #sumColumns} adds up. */
    public static double[] sumColumnsMagnitude(float[] a, int rows, int cols, double beta, float[] out) {
        return sumColumns(a, rows, cols, beta, out, true);
    }

    private static double[] sumColumns(float[] a, int rows, int cols, double beta, float[] out, boolean magnitude) {
        double[] result = new double[cols];
        for (int j = 0; j < cols; j++) {
            double s = 0;
            for (int i = 0; i < rows; i++) {
                s += magnitude ? Math.abs(a[i * cols + j]) : a[i * cols + j];
            }
            if (beta != 0) {
                s += magnitude ? Math.abs(beta * out[j]) : beta * out[j];
            }
            result[j] = s;
        }
        return result;
    }

    /** Σ x. */
    public static double sum(float[] x) {
        double s = 0;
        for (float v : x) {
            s += v;
        }
        return s;
    }

    /** Σ |x|. */
    public static double sumMagnitude(float[] x) {
        double s = 0;
        for (float v : x) {
            s += Math.abs(v);
        }
        return s;
    }

    /** {@code f(x; p)} element-wise. */
    public static double[] unary(UnaryOp op, double p, float[] x) {
        double[] out = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            out[i] = op.apply(x[i], p);
        }
        return out;
    }

    /** {@code gradOut · f'(x; p)} element-wise, the derivative given both x and y. */
    public static double[] unaryBackward(UnaryOp op, double p, float[] x, float[] y, float[] gradOut) {
        double[] out = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            out[i] = gradOut[i] * op.derivative(x[i], y[i], p);
        }
        return out;
    }

    /** {@code a ∘ b} element-wise. */
    public static double[] binary(BinaryOp op, float[] a, float[] b) {
        double[] out = new double[a.length];
        for (int i = 0; i < a.length; i++) {
            out[i] = op.apply(a[i], b[i]);
        }
        return out;
    }

    /** {@code alpha·a + beta·b}. */
    public static double[] axpby(double alpha, float[] a, double beta, float[] b) {
        double[] out = new double[a.length];
        for (int i = 0; i < a.length; i++) {
            out[i] = alpha * a[i] + beta * b[i];
        }
        return out;
    }

    /** {@code scale·a + shift}. */
    public static double[] affine(double scale, double shift, float[] a) {
        double[] out = new double[a.length];
        for (int i = 0; i < a.length; i++) {
            out[i] = scale * a[i] + shift;
        }
        return out;
    }

    /** {@code min(max(a, lo), hi)}. */
    public static double[] clip(double lo, double hi, float[] a) {
        double[] out = new double[a.length];
        for (int i = 0; i < a.length; i++) {
            out[i] = Math.min(Math.max(a[i], lo), hi);
        }
        return out;
    }

    /** Rows {@code indices[offset + k]} of {@code a} for {@code k < count}. */
    public static double[] gatherRows(float[] a, int cols, int[] indices, int offset, int count) {
        double[] out = new double[count * cols];
        for (int k = 0; k < count; k++) {
            for (int j = 0; j < cols; j++) {
                out[k * cols + j] = a[indices[offset + k] * cols + j];
            }
        }
        return out;
    }

    /** Rows {@code from .. from + count} of {@code a}. */
    public static double[] sliceRows(float[] a, int cols, int from, int count) {
        int[] indices = new int[count];
        for (int k = 0; k < count; k++) {
            indices[k] = from + k;
        }
        return gatherRows(a, cols, indices, 0, count);
    }

    /** The rows of {@code top} followed by those of {@code bottom} (both with the same columns). */
    public static double[] concatRows(float[] top, float[] bottom) {
        double[] out = new double[top.length + bottom.length];
        for (int i = 0; i < top.length; i++) {
            out[i] = top[i];
        }
        for (int i = 0; i < bottom.length; i++) {
            out[top.length + i] = bottom[i];
        }
        return out;
    }

    /** Each row of {@code left} ({@code rows × leftCols}) followed by that of {@code right}. */
    public static double[] concatColumns(float[] left, int leftCols, float[] right, int rightCols, int rows) {
        int cols = leftCols + rightCols;
        double[] out = new double[rows * cols];
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < cols; j++) {
                out[i * cols + j] = j < leftCols ? left[i * leftCols + j] : right[i * rightCols + j - leftCols];
            }
        }
        return out;
    }

    /** Columns {@code from .. from + count} of every row of {@code a} ({@code rows × cols}). */
    public static double[] sliceColumns(float[] a, int rows, int cols, int from, int count) {
        double[] out = new double[rows * count];
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < count; j++) {
                out[i * count + j] = a[i * cols + from + j];
            }
        }
        return out;
    }
    // ---- convolution (NCHW) and per-channel ------------------------------------------------

    /**
     * {@code conv2d} and its magnitude: element {@code i} of the result is the output, element
     * {@code size + i} the sum of the absolute values of its terms. Shapes: input
     * {@code [n, c, h, w]}, weight {@code [k, c, kh, kw]}, output {@code [n, k, oh, ow]}.
     */
    public static double[] conv2d(float[] x, int[] xs, float[] wt, int[] ws, ConvGeometry g) {
        int n = xs[0], c = xs[1], h = xs[2], w = xs[3], k = ws[0], kh = ws[2], kw = ws[3];
        int oh = g.outputHeight(h), ow = g.outputWidth(w);
        int size = n * k * oh * ow;
        double[] out = new double[2 * size];
        for (int b = 0; b < n; b++) {
            for (int o = 0; o < k; o++) {
                for (int y = 0; y < oh; y++) {
                    for (int z = 0; z < ow; z++) {
                        double s = 0, m = 0;
                        for (int ch = 0; ch < c; ch++) {
                            for (int i = 0; i < kh; i++) {
                                for (int j = 0; j < kw; j++) {
                                    int r = y * g.strideHeight() - g.padHeight() + i;
                                    int q = z * g.strideWidth() - g.padWidth() + j;
                                    if (r >= 0 && r < h && q >= 0 && q < w) {
                                        double t = (double) wt[((o * c + ch) * kh + i) * kw + j]
                                                * x[((b * c + ch) * h + r) * w + q];
                                        s += t;
                                        m += Math.abs(t);
                                    }
                                }
                            }
                        }
                        int at = ((b * k + o) * oh + y) * ow + z;
                        out[at] = s;
                        out[size + at] = m;
                    }
                }
            }
        }
        return out;
    }

    /**
     * {@code conv2dBackwardInput} and its magnitude (layout as {@link #conv2d}): the gradient
     * with respect to an input of shape {@code xs} given the output gradient {@code dy}
     * ({@code [n, k, oh, ow]}).
     */
    public static double[] conv2dBackwardInput(float[] dy, int[] dys, float[] wt, int[] ws, int[] xs,
            ConvGeometry g) {
        int n = xs[0], c = xs[1], h = xs[2], w = xs[3], k = ws[0], kh = ws[2], kw = ws[3];
        int oh = dys[2], ow = dys[3];
        int size = n * c * h * w;
        double[] out = new double[2 * size];
        for (int b = 0; b < n; b++) {
            for (int o = 0; o < k; o++) {
                for (int y = 0; y < oh; y++) {
                    for (int z = 0; z < ow; z++) {
                        double d = dy[((b * k + o) * oh + y) * ow + z];
                        for (int ch = 0; ch < c; ch++) {
                            for (int i = 0; i < kh; i++) {
                                for (int j = 0; j < kw; j++) {
                                    int r = y * g.strideHeight() - g.padHeight() + i;
                                    int q = z * g.strideWidth() - g.padWidth() + j;
                                    if (r >= 0 && r < h && q >= 0 && q < w) {
                                        double t = d * wt[((o * c + ch) * kh + i) * kw + j];
                                        int at = ((b * c + ch) * h + r) * w + q;
                                        out[at] += t;
                                        out[size + at] += Math.abs(t);
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
        return out;
    }

    /**
     * {@code conv2dBackwardWeight} and its magnitude (layout as {@link #conv2d}):
     * {@code beta·old + Σ dy·x}; with {@code beta == 0} the old values are ignored.
     */
    public static double[] conv2dBackwardWeight(float[] x, int[] xs, float[] dy, int[] dys, int[] ws, ConvGeometry g,
            double beta, float[] old) {
        int n = xs[0], c = xs[1], h = xs[2], w = xs[3], k = ws[0], kh = ws[2], kw = ws[3];
        int oh = dys[2], ow = dys[3];
        int size = k * c * kh * kw;
        double[] out = new double[2 * size];
        for (int o = 0; o < k; o++) {
            for (int ch = 0; ch < c; ch++) {
                for (int i = 0; i < kh; i++) {
                    for (int j = 0; j < kw; j++) {
                        int at = ((o * c + ch) * kh + i) * kw + j;
                        double s = beta == 0 ? 0 : beta * old[at];
                        double m = Math.abs(s);
                        for (int b = 0; b < n; b++) {
                            for (int y = 0; y < oh; y++) {
                                for (int z = 0; z < ow; z++) {
                                    int r = y * g.strideHeight() - g.padHeight() + i;
                                    int q = z * g.strideWidth() - g.padWidth() + j;
                                    if (r >= 0 && r < h && q >= 0 && q < w) {
                                        double t = (double) dy[((b * k + o) * oh + y) * ow + z]
                                                * x[((b * c + ch) * h + r) * w + q];
                                        s += t;
                                        m += Math.abs(t);
                                    }
                                }
                            }
                        }
                        out[at] = s;
                        out[size + at] = m;
                    }
                }
            }
        }
        return out;
    }

    /** {@code a[n,c,s] + v[c]} ({@code mul}: times) for {@code a} of {@code n × c × s}. */
    public static double[] channelOp(float[] a, int n, int c, int s, float[] v, boolean mul) {
        double[] out = new double[a.length];
        for (int b = 0; b < n; b++) {
            for (int ch = 0; ch < c; ch++) {
                for (int p = 0; p < s; p++) {
                    int at = (b * c + ch) * s + p;
                    out[at] = mul ? (double) a[at] * v[ch] : (double) a[at] + v[ch];
                }
            }
        }
        return out;
    }

    /**
     * Per-channel sums {@code Σ_{n,s} a + beta·old}, then their magnitudes: {@code 2c} values.
     * With {@code beta == 0} the old values are ignored.
     */
    public static double[] sumChannels(float[] a, int n, int c, int s, double beta, float[] old) {
        double[] out = new double[2 * c];
        for (int ch = 0; ch < c; ch++) {
            double sum = beta == 0 ? 0 : beta * old[ch];
            double m = Math.abs(sum);
            for (int b = 0; b < n; b++) {
                for (int p = 0; p < s; p++) {
                    double t = a[(b * c + ch) * s + p];
                    sum += t;
                    m += Math.abs(t);
                }
            }
            out[ch] = sum;
            out[c + ch] = m;
        }
        return out;
    }

    /** Per-channel mean then biased variance over {@code n·s} values: {@code 2c} values. */
    public static double[] channelMeanVariance(float[] a, int n, int c, int s) {
        double[] out = new double[2 * c];
        for (int ch = 0; ch < c; ch++) {
            double sum = 0;
            for (int b = 0; b < n; b++) {
                for (int p = 0; p < s; p++) {
                    sum += a[(b * c + ch) * s + p];
                }
            }
            double mean = sum / (n * s);
            double q = 0;
            for (int b = 0; b < n; b++) {
                for (int p = 0; p < s; p++) {
                    double d = a[(b * c + ch) * s + p] - mean;
                    q += d * d;
                }
            }
            out[ch] = mean;
            out[c + ch] = q / (n * s);
        }
        return out;
    }
}
