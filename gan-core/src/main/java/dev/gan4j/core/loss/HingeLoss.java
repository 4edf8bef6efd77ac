package dev.gan4j.core.loss;

import dev.gan4j.api.DiscriminatorOutput;
import dev.gan4j.api.GanLoss;

/**
 * The hinge loss (Lim &amp; Ye 2017; SAGAN): the discriminator minimises
 * {@code mean(relu(1 − D(real))) + mean(relu(1 + D(fake)))}, the generator {@code −mean(D(G(z)))}.
 */
public final class HingeLoss implements GanLoss {

    @Override
    public double discriminator(float[] output, float[] target, int n, float[] grad) {
        double sum = 0;
        for (int i = 0; i < n; i++) {
            double margin = Labels.isReal(target[i]) ? 1 - output[i] : 1 + output[i];
            if (margin > 0) {
                sum += margin;
                grad[i] = (float) ((Labels.isReal(target[i]) ? -1.0 : 1.0) / n);
            } else {
                grad[i] = 0f;
            }
        }
        return sum / n;
    }

    @Override
    public double generator(float[] output, int n, float[] grad) {
        return WassersteinLoss.criticGenerator(output, n, grad);
    }

    @Override
    public double score(float output) {
        return output;
    }

    @Override
    public DiscriminatorOutput expects() {
        return DiscriminatorOutput.SCORE;
    }
}
