package dev.gan4j.core.registry;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * Named service providers of one kind (layer, optimizer, loss or schedule types), each owning a
 * configuration class: the one lookup every JSON {@code "type"} goes through, so gan4j's own types
 * and a user's (found with {@link ServiceLoader}) are treated the same. Names and configuration
 * classes must each be unique.
 *
 * @param <T> the service-provider interface, e.g. {@code OptimizerType<?>}
 */
public final class TypeRegistry<T> {

    private final String kind;
    private final Function<? super T, String> nameOf;
    private final Map<String, T> byName;
    private final Map<Class<?>, T> byConfig;

    private TypeRegistry(String kind, Collection<? extends T> types, Function<? super T, String> name,
            Function<? super T, Class<?>> configClass) {
        this.kind = kind;
        this.nameOf = name;
        Map<String, T> names = new TreeMap<>();
        Map<Class<?>, T> configs = new LinkedHashMap<>();
        for (T type : types) {
            T previous = names.putIfAbsent(name.apply(type), type);
            if (previous != null) {
                throw new IllegalStateException(kind + " name '" + name.apply(type) + "' is registered twice: by "
                        + previous.getClass().getName() + " and by " + type.getClass().getName());
            }
            T sameConfig = configs.putIfAbsent(configClass.apply(type), type);
            if (sameConfig != null) {
                throw new IllegalStateException("config class " + configClass.apply(type).getName() + " is used by two "
                        + kind + "s: '" + name.apply(sameConfig) + "' and '" + name.apply(type) + "'");
            }
        }
        this.byName = Map.copyOf(names);
        this.byConfig = Map.copyOf(configs);
    }

    /**
     * A registry of exactly {@code types}.
     *
     * @param kind what a type is called in messages, e.g. {@code "optimizer type"}
     * @param name gives a type's {@code "type"} name
     * @param configClass gives the record a type's JSON binds to
     * @throws IllegalStateException if two types share a name or a configuration class
     */
    public static <T> TypeRegistry<T> of(String kind, Collection<? extends T> types, Function<? super T, String> name,
            Function<? super T, Class<?>> configClass) {
        return new TypeRegistry<>(kind, types, name, configClass);
    }

    /**
     * Every implementation of {@code service} registered on {@code loader}
     * ({@code META-INF/services/<service's name>}).
     */
    @SuppressWarnings("unchecked")
    public static <T> TypeRegistry<T> discover(Class<? super T> service, ClassLoader loader, String kind,
            Function<? super T, String> name, Function<? super T, Class<?>> configClass) {
        List<T> types = new ArrayList<>();
        for (Object type : ServiceLoader.load(service, loader)) {
            types.add((T) type);
        }
        return new TypeRegistry<>(kind, types, name, configClass);
    }

    /** The context class loader, or {@code fallback}'s when there is none. */
    public static ClassLoader defaultLoader(Class<?> fallback) {
        ClassLoader loader = Thread.currentThread().getContextClassLoader();
        return loader != null ? loader : fallback.getClassLoader();
    }

    /** What a type is called in messages, e.g. {@code "optimizer type"}. */
    public String kind() {
        return kind;
    }

    /** The registered types, sorted by name. */
    public Collection<T> types() {
        return new TreeMap<>(byName).values();
    }

    /** The type registered under {@code name}. */
    public Optional<T> find(String name) {
        return Optional.ofNullable(byName.get(name));
    }

    /** The names of every registered type, sorted. */
    public List<String> names() {
        return List.copyOf(new TreeMap<>(byName).keySet());
    }

    /**
     * The type whose configuration class {@code config} is.
     *
     * @throws IllegalArgumentException if no registered type owns it, listing the known names
     */
    public T owner(Object config) {
        T type = byConfig.get(config.getClass());
        if (type == null) {
            throw new IllegalArgumentException("no " + kind + " is registered for " + config.getClass().getName()
                    + "; known " + kind + "s: " + names());
        }
        return type;
    }

    /** The name of the type that owns {@code config}. */
    public String nameOf(Object config) {
        return nameOf.apply(owner(config));
    }
}
