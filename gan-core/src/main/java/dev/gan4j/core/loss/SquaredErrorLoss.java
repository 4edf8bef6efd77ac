package dev.gan4j.core.loss;

import dev.gan4j.api.GanLoss;

/**
 * DeepLearnToolbox's squared error {@code L = ½·Σ(y−ŷ)²/m} (the tutorial's loss), which is also
 * the least-squares GAN objective with targets 1 and 0: the generator minimises
 * {@code ½·mean((ŷ−1)²)}.
 */
public final class SquaredErrorLoss implements GanLoss {

    @Override
    public double discriminator(float[] output, float[] target, int n, float[] grad) {
        double sum = 0;
        for (int i = 0; i < n; i++) {
            double e = output[i] - target[i];
            sum += 0.5 * e * e;
            grad[i] = (float) (e / n);
        }
        return sum / n;
    }

    @Override
    public double generator(float[] output, int n, float[] grad) {
        double sum = 0;
        for (int i = 0; i < n; i++) {
            double e = output[i] - Labels.REAL;
            sum += 0.5 * e * e;
            grad[i] = (float) (e / n);
        }
        return sum / n;
    }

    @Override
    public double score(float output) {
        return output;
    }
}
