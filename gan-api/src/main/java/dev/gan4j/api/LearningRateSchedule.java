package dev.gan4j.api;

/**
 * How a learning rate changes over training: a pure function of the iteration, so that a run
 * resumed from a checkpoint picks up the same rates. The trainer sets each optimiser's rate to
 * {@code rate(baseRate, iteration)} before every iteration.
 */
@FunctionalInterface
public interface LearningRateSchedule {

    /** The schedule that keeps the base rate. */
    LearningRateSchedule CONSTANT = (baseRate, iteration) -> baseRate;

    /**
     * The learning rate for iteration {@code iteration} (0-based, counting completed iterations)
     * of an optimiser whose base rate is {@code baseRate}; finite and ≥ 0.
     */
    double rate(double baseRate, int iteration);
}
