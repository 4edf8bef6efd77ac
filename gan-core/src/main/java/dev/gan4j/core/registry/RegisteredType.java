package dev.gan4j.core.registry;

/**
 * The name and configuration class every registered type reports, for gan4j's own types: extend
 * it and implement the service-provider interface ({@code OptimizerType}, {@code LossType}, …).
 *
 * @param <C> the configuration record bound from the JSON object
 */
public abstract class RegisteredType<C> {

    private final String name;
    private final Class<C> configClass;

    protected RegisteredType(String name, Class<C> configClass) {
        this.name = name;
        this.configClass = configClass;
    }

    /** The {@code "type"} name in JSON. */
    public final String name() {
        return name;
    }

    /** The record the JSON object binds to. */
    public final Class<C> configClass() {
        return configClass;
    }
}
