package dev.gan4j.core.loss;

/**
 * Softmax cross-entropy for classification, computed on the host from logits like the GAN
 * losses: {@code L = −mean_i ln softmax(z_i)[y_i]} over rows {@code z_i} of {@code K} logits,
 * with the gradient {@code dL/dz_i = (softmax(z_i) − onehot(y_i)) / n}.
 *
 * <p>The log-sum-exp subtracts each row's maximum first, so logits of any size give a finite loss
 * and a gradient without overflow.
 */
public final class SoftmaxCrossEntropy {
    private SoftmaxCrossEntropy() {
    }

    /**
     * The mean loss over {@code n} rows of {@code classes} logits (row-major in {@code logits});
     * writes {@code dL/d logits} into {@code grad} (same layout) unless it is {@code null}.
     *
     * @throws IllegalArgumentException if a label is outside {@code [0, classes)} or an array is
     *     too short
     */
    public static double lossAndGradient(float[] logits, int[] labels, int n, int classes, float[] grad) {
        check(logits, n, classes);
        if (labels.length < n) {
            throw new IllegalArgumentException("expected " + n + " labels, got " + labels.length);
        }
        if (grad != null && grad.length < n * classes) {
            throw new IllegalArgumentException("gradient array holds " + grad.length + " values, expected "
                    + n * classes);
        }
        double sum = 0;
        for (int i = 0; i < n; i++) {
            int label = labels[i];
            if (label < 0 || label >= classes) {
                throw new IllegalArgumentException("label " + label + " of row " + i + " is outside [0, "
                        + classes + ")");
            }
            int row = i * classes;
            double max = rowMax(logits, row, classes);
            double lse = max + Math.log(sumExp(logits, row, classes, max));
            sum += lse - logits[row + label];
            if (grad != null) {
                for (int c = 0; c < classes; c++) {
                    double p = Math.exp(logits[row + c] - lse);
                    grad[row + c] = (float) ((p - (c == label ? 1 : 0)) / n);
                }
            }
        }
        return sum / n;
    }

    /**
     * Writes {@code ln softmax} of row {@code row} of {@code logits} (rows of {@code classes}
     * values) into {@code out[0 .. classes)}.
     */
    public static void logSoftmax(float[] logits, int row, int classes, double[] out) {
        int from = row * classes;
        double max = rowMax(logits, from, classes);
        double lse = max + Math.log(sumExp(logits, from, classes, max));
        for (int c = 0; c < classes; c++) {
            out[c] = logits[from + c] - lse;
        }
    }

    /** The index of the largest of the {@code classes} logits of row {@code row} (the first on ties). */
    public static int argmax(float[] logits, int row, int classes) {
        int from = row * classes;
        int best = 0;
        for (int c = 1; c < classes; c++) {
            if (logits[from + c] > logits[from + best]) {
                best = c;
            }
        }
        return best;
    }

    private static void check(float[] logits, int n, int classes) {
        if (n <= 0 || classes <= 0) {
            throw new IllegalArgumentException("need at least one row and one class, got n=" + n + ", classes="
                    + classes);
        }
        if (logits.length < n * classes) {
            throw new IllegalArgumentException("logits hold " + logits.length + " values, expected " + n + " × "
                    + classes + " = " + n * classes);
        }
    }

    private static double rowMax(float[] logits, int from, int classes) {
        double max = Double.NEGATIVE_INFINITY;
        for (int c = 0; c < classes; c++) {
            max = Math.max(max, logits[from + c]);
        }
        if (!Double.isFinite(max)) {
            throw new IllegalArgumentException("logits of row " + from / classes + " are not finite");
        }
        return max;
    }

    private static double sumExp(float[] logits, int from, int classes, double max) {
        double s = 0;
        for (int c = 0; c < classes; c++) {
            s += Math.exp(logits[from + c] - max);
        }
        return s;
    }
}
