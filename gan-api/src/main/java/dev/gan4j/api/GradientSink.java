package dev.gan4j.api;

/**
 * Receives parameter gradients during {@link Layer#backward}. A layer adds its gradient into the
 * tensor returned for each of its trainable parameters ({@code grad += dL/dp}), so several
 * backward passes before one optimiser step accumulate, as with real and fake batches through
 * one discriminator. The owner zeroes the gradients before a step.
 *
 * <p>When the caller passes no sink ({@code null}) the parameters are frozen: the layer must
 * skip the parameter-gradient work entirely, while still computing the gradient with respect to
 * its input.
 */
@FunctionalInterface
public interface GradientSink {

    /** The accumulator for {@code parameter}'s gradient, of the parameter's shape. */
    Tensor gradient(Parameter parameter);
}
