package dev.gan4j.api;

/**
 * An adversarial objective, evaluated on the discriminator's outputs (one value per sample,
 * copied to the host: they are few) together with its gradient.
 *
 * <p>Losses are means over the rows given. The discriminator's targets are 1
 * (or a smoothed value above one half) for real samples and 0 for generated
 * ones; the generator's objective needs no targets.
 */
public interface GanLoss {

    /**
     * Discriminator loss over {@code n} rows; writes {@code dL/d output[i]} into {@code grad[i]}.
     *
     * @return the mean loss
     */
    double discriminator(float[] output, float[] target, int n, float[] grad);

    /**
     * Generator loss over {@code n} rows of the discriminator's output on generated samples;
     * writes {@code dL/d output[i]} into {@code grad[i]}.
     *
     * @return the mean loss
     */
    double generator(float[] output, int n, float[] grad);

    /**
     * The discriminator's belief that a sample is real, for metrics: the output itself for
     * probability outputs, its sigmoid for logits, the raw score for critics.
     */
    double score(float output);

    /**
     * What this loss takes as the discriminator's output. gan4j checks it against the
     * discriminator's last layer when it knows what that layer emits. The default, {@link
     * DiscriminatorOutput#ANY}, checks nothing.
     */
    default DiscriminatorOutput expects() {
        return DiscriminatorOutput.ANY;
    }
}
