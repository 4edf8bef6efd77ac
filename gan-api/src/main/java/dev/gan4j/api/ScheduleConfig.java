package dev.gan4j.api;

/**
 * The configuration of a learning-rate schedule, as written in an optimiser's {@code "schedule"}.
 * Implement it with a Java record whose components are the JSON fields; the {@link ScheduleType}
 * that owns it gives its {@code "type"} name.
 */
public interface ScheduleConfig {
}
