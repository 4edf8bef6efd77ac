package dev.gan4j.core.optim;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;

/**
 * How an optimiser's learning rate changes over training iterations ({@code "schedule"} in an
 * optimiser's configuration). A schedule is a pure function of the iteration: the rate for
 * iteration {@code t} (0-based, counting completed iterations) is
 * {@code learningRate · factor(t)}, so a run resumed from a checkpoint picks up the same rates.
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
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({
    @JsonSubTypes.Type(value = LearningRateSchedule.Constant.class, name = "constant"),
    @JsonSubTypes.Type(value = LearningRateSchedule.Step.class, name = "step"),
    @JsonSubTypes.Type(value = LearningRateSchedule.Exponential.class, name = "exponential"),
    @JsonSubTypes.Type(value = LearningRateSchedule.LinearDecay.class, name = "linear-decay"),
})
public sealed interface LearningRateSchedule extends dev.gan4j.api.LearningRateSchedule {

    /** The schedule that keeps the configured rate. */
    LearningRateSchedule CONSTANT = new Constant();

    /** The multiplier of the configured learning rate during iteration {@code iteration} (0-based). */
    double factor(int iteration);

    /** {@code baseRate · factor(iteration)}. */
    @Override
    default double rate(double baseRate, int iteration) {
        return baseRate * factor(iteration);
    }

    /** {@code {"type": "constant"}}. */
    record Constant() implements LearningRateSchedule {
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
    record Step(int every, double factor) implements LearningRateSchedule {
        public Step {
            if (every <= 0) {
                throw new IllegalArgumentException("every must be positive, got " + every);
            }
            OptimizerConfig.check("factor", factor, 0, true, 1);
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
    record Exponential(double factor) implements LearningRateSchedule {
        public Exponential {
            OptimizerConfig.check("factor", factor, 0, true, 1);
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
     * @param end iteration from which the rate is {@code finalFactor} times the configured one,
     *     greater than {@code start}
     * @param finalFactor the multiplier reached at {@code end}, in [0, 1] (default 0)
     */
    record LinearDecay(int start, int end, double finalFactor) implements LearningRateSchedule {
        public LinearDecay {
            if (start < 0) {
                throw new IllegalArgumentException("start must be >= 0, got " + start);
            }
            if (end <= start) {
                throw new IllegalArgumentException("end (" + end + ") must be greater than start (" + start + ")");
            }
            OptimizerConfig.check("finalFactor", finalFactor, 0, false, 1);
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
}
