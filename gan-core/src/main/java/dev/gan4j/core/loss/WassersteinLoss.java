package dev.gan4j.core.loss;

import dev.gan4j.api.DiscriminatorOutput;
import dev.gan4j.api.GanLoss;

/**
 * The Wasserstein critic loss (Arjovsky et al. 2017): the critic minimises
 * {@code mean(C(fake)) − mean(C(real))}, the generator minimises {@code −mean(C(G(z)))}. Over a
 * batch mixing real and fake rows each row contributes {@code ∓C(x)/n}. Pair it with weight
 * clipping (or another Lipschitz constraint) on the critic.
 */
public final class WassersteinLoss implements GanLoss {

    @Override
    public double discriminator(float[] output, float[] target, int n, float[] grad) {
        double sum = 0;
        for (int i = 0; i < n; i++) {
            double sign = Labels.isReal(target[i]) ? -1 : 1;
            sum += sign * output[i];
            grad[i] = (float) (sign / n);
        }
        return sum / n;
    }

    @Override
    public double generator(float[] output, int n, float[] grad) {
        return criticGenerator(output, n, grad);
    }

    /** {@code −mean(C(G(z)))}: the generator objective of every critic loss (Wasserstein, hinge). */
    static double criticGenerator(float[] output, int n, float[] grad) {
        double sum = 0;
        for (int i = 0; i < n; i++) {
            sum -= output[i];
            grad[i] = (float) (-1.0 / n);
        }
        return sum / n;
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
