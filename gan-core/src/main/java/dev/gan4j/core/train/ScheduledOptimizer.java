package dev.gan4j.core.train;

import dev.gan4j.api.LearningRateSchedule;
import dev.gan4j.api.Optimizer;
import java.util.Objects;

/**
 * One network's optimiser and the schedule of its learning rate. The optimiser's learning rate
 * when the trainer is built is the base rate the schedule varies.
 *
 * @param optimizer a fresh optimiser (or one whose state a checkpoint will restore)
 * @param schedule sets the rate before every iteration; {@link LearningRateSchedule#CONSTANT} keeps it
 */
public record ScheduledOptimizer(Optimizer optimizer, LearningRateSchedule schedule) {

    public ScheduledOptimizer {
        Objects.requireNonNull(optimizer, "optimizer");
        Objects.requireNonNull(schedule, "schedule");
    }

    /** {@code optimizer} at a constant learning rate. */
    public static ScheduledOptimizer constant(Optimizer optimizer) {
        return new ScheduledOptimizer(optimizer, LearningRateSchedule.CONSTANT);
    }
}
