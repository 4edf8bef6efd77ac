package dev.gan4j.core.optim;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.gan4j.api.LearningRateSchedule;
import dev.gan4j.api.ScheduleConfig;
import dev.gan4j.api.ScheduleType;
import dev.gan4j.core.registry.RegisteredType;

/**
 * gan4j's own learning-rate schedules ({@code "schedule"} on any optimiser), registered in
 * {@code META-INF/services/dev.gan4j.api.ScheduleType} exactly as a user's would be. Each is a
 * pure function of the iteration (0-based, counting completed iterations): the base rate times
 * a factor, so a run resumed from a checkpoint picks up the same rates.
 *
 * <ul>
 *   <li>{@code {"type": "constant"}} — the default;</li>
 *   <li>{@code {"type": "step", "every": 1000, "factor": 0.5}} — multiplied by {@code factor}
 *       every {@code every} iterations (PyTorch's {@code StepLR});</li>
 *   <li>{@code {"type": "exponential", "factor": 0.999}} — multiplied by {@code factor} every
 *       iteration ({@code ExponentialLR});</li>
 *   <li>{@code {"type": "linear-decay", "start": 500, "end": 1500, "finalFactor": 0}} — constant
 *       until {@code start}, then linear down to {@code finalFactor} at {@code end}, constant
 *       after (the "decay to zero over the second half" of CycleGAN and pix2pix).</li>
 * </ul>
 *
 * <p>The configurations are the schedules themselves: they hold nothing but their settings.
 */
public final class Schedules {

    private Schedules() {
    }

    /** A built-in schedule: its configuration record computes the rate. */
    private interface Factor extends ScheduleConfig, LearningRateSchedule {

        /** The multiplier of the base rate during iteration {@code iteration}. */
        double factor(int iteration);

        @Override
        default double rate(double baseRate, int iteration) {
            return baseRate * factor(iteration);
        }
    }

    /** {@code {"type": "constant"}}. */
    public record Constant() implements Factor {
        @Override
        public double factor(int iteration) {
            return 1;
        }
    }

    /**
     * {@code {"type": "step", "every": 1000, "factor": 0.5}}.
     *
     * @param every iterations between drops, positive
     * @param factor multiplier at each drop, in (0, 1]
     */
    public record Step(int every, double factor) implements Factor {
        public Step {
            if (every <= 0) {
                throw new IllegalArgumentException("every must be positive, got " + every);
            }
            Checks.check("factor", factor, 0, true, 1);
        }

        @JsonCreator
        static Step fromJson(@JsonProperty(value = "every", required = true) int every,
                @JsonProperty(value = "factor", required = true) double factor) {
            return new Step(every, factor);
        }

        @Override
        public double factor(int iteration) {
            return Math.pow(factor, iteration / every);
        }
    }

    /**
     * {@code {"type": "exponential", "factor": 0.999}}.
     *
     * @param factor multiplier per iteration, in (0, 1]
     */
    public record Exponential(double factor) implements Factor {
        public Exponential {
            Checks.check("factor", factor, 0, true, 1);
        }

        @JsonCreator
        static Exponential fromJson(@JsonProperty(value = "factor", required = true) double factor) {
            return new Exponential(factor);
        }

        @Override
        public double factor(int iteration) {
            return Math.pow(factor, iteration);
        }
    }

    /**
     * {@code {"type": "linear-decay", "start": 500, "end": 1500, "finalFactor": 0}}.
     *
     * @param start last iteration at the full rate, ≥ 0 (default 0)
     * @param end iteration from which the rate is {@code finalFactor} times the base one,
     *     greater than {@code start}
     * @param finalFactor the multiplier reached at {@code end}, in [0, 1] (default 0)
     */
    public record LinearDecay(int start, int end, double finalFactor) implements Factor {
        public LinearDecay {
            if (start < 0) {
                throw new IllegalArgumentException("start must be >= 0, got " + start);
            }
            if (end <= start) {
                throw new IllegalArgumentException("end (" + end + ") must be greater than start (" + start + ")");
            }
            Checks.check("finalFactor", finalFactor, 0, false, 1);
        }

        @JsonCreator
        static LinearDecay fromJson(@JsonProperty("start") Integer start,
                @JsonProperty(value = "end", required = true) int end,
                @JsonProperty("finalFactor") Double finalFactor) {
            return new LinearDecay(start == null ? 0 : start, end, finalFactor == null ? 0 : finalFactor);
        }

        @Override
        public double factor(int iteration) {
            if (iteration <= start) {
                return 1;
            }
            if (iteration >= end) {
                return finalFactor;
            }
            return 1 - (1 - finalFactor) * (iteration - start) / (double) (end - start);
        }
    }

    /** Registers a schedule whose configuration is the schedule. */
    private abstract static class SelfType<C extends Factor> extends RegisteredType<C> implements ScheduleType<C> {
        SelfType(String name, Class<C> configClass) {
            super(name, configClass);
        }

        @Override
        public final LearningRateSchedule create(C config) {
            return config;
        }
    }

    /** {@code "constant"}. */
    public static final class ConstantType extends SelfType<Constant> {
        public ConstantType() {
            super("constant", Constant.class);
        }
    }

    /** {@code "step"}. */
    public static final class StepType extends SelfType<Step> {
        public StepType() {
            super("step", Step.class);
        }
    }

    /** {@code "exponential"}. */
    public static final class ExponentialType extends SelfType<Exponential> {
        public ExponentialType() {
            super("exponential", Exponential.class);
        }
    }

    /** {@code "linear-decay"}. */
    public static final class LinearDecayType extends SelfType<LinearDecay> {
        public LinearDecayType() {
            super("linear-decay", LinearDecay.class);
        }
    }
}
