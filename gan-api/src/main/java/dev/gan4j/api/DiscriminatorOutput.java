package dev.gan4j.api;

/**
 * What a {@link GanLoss} takes as the discriminator's output, so that an experiment whose
 * discriminator ends the wrong way (a probability loss after a discriminator without a final
 * sigmoid, or a logit loss after one with it) is refused before it trains silently wrong.
 */
public enum DiscriminatorOutput {
    /** A probability in (0, 1): the discriminator ends with a sigmoid (e.g. {@code bce}). */
    PROBABILITY,
    /** An unbounded logit, whose sigmoid the loss computes itself (e.g. {@code non-saturating}). */
    LOGIT,
    /** An unbounded critic score (e.g. {@code wasserstein}, {@code hinge}): no final sigmoid. */
    SCORE,
    /** Either: the loss is defined on any real output (e.g. {@code squared-error}). */
    ANY;

    /** Whether a discriminator that does ({@code true}) or does not end with a sigmoid fits this loss. */
    public boolean accepts(boolean endsWithSigmoid) {
        return switch (this) {
            case PROBABILITY -> endsWithSigmoid;
            case LOGIT, SCORE -> !endsWithSigmoid;
            case ANY -> true;
        };
    }
}
