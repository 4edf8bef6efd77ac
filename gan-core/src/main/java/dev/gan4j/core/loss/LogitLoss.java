package dev.gan4j.core.loss;

import dev.gan4j.api.DiscriminatorOutput;
import dev.gan4j.api.GanLoss;

/**
 * Binary cross-entropy computed from logits without overflow
 * ({@code softplus(x) − t·x = max(x,0) − t·x + ln(1+e^−|x|)}), the discriminator loss of the
 * original GAN. The generator objective is either the original minimax one, minimising
 * {@code ln(1 − D(G(z)))} = {@code −softplus(x)}, which saturates when D is confident, or the
 * non-saturating one, minimising {@code −ln D(G(z))} = {@code softplus(−x)} (Goodfellow et al.
 * 2014).
 */
public final class LogitLoss implements GanLoss {

    private final boolean nonSaturating;

    /** @param nonSaturating the generator minimises {@code −ln D(G(z))} instead of {@code ln(1 − D(G(z)))} */
    public LogitLoss(boolean nonSaturating) {
        this.nonSaturating = nonSaturating;
    }

    static double softplus(double x) {
        return Math.max(x, 0) + Math.log1p(Math.exp(-Math.abs(x)));
    }

    static double sigmoid(double x) {
        return x >= 0 ? 1 / (1 + Math.exp(-x)) : Math.exp(x) / (1 + Math.exp(x));
    }

    @Override
    public double discriminator(float[] output, float[] target, int n, float[] grad) {
        double sum = 0;
        for (int i = 0; i < n; i++) {
            double x = output[i];
            sum += softplus(x) - target[i] * x;
            grad[i] = (float) ((sigmoid(x) - target[i]) / n);
        }
        return sum / n;
    }

    @Override
    public double generator(float[] output, int n, float[] grad) {
        double sum = 0;
        for (int i = 0; i < n; i++) {
            double x = output[i];
            if (nonSaturating) {
                sum += softplus(-x);
                grad[i] = (float) (-sigmoid(-x) / n);
            } else {
                sum -= softplus(x);
                grad[i] = (float) (-sigmoid(x) / n);
            }
        }
        return sum / n;
    }

    @Override
    public double score(float output) {
        return sigmoid(output);
    }

    @Override
    public DiscriminatorOutput expects() {
        return DiscriminatorOutput.LOGIT;
    }
}
