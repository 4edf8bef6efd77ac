package dev.gan4j.api;

/**
 * Service-provider interface that registers an optimiser under a name, so that
 * {@code {"type": "my-optimizer", ...}} works in an experiment's {@code "optimizers"} once the jar
 * is on the classpath (register the implementation in
 * {@code META-INF/services/dev.gan4j.api.OptimizerType}). gan4j's own optimisers are registered
 * the same way.
 *
 * @param <C> the configuration record bound from the JSON object
 */
public interface OptimizerType<C extends OptimizerConfig> {

    /** The {@code "type"} name in JSON, lower-case with dashes, e.g. {@code "adam"}. */
    String name();

    /** The record the JSON object binds to; unknown JSON fields are rejected. */
    Class<C> configClass();

    /**
     * A new optimiser with empty state and {@code config}'s learning rate.
     *
     * @throws IllegalArgumentException if a value is out of range, naming the field
     */
    Optimizer create(C config, Backend backend);

    /**
     * How many tensors of a parameter's shape the optimiser keeps for each trainable parameter
     * (state and scratch), for estimating an experiment's memory before anything is built.
     */
    int stateTensorsPerParameter(C config);

    /**
     * Checks {@code config} against the training it will take part in, before anything is built or
     * trained: {@code gan validate} and {@code gan train} report what this throws at the
     * optimiser's JSON path. {@code setup.network()} names the network it serves
     * ("generator" or "discriminator"). The default checks nothing.
     *
     * @throws IllegalArgumentException naming the field and why it does not fit
     */
    default void validate(C config, TrainingSetup setup) {
    }
}
