package dev.gan4j.core.loss;

import dev.gan4j.api.DiscriminatorOutput;
import dev.gan4j.api.GanLoss;

/**
 * Binary cross-entropy on probabilities (a discriminator ending in a sigmoid):
 * {@code −mean[t·ln y + (1−t)·ln(1−y)]}, with {@code y} clamped to {@code [ε, 1−ε]} so that a
 * saturated output gives a large finite loss rather than infinity. The generator uses the
 * non-saturating objective {@code −mean ln y}. Prefer {@link LogitLoss} for new models: it is
 * exact where this one clamps.
 */
public final class BinaryCrossEntropyLoss implements GanLoss {

    static final double EPSILON = 1e-7;

    @Override
    public double discriminator(float[] output, float[] target, int n, float[] grad) {
        double sum = 0;
        for (int i = 0; i < n; i++) {
            double y = Math.min(Math.max(output[i], EPSILON), 1 - EPSILON);
            double t = target[i];
            sum -= t * Math.log(y) + (1 - t) * Math.log(1 - y);
            grad[i] = (float) ((y - t) / (y * (1 - y)) / n);
        }
        return sum / n;
    }

    @Override
    public double generator(float[] output, int n, float[] grad) {
        double sum = 0;
        for (int i = 0; i < n; i++) {
            double y = Math.min(Math.max(output[i], EPSILON), 1 - EPSILON);
            sum -= Math.log(y);
            grad[i] = (float) (-1.0 / y / n);
        }
        return sum / n;
    }

    @Override
    public double score(float output) {
        return output;
    }

    @Override
    public DiscriminatorOutput expects() {
        return DiscriminatorOutput.PROBABILITY;
    }
}
