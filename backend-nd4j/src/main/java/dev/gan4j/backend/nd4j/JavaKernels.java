package dev.gan4j.backend.nd4j;

import dev.gan4j.api.BinaryOp;
import dev.gan4j.api.UnaryOp;
import java.nio.FloatBuffer;

/**
 * Element-wise loops in Java over the tensors' native memory (direct {@link FloatBuffer}s, absolute
 * indexing). Shapes are checked by the caller.
 *
 * <p>Why Java and not ND4J's ops: for these cheap functions a Java loop runs at about 0.3 ns per
 * element with no per-call cost, while ND4J's pairwise and scalar ops are "custom ops" with 7–12 µs
 * and about 3 KB of garbage per call; at the GAN's sizes (10⁴–10⁵ elements) Java is as fast or
 * faster. ND4J also has no fused "gradient times derivative" kernels, which would cost two native
 * passes. Each function gets its own loop (no lambda per element) so the JIT compiles each tightly.
 */
final class JavaKernels {

    private JavaKernels() {
    }

    /** {@code out = f(a; p)} for the functions that run in Java (not SIGMOID, TANH, EXP, LOG). */
    static void unary(UnaryOp op, float p, FloatBuffer a, FloatBuffer out, int n) {
        switch (op) {
            case IDENTITY -> copy(a, out, n);
            case RELU -> {
                for (int i = 0; i < n; i++) {
                    float x = a.get(i);
                    out.put(i, x > 0f ? x : 0f);
                }
            }
            case LEAKY_RELU -> {
                for (int i = 0; i < n; i++) {
                    float x = a.get(i);
                    out.put(i, x > 0f ? x : p * x);
                }
            }
            case SOFTPLUS -> {
                for (int i = 0; i < n; i++) {
                    double x = a.get(i);
                    // max(x, 0) + log1p(e^-|x|) never overflows.
                    out.put(i, (float) (Math.max(x, 0.0) + Math.log1p(Math.exp(-Math.abs(x)))));
                }
            }
            case SQUARE -> {
                for (int i = 0; i < n; i++) {
                    float x = a.get(i);
                    out.put(i, x * x);
                }
            }
            case SQRT -> {
                for (int i = 0; i < n; i++) {
                    out.put(i, (float) Math.sqrt(a.get(i)));
                }
            }
            case ABS -> {
                for (int i = 0; i < n; i++) {
                    out.put(i, Math.abs(a.get(i)));
                }
            }
            case POW -> {
                for (int i = 0; i < n; i++) {
                    out.put(i, (float) Math.pow(a.get(i), p));
                }
            }
            // The backend sends these to ND4J's native loops, which were 2–7× faster than Math.
            case SIGMOID, TANH, EXP, LOG -> throw new IllegalStateException(op + " runs in native code");
        }
    }

    /**
     * {@code gradIn = gradOut · f'(x; p)}, the derivative taken from {@code x} or {@code y} as
     * {@link UnaryOp#derivative} does. {@code gradIn} may be {@code gradOut}: each element is read
     * before it is written.
     */
    static void unaryBackward(UnaryOp op, float p, FloatBuffer x, FloatBuffer y, FloatBuffer gradOut,
            FloatBuffer gradIn, int n) {
        switch (op) {
            case IDENTITY -> copy(gradOut, gradIn, n);
            case SIGMOID -> {
                for (int i = 0; i < n; i++) {
                    float s = y.get(i);
                    gradIn.put(i, gradOut.get(i) * s * (1f - s));
                }
            }
            case TANH -> {
                for (int i = 0; i < n; i++) {
                    float t = y.get(i);
                    gradIn.put(i, gradOut.get(i) * (1f - t * t));
                }
            }
            case RELU -> {
                for (int i = 0; i < n; i++) {
                    gradIn.put(i, x.get(i) > 0f ? gradOut.get(i) : 0f);
                }
            }
            case LEAKY_RELU -> {
                for (int i = 0; i < n; i++) {
                    float g = gradOut.get(i);
                    gradIn.put(i, x.get(i) > 0f ? g : p * g);
                }
            }
            case SOFTPLUS -> {
                for (int i = 0; i < n; i++) {
                    gradIn.put(i, (float) (gradOut.get(i) / (1.0 + Math.exp(-x.get(i)))));
                }
            }
            case EXP -> {
                for (int i = 0; i < n; i++) {
                    gradIn.put(i, gradOut.get(i) * y.get(i));
                }
            }
            case LOG -> {
                for (int i = 0; i < n; i++) {
                    gradIn.put(i, gradOut.get(i) / x.get(i));
                }
            }
            case SQUARE -> {
                for (int i = 0; i < n; i++) {
                    gradIn.put(i, gradOut.get(i) * 2f * x.get(i));
                }
            }
            case SQRT -> {
                for (int i = 0; i < n; i++) {
                    gradIn.put(i, gradOut.get(i) * 0.5f / y.get(i));
                }
            }
            case ABS -> {
                for (int i = 0; i < n; i++) {
                    float v = x.get(i);
                    float g = gradOut.get(i);
                    gradIn.put(i, v > 0f ? g : (v < 0f ? -g : 0f));
                }
            }
            case POW -> {
                for (int i = 0; i < n; i++) {
                    gradIn.put(i, (float) (gradOut.get(i) * (p * Math.pow(x.get(i), p - 1.0))));
                }
            }
        }
    }

    /** {@code out = a ∘ b}. */
    static void binary(BinaryOp op, FloatBuffer a, FloatBuffer b, FloatBuffer out, int n) {
        switch (op) {
            case ADD -> {
                for (int i = 0; i < n; i++) {
                    out.put(i, a.get(i) + b.get(i));
                }
            }
            case SUB -> {
                for (int i = 0; i < n; i++) {
                    out.put(i, a.get(i) - b.get(i));
                }
            }
            case MUL -> {
                for (int i = 0; i < n; i++) {
                    out.put(i, a.get(i) * b.get(i));
                }
            }
            case DIV -> {
                for (int i = 0; i < n; i++) {
                    out.put(i, a.get(i) / b.get(i));
                }
            }
            case MAX -> {
                for (int i = 0; i < n; i++) {
                    out.put(i, Math.max(a.get(i), b.get(i)));
                }
            }
            case MIN -> {
                for (int i = 0; i < n; i++) {
                    out.put(i, Math.min(a.get(i), b.get(i)));
                }
            }
        }
    }

    /** {@code out = alpha·a + beta·b}. */
    static void axpby(float alpha, FloatBuffer a, float beta, FloatBuffer b, FloatBuffer out, int n) {
        for (int i = 0; i < n; i++) {
            out.put(i, alpha * a.get(i) + beta * b.get(i));
        }
    }

    /**
     * {@code v = momentum·v + learningRate·(g + l2·w); w = w − v}, one pass; the expression is the
     * one the other backends use, so equal inputs give equal bits.
     */
    static void sgdUpdate(float learningRate, float momentum, float l2, FloatBuffer w, FloatBuffer g,
            FloatBuffer v, int n) {
        for (int i = 0; i < n; i++) {
            float wi = w.get(i);
            float vi = momentum * v.get(i) + learningRate * (g.get(i) + l2 * wi);
            v.put(i, vi);
            w.put(i, wi - vi);
        }
    }

    /** One Adam step over {@code w}, {@code m} and {@code v} (see {@code OptimizerKernels#adamUpdate}), one pass. */
    static void adamUpdate(float beta1, float beta2, float stepSize, float invSqrtBias2, float epsilon,
            float weightDecay, FloatBuffer w, FloatBuffer g, FloatBuffer m, FloatBuffer v, int n) {
        float c1 = 1f - beta1;
        float c2 = 1f - beta2;
        for (int i = 0; i < n; i++) {
            float wi = w.get(i);
            float gi = g.get(i) + weightDecay * wi;
            float mi = beta1 * m.get(i) + c1 * gi;
            float vi = beta2 * v.get(i) + c2 * (gi * gi);
            m.put(i, mi);
            v.put(i, vi);
            w.put(i, wi - stepSize * (mi / ((float) Math.sqrt(vi) * invSqrtBias2 + epsilon)));
        }
    }

    /** {@code out = scale·a + shift}. */
    static void affine(float scale, float shift, FloatBuffer a, FloatBuffer out, int n) {
        for (int i = 0; i < n; i++) {
            out.put(i, scale * a.get(i) + shift);
        }
    }

    /** {@code out = min(max(a, lo), hi)}; NaN stays NaN. */
    static void clip(float lo, float hi, FloatBuffer a, FloatBuffer out, int n) {
        for (int i = 0; i < n; i++) {
            out.put(i, Math.min(Math.max(a.get(i), lo), hi));
        }
    }

    /** Every element set to {@code value}. */
    static void fill(FloatBuffer dst, float value, int n) {
        for (int i = 0; i < n; i++) {
            dst.put(i, value);
        }
    }

    /** {@code out[i,j] = a[i,j] + row[j]} for a rows×columns {@code a}. */
    static void addRowVector(FloatBuffer a, FloatBuffer row, FloatBuffer out, int rows, int columns) {
        for (int i = 0, base = 0; i < rows; i++, base += columns) {
            for (int j = 0; j < columns; j++) {
                out.put(base + j, a.get(base + j) + row.get(j));
            }
        }
    }

    /** {@code out[i,j] = a[i,j] · row[j]} for a rows×columns {@code a}. */
    static void mulRowVector(FloatBuffer a, FloatBuffer row, FloatBuffer out, int rows, int columns) {
        for (int i = 0, base = 0; i < rows; i++, base += columns) {
            for (int j = 0; j < columns; j++) {
                out.put(base + j, a.get(base + j) * row.get(j));
            }
        }
    }

    /** {@code out[i] = Σ_j a[i,j]}, divided by {@code columns} if {@code mean}, summed in double and rounded once. */
    static void rowSums(FloatBuffer a, FloatBuffer out, int rows, int columns, boolean mean) {
        for (int i = 0, base = 0; i < rows; i++, base += columns) {
            double total = 0.0;
            for (int j = 0; j < columns; j++) {
                total += a.get(base + j);
            }
            out.put(i, (float) (mean ? total / columns : total));
        }
    }

    /**
     * Per-column mean and biased variance in double, in {@code scratch} (at least
     * {@code 2·columns} long): sums then squared deviations, each added row by row so the memory
     * is read in order. Everything is read before the outputs are written.
     */
    static void columnMeanVariance(FloatBuffer a, FloatBuffer mean, FloatBuffer variance, int rows, int columns,
            double[] scratch) {
        for (int j = 0; j < 2 * columns; j++) {
            scratch[j] = 0.0;
        }
        for (int i = 0, base = 0; i < rows; i++, base += columns) {
            for (int j = 0; j < columns; j++) {
                scratch[j] += a.get(base + j);
            }
        }
        for (int j = 0; j < columns; j++) {
            scratch[j] /= rows;
        }
        for (int i = 0, base = 0; i < rows; i++, base += columns) {
            for (int j = 0; j < columns; j++) {
                double d = a.get(base + j) - scratch[j];
                scratch[columns + j] += d * d;
            }
        }
        for (int j = 0; j < columns; j++) {
            mean.put(j, (float) scratch[j]);
            variance.put(j, (float) (scratch[columns + j] / rows));
        }
    }

    /**
     * {@code out[j] = Σ_i a[i,j] + beta·out[j]}, summed in double in {@code scratch} (at least
     * {@code columns} long); with {@code beta == 0} the old {@code out} is not read.
     */
    static void sumColumns(FloatBuffer a, float beta, FloatBuffer out, int rows, int columns, double[] scratch) {
        for (int j = 0; j < columns; j++) {
            scratch[j] = 0.0;
        }
        for (int i = 0, base = 0; i < rows; i++, base += columns) {
            for (int j = 0; j < columns; j++) {
                scratch[j] += a.get(base + j);
            }
        }
        if (beta == 0f) {
            for (int j = 0; j < columns; j++) {
                out.put(j, (float) scratch[j]);
            }
        } else {
            for (int j = 0; j < columns; j++) {
                out.put(j, (float) (scratch[j] + (double) beta * out.get(j)));
            }
        }
    }

    /** {@code out[n,c,s] = a[n,c,s] + v[c]} for {@code [batch, channels, spatial]} arrays. */
    static void addChannels(FloatBuffer a, FloatBuffer v, FloatBuffer out, int batch, int channels, int spatial) {
        for (int n = 0, base = 0; n < batch; n++) {
            for (int c = 0; c < channels; c++, base += spatial) {
                float x = v.get(c);
                for (int s = base; s < base + spatial; s++) {
                    out.put(s, a.get(s) + x);
                }
            }
        }
    }

    /** {@code out[n,c,s] = a[n,c,s] · v[c]} for {@code [batch, channels, spatial]} arrays. */
    static void mulChannels(FloatBuffer a, FloatBuffer v, FloatBuffer out, int batch, int channels, int spatial) {
        for (int n = 0, base = 0; n < batch; n++) {
            for (int c = 0; c < channels; c++, base += spatial) {
                float x = v.get(c);
                for (int s = base; s < base + spatial; s++) {
                    out.put(s, a.get(s) * x);
                }
            }
        }
    }

    /**
     * {@code Σ_{n,s} (a[n,c,s] − shift)^power} in double ({@code power} 1 or 2) over channel
     * {@code c}'s {@code batch} blocks of {@code spatial}, in four interleaved partial sums so that
     * the additions do not wait on each other (double sums are not vectorised).
     */
    private static double channelSum(FloatBuffer a, int c, int batch, int channels, int spatial, double shift,
            boolean squares) {
        double s0 = 0.0;
        double s1 = 0.0;
        double s2 = 0.0;
        double s3 = 0.0;
        for (int n = 0, base = c * spatial; n < batch; n++, base += channels * spatial) {
            int end = base + spatial;
            int s = base;
            for (; s + 3 < end; s += 4) {
                double d0 = a.get(s) - shift;
                double d1 = a.get(s + 1) - shift;
                double d2 = a.get(s + 2) - shift;
                double d3 = a.get(s + 3) - shift;
                s0 += squares ? d0 * d0 : d0;
                s1 += squares ? d1 * d1 : d1;
                s2 += squares ? d2 * d2 : d2;
                s3 += squares ? d3 * d3 : d3;
            }
            for (; s < end; s++) {
                double d = a.get(s) - shift;
                s0 += squares ? d * d : d;
            }
        }
        return (s0 + s1) + (s2 + s3);
    }

    /**
     * {@code out[c] = Σ_{n,s} a[n,c,s] + beta·out[c]}, summed in double; with {@code beta == 0}
     * the old {@code out} is not read.
     */
    static void sumChannels(FloatBuffer a, float beta, FloatBuffer out, int batch, int channels, int spatial) {
        for (int c = 0; c < channels; c++) {
            double total = channelSum(a, c, batch, channels, spatial, 0.0, false);
            out.put(c, (float) (beta == 0f ? total : total + (double) beta * out.get(c)));
        }
    }

    /**
     * Per-channel mean and biased variance in double, two passes over each channel's blocks (the
     * second finds them in cache): the sum, then the squared deviations from the mean.
     */
    static void channelMeanVariance(FloatBuffer a, FloatBuffer mean, FloatBuffer variance, int batch, int channels,
            int spatial) {
        double count = (double) batch * spatial;
        for (int c = 0; c < channels; c++) {
            double mu = channelSum(a, c, batch, channels, spatial, 0.0, false) / count;
            double squares = channelSum(a, c, batch, channels, spatial, mu, true);
            mean.put(c, (float) mu);
            variance.put(c, (float) (squares / count));
        }
    }

    /** Sum of the first {@code n} elements, in double. */
    static double sum(FloatBuffer a, int n) {
        double total = 0.0;
        for (int i = 0; i < n; i++) {
            total += a.get(i);
        }
        return total;
    }

    /** {@code dst[0..n) = src[0..n)}; a bulk copy of native memory. */
    static void copy(FloatBuffer src, FloatBuffer dst, int n) {
        copy(src, 0, dst, 0, n);
    }

    /** {@code dst[dstFrom..dstFrom+n) = src[srcFrom..srcFrom+n)}; a bulk copy of native memory. */
    static void copy(FloatBuffer src, int srcFrom, FloatBuffer dst, int dstFrom, int n) {
        if (src == dst && srcFrom == dstFrom) {
            return;
        }
        dst.put(dstFrom, src, srcFrom, n);
    }
}
