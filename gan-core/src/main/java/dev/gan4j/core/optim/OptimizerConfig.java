package dev.gan4j.core.optim;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import dev.gan4j.api.Backend;
import dev.gan4j.api.Optimizer;

/**
 * An optimiser's configuration as written in an experiment: {@code {"type": "sgd", ...}},
 * {@code "adam"} or {@code "rmsprop"}. Configuration is immutable; {@link #create(Backend)} makes
 * a fresh optimiser with its own state. Each accepts an optional {@code "schedule"}
 * ({@link LearningRateSchedule}) that the trainer applies per iteration.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({
    @JsonSubTypes.Type(value = SgdConfig.class, name = "sgd"),
    @JsonSubTypes.Type(value = AdamConfig.class, name = "adam"),
    @JsonSubTypes.Type(value = RmsPropConfig.class, name = "rmsprop"),
})
public sealed interface OptimizerConfig permits SgdConfig, AdamConfig, RmsPropConfig {

    /** A new optimiser with empty state. */
    Optimizer create(Backend backend);

    /**
     * How many tensors of a parameter's shape the optimiser keeps for each trainable parameter
     * (saved state and scratch), for estimating an experiment's memory before it is built.
     */
    int stateTensorsPerParameter();

    /** The configured (initial) learning rate. */
    double learningRate();

    /** How the learning rate changes over iterations ({@link LearningRateSchedule#CONSTANT} if not given). */
    LearningRateSchedule schedule();

    /** Fails with a message naming {@code field} unless {@code value} is finite and in range. */
    static void check(String field, double value, double min, boolean minExclusive, double max) {
        boolean ok = Double.isFinite(value) && (minExclusive ? value > min : value >= min) && value <= max;
        if (!ok) {
            throw new IllegalArgumentException(field + " must be " + (minExclusive ? "> " : ">= ") + min
                    + (max < Double.MAX_VALUE ? " and <= " + max : "") + ", got " + value);
        }
    }
}
