package dev.gan4j.core.train;

import dev.gan4j.api.LearningRateSchedule;
import dev.gan4j.api.Optimizer;

/**
 * Both optimisers' learning rates: each schedule sets its rate from a base rate before every
 * iteration. The base rates are the optimisers' rates when training starts, times every factor
 * given to {@link #scale} (a divergence rollback), multiplied in place so that a run resumed with
 * them as its configured rates computes the very same doubles.
 */
final class LearningRates {

    private final Optimizer discriminator;
    private final Optimizer generator;
    private final LearningRateSchedule discriminatorSchedule;
    private final LearningRateSchedule generatorSchedule;
    private double discriminatorBase;
    private double generatorBase;

    LearningRates(ScheduledOptimizer discriminator, ScheduledOptimizer generator) {
        this.discriminator = discriminator.optimizer();
        this.generator = generator.optimizer();
        this.discriminatorSchedule = discriminator.schedule();
        this.generatorSchedule = generator.schedule();
        this.discriminatorBase = this.discriminator.learningRate();
        this.generatorBase = this.generator.learningRate();
    }

    /** The rates of {@code iteration}: functions of it, so a resumed run gets the same ones. */
    void set(int iteration) {
        discriminator.setLearningRate(discriminatorSchedule.rate(discriminatorBase, iteration));
        generator.setLearningRate(generatorSchedule.rate(generatorBase, iteration));
    }

    void scale(double factor) {
        if (!(factor > 0 && Double.isFinite(factor))) {
            throw new IllegalArgumentException("factor must be positive, got " + factor);
        }
        discriminatorBase *= factor;
        generatorBase *= factor;
        discriminator.setLearningRate(discriminator.learningRate() * factor);
        generator.setLearningRate(generator.learningRate() * factor);
    }

    Optimizer discriminator() {
        return discriminator;
    }

    Optimizer generator() {
        return generator;
    }

    double discriminatorBase() {
        return discriminatorBase;
    }

    double generatorBase() {
        return generatorBase;
    }
}
