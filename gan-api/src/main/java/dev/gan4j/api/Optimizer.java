package dev.gan4j.api;

import java.util.List;
import java.util.Map;

/**
 * Updates parameters from their gradients. Configuration (momentum, betas…) is fixed at
 * construction; the learning rate is the optimiser's own and may be set before any step (a
 * {@link LearningRateSchedule} or a divergence rollback does so); the mutable state
 * (velocities, moment estimates, step count) is keyed by {@link Parameter#id()} and can be
 * exported for checkpoints. The generator and the discriminator each get their own instance.
 *
 * <p>New optimisers are made available to JSON experiments through {@link OptimizerType}.
 */
public interface Optimizer {

    /**
     * One update of every parameter in {@code parameters} from {@code gradients}. Only the
     * parameters passed are touched: freezing a network means not passing its parameters.
     * Buffers ({@link Parameter.Kind#BUFFER}) are ignored.
     */
    void step(List<Parameter> parameters, GradientSink gradients);

    /**
     * Sets the learning rate the next step will use.
     *
     * @throws IllegalArgumentException if {@code rate} is negative or not finite (0 is allowed)
     */
    void setLearningRate(double rate);

    /** The learning rate the next step will use. */
    double learningRate();

    /**
     * A copy of the state: named float arrays (for example {@code "D.0.weight/velocity"}, and
     * scalars as one-element arrays such as {@code "step"}).
     */
    Map<String, float[]> exportState();

    /**
     * Restores state exported by an optimiser of the same configuration on parameters with the
     * same ids and shapes.
     *
     * @throws IllegalArgumentException naming the key if a key is unknown or an array has the
     *     wrong length
     */
    void importState(Map<String, float[]> state);
}
