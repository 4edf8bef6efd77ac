package dev.gan4j.core.nn;

import dev.gan4j.api.Layer;
import dev.gan4j.api.LayerConfig;
import dev.gan4j.api.LayerContext;
import dev.gan4j.api.LayerType;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.TreeMap;

/**
 * The {@link LayerType}s known by name: gan-core's own and any found with {@link ServiceLoader}
 * on the classpath, so a user's layer jar makes its {@code "type"} usable in JSON.
 */
public final class LayerRegistry {

    private final Map<String, LayerType<?>> byName;
    private final Map<Class<?>, LayerType<?>> byConfig;

    private LayerRegistry(Collection<? extends LayerType<?>> types) {
        Map<String, LayerType<?>> names = new TreeMap<>();
        Map<Class<?>, LayerType<?>> configs = new LinkedHashMap<>();
        for (LayerType<?> type : types) {
            LayerType<?> previous = names.putIfAbsent(type.name(), type);
            if (previous != null) {
                throw new IllegalStateException("layer type name '" + type.name() + "' is registered twice: by "
                        + previous.getClass().getName() + " and by " + type.getClass().getName());
            }
            LayerType<?> sameConfig = configs.putIfAbsent(type.configClass(), type);
            if (sameConfig != null) {
                throw new IllegalStateException("config class " + type.configClass().getName()
                        + " is used by two layer types: '" + sameConfig.name() + "' and '" + type.name() + "'");
            }
        }
        this.byName = Map.copyOf(names);
        this.byConfig = Map.copyOf(configs);
    }

    /** Every layer type registered on the context class loader (or gan-core's). */
    public static LayerRegistry discover() {
        ClassLoader loader = Thread.currentThread().getContextClassLoader();
        return discover(loader != null ? loader : LayerRegistry.class.getClassLoader());
    }

    /** Every layer type registered on {@code loader}. */
    @SuppressWarnings("rawtypes")
    public static LayerRegistry discover(ClassLoader loader) {
        List<LayerType<?>> types = new java.util.ArrayList<>();
        for (LayerType type : ServiceLoader.load(LayerType.class, loader)) {
            types.add(type);
        }
        return new LayerRegistry(types);
    }

    /** A registry of exactly {@code types}. */
    public static LayerRegistry of(Collection<? extends LayerType<?>> types) {
        return new LayerRegistry(types);
    }

    /** The registered types, sorted by name. */
    public Collection<LayerType<?>> types() {
        return new TreeMap<>(byName).values();
    }

    /** The type registered under {@code name}. */
    public Optional<LayerType<?>> find(String name) {
        return Optional.ofNullable(byName.get(name));
    }

    /** The names of every registered type, sorted. */
    public List<String> names() {
        return List.copyOf(new TreeMap<>(byName).keySet());
    }

    /**
     * Builds the layer {@code config} describes.
     *
     * @throws IllegalArgumentException if no registered type owns {@code config}'s class
     */
    @SuppressWarnings({"unchecked", "rawtypes"})
    public Layer create(LayerConfig config, LayerContext context) {
        LayerType type = byConfig.get(config.getClass());
        if (type == null) {
            throw new IllegalArgumentException("no layer type is registered for " + config.getClass().getName()
                    + "; known types: " + names());
        }
        return type.create(config, context);
    }

    /** The name of the type that owns {@code config}. */
    public String nameOf(LayerConfig config) {
        LayerType<?> type = byConfig.get(config.getClass());
        if (type == null) {
            throw new IllegalArgumentException("no layer type is registered for " + config.getClass().getName());
        }
        return type.name();
    }
}
