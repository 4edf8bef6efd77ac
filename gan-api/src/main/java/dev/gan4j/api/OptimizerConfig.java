package dev.gan4j.api;

/**
 * The configuration of one optimiser, as written in an experiment's JSON. Implement it with a
 * Java record whose components are the JSON fields; the {@link OptimizerType} that owns it gives
 * its {@code "type"} name. Every optimiser object in JSON may also carry a {@code "schedule"},
 * which gan4j binds itself (see {@link ScheduleType}): a config does not declare it.
 */
public interface OptimizerConfig {

    /** The base learning rate, which a schedule then varies; ≥ 0. */
    double learningRate();
}
