package dev.gan4j.api;

/**
 * Service-provider interface that registers an adversarial loss under a name, so that
 * {@code "loss": {"type": "my-loss"}} works once the jar is on the classpath (register the
 * implementation in {@code META-INF/services/dev.gan4j.api.LossType}). gan4j's own losses are
 * registered the same way.
 *
 * @param <C> the configuration record bound from the JSON object
 */
public interface LossType<C extends LossConfig> {

    /** The {@code "type"} name in JSON, lower-case with dashes, e.g. {@code "hinge"}. */
    String name();

    /** The record the JSON object binds to; unknown JSON fields are rejected. */
    Class<C> configClass();

    /** The loss {@code config} describes. */
    GanLoss create(C config);

    /**
     * Checks {@code config} against the training it will take part in, before anything is built or
     * trained: {@code gan validate} and {@code gan train} report what this throws at the
     * loss's JSON path. {@code setup.network()} names the network it serves
     * ("discriminator", whose outputs it scores). The default checks nothing.
     *
     * @throws IllegalArgumentException naming the field and why it does not fit
     */
    default void validate(C config, TrainingSetup setup) {
    }
}
