package dev.gan4j.core.optim;

import dev.gan4j.api.LearningRateSchedule;
import dev.gan4j.api.ScheduleConfig;
import dev.gan4j.api.ScheduleType;

/**
 * A schedule registered the way a user's would be (in this module's test resources): linear
 * warm-up from a rate of 0 to the base rate over {@code iterations}, which a rate that is only
 * ever scaled could not do.
 *
 * @param iterations iterations until the base rate is reached, positive
 */
public record WarmUpSchedule(int iterations) implements ScheduleConfig {

    public WarmUpSchedule {
        if (iterations <= 0) {
            throw new IllegalArgumentException("iterations must be positive, got " + iterations);
        }
    }

    /** {@code {"type": "warm-up", "iterations": 4}}. */
    public static final class Type implements ScheduleType<WarmUpSchedule> {
        @Override
        public String name() {
            return "warm-up";
        }

        @Override
        public Class<WarmUpSchedule> configClass() {
            return WarmUpSchedule.class;
        }

        @Override
        public LearningRateSchedule create(WarmUpSchedule config) {
            return (baseRate, iteration) -> baseRate * Math.min(1.0, iteration / (double) config.iterations());
        }
    }
}
