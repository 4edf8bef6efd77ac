package dev.gan4j.api;

/**
 * Service-provider interface that registers a learning-rate schedule under a name, so that
 * {@code "schedule": {"type": "my-schedule", ...}} works on any optimiser once the jar is on the
 * classpath (register the implementation in {@code META-INF/services/dev.gan4j.api.ScheduleType}).
 *
 * @param <C> the configuration record bound from the JSON object
 */
public interface ScheduleType<C extends ScheduleConfig> {

    /** The {@code "type"} name in JSON, lower-case with dashes, e.g. {@code "linear-decay"}. */
    String name();

    /** The record the JSON object binds to; unknown JSON fields are rejected. */
    Class<C> configClass();

    /** The schedule {@code config} describes. */
    LearningRateSchedule create(C config);
}
