package dev.gan4j.api;

/**
 * Service-provider interface that registers a layer under a name, so that
 * {@code {"type": "my-layer", ...}} works in an experiment once the jar is on the classpath
 * (register the implementation in {@code META-INF/services/dev.gan4j.api.LayerType}).
 *
 * @param <C> the configuration record bound from the JSON object
 */
public interface LayerType<C extends LayerConfig> {

    /** The {@code "type"} name in JSON, lower-case with dashes, e.g. {@code "dense"}. */
    String name();

    /** The record the JSON object binds to; unknown JSON fields are rejected. */
    Class<C> configClass();

    /**
     * Builds a layer. Before a model is built it is also planned: this method is then called once
     * with a {@linkplain LayerContext#planning() planning} context on a shape-only backend, and
     * the layer is run there to measure it (see {@link Layer}).
     *
     * @throws IllegalArgumentException if the configuration does not fit the input shape, with
     *     a message naming the field and the expected and actual values
     */
    Layer create(C config, LayerContext context);

    /**
     * Checks {@code config} against the training it will take part in, before anything is built or
     * trained: {@code gan validate} and {@code gan train} report what this throws at the layer's
     * JSON path. The default checks nothing.
     *
     * @param inputShape the layer's per-sample input shape
     * @throws IllegalArgumentException naming the field and why it does not fit, e.g.
     *     {@code "groupSize 5 does not divide the batch size 64"}
     */
    default void validate(C config, int[] inputShape, TrainingSetup setup) {
    }
}
