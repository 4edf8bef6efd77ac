package dev.gan4j.core.nn;

import dev.gan4j.api.Layer;
import dev.gan4j.api.LayerConfig;
import dev.gan4j.api.LayerContext;
import dev.gan4j.api.LayerType;
import dev.gan4j.api.TrainingSetup;
import dev.gan4j.core.registry.TypeRegistry;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * The {@link LayerType}s known by name: gan-core's own and any found with {@link java.util.ServiceLoader}
 * on the classpath, so a user's layer jar makes its {@code "type"} usable in JSON.
 */
public final class LayerRegistry {

    private static final String KIND = "layer type";

    private final TypeRegistry<LayerType<?>> types;

    private LayerRegistry(TypeRegistry<LayerType<?>> types) {
        this.types = types;
    }

    /** Every layer type registered on the context class loader (or gan-core's). */
    public static LayerRegistry discover() {
        return discover(TypeRegistry.defaultLoader(LayerRegistry.class));
    }

    /** Every layer type registered on {@code loader}. */
    public static LayerRegistry discover(ClassLoader loader) {
        return new LayerRegistry(TypeRegistry.discover(LayerType.class, loader, KIND, LayerType::name,
                LayerType::configClass));
    }

    /** A registry of exactly {@code types}. */
    public static LayerRegistry of(Collection<? extends LayerType<?>> types) {
        return new LayerRegistry(TypeRegistry.of(KIND, types, LayerType::name, LayerType::configClass));
    }

    /** The registered types, sorted by name. */
    public Collection<LayerType<?>> types() {
        return types.types();
    }

    /** The type registered under {@code name}. */
    public Optional<LayerType<?>> find(String name) {
        return types.find(name);
    }

    /** The names of every registered type, sorted. */
    public List<String> names() {
        return types.names();
    }

    /**
     * Builds the layer {@code config} describes.
     *
     * @throws IllegalArgumentException if no registered type owns {@code config}'s class
     */
    @SuppressWarnings({"unchecked", "rawtypes"})
    public Layer create(LayerConfig config, LayerContext context) {
        LayerType type = types.owner(config);
        return type.create(config, context);
    }

    /**
     * Lets the type that owns {@code config} check it against the training ({@link LayerType#validate}).
     *
     * @throws IllegalArgumentException what the type throws
     */
    @SuppressWarnings({"unchecked", "rawtypes"})
    public void validate(LayerConfig config, int[] inputShape, TrainingSetup setup) {
        LayerType type = types.owner(config);
        type.validate(config, inputShape, setup);
    }

    /** The name of the type that owns {@code config}. */
    public String nameOf(LayerConfig config) {
        return types.nameOf(config);
    }
}
