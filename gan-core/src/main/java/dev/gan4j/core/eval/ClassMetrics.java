package dev.gan4j.core.eval;

import dev.gan4j.core.loss.SoftmaxCrossEntropy;

/** Figures computed from a classifier's class predictions alone. */
public final class ClassMetrics {

    /** A class holds a mode when at least this fraction of the samples is predicted as it. */
    public static final double MODE_THRESHOLD = 0.02;

    private ClassMetrics() {
    }

    /**
     * The classifier score {@code exp(E_x[KL(p(y|x) ‖ p(y))])}, where {@code p(y)} is the mean of
     * {@code p(y|x)} over the samples: the MNIST analogue of the Inception score (Salimans et al.
     * 2016). It lies in {@code [1, classes]}: 1 when every sample gets the same class
     * distribution, {@code classes} when every sample is classified with certainty and the
     * classes are equally frequent. Computed over all samples at once (no splits), from
     * log-softmax for accuracy.
     *
     * @param logits {@code n × classes}, row-major
     */
    public static double classifierScore(float[] logits, int n, int classes) {
        if (n <= 0) {
            throw new IllegalArgumentException("the classifier score needs at least one sample");
        }
        double[] logP = new double[n * classes];
        double[] row = new double[classes];
        double[] marginal = new double[classes];
        for (int i = 0; i < n; i++) {
            SoftmaxCrossEntropy.logSoftmax(logits, i, classes, row);
            System.arraycopy(row, 0, logP, i * classes, classes);
            for (int c = 0; c < classes; c++) {
                marginal[c] += Math.exp(row[c]);
            }
        }
        double[] logMarginal = new double[classes];
        for (int c = 0; c < classes; c++) {
            logMarginal[c] = Math.log(marginal[c] / n);
        }
        double klSum = 0;
        for (int i = 0; i < n; i++) {
            for (int c = 0; c < classes; c++) {
                double lp = logP[i * classes + c];
                double p = Math.exp(lp);
                // 0·log 0 = 0; p underflows to 0 long before lp reaches −∞
                if (p > 0) {
                    klSum += p * (lp - logMarginal[c]);
                }
            }
        }
        return Math.exp(klSum / n);
    }

    /** How many of the {@code predicted} classes fall in each of {@code classes} classes. */
    public static int[] histogram(int[] predicted, int classes) {
        int[] counts = new int[classes];
        for (int i = 0; i < predicted.length; i++) {
            int c = predicted[i];
            if (c < 0 || c >= classes) {
                throw new IllegalArgumentException("class " + c + " at index " + i + " is outside [0, " + classes + ")");
            }
            counts[c]++;
        }
        return counts;
    }

    /**
     * {@code KL(h ‖ uniform) = Σ_c h_c ln(h_c · K)} of the normalised histogram, in nats: 0 when
     * every class is equally frequent, {@code ln K} when one class takes everything.
     */
    public static double klFromUniform(int[] histogram) {
        long total = 0;
        for (int c : histogram) {
            total += c;
        }
        if (total == 0) {
            throw new IllegalArgumentException("the histogram is empty");
        }
        double kl = 0;
        int k = histogram.length;
        for (int c : histogram) {
            if (c > 0) {
                double f = (double) c / total;
                kl += f * Math.log(f * k);
            }
        }
        return kl;
    }

    /** Number of classes holding at least {@code threshold} of the samples. */
    public static int modes(int[] histogram, double threshold) {
        long total = 0;
        for (int c : histogram) {
            total += c;
        }
        int modes = 0;
        for (int c : histogram) {
            if (total > 0 && (double) c / total >= threshold) {
                modes++;
            }
        }
        return modes;
    }
}
