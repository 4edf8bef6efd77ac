package dev.gan4j.core.plugin;

import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Loads plugin jars: layer, optimiser, loss, schedule and backend types that a user's jar registers
 * in its {@code META-INF/services} files. Make it the thread's context class loader while gan4j
 * discovers types ({@code LayerRegistry.discover()}, {@code TypeRegistries.discover()},
 * {@code Backends.discover()} all ask it), and the jars' types work exactly like gan4j's own; the
 * jars it holds are recorded in every run's provenance ({@link #current()}).
 */
public final class PluginClassLoader extends URLClassLoader {

    static {
        registerAsParallelCapable();
    }

    private final List<PluginJar> jars;

    /** A loader over {@code jars}, which must exist, delegating to {@code parent} first. */
    public PluginClassLoader(List<Path> jars, ClassLoader parent) {
        super("gan4j-plugins", urls(jars), parent);
        List<PluginJar> described = new ArrayList<>();
        for (Path jar : jars) {
            described.add(PluginJar.of(jar));
        }
        this.jars = List.copyOf(described);
    }

    private static URL[] urls(List<Path> jars) {
        URL[] urls = new URL[jars.size()];
        for (int i = 0; i < urls.length; i++) {
            try {
                urls[i] = jars.get(i).toUri().toURL();
            } catch (MalformedURLException e) {
                throw new IllegalArgumentException("plugin jar " + jars.get(i) + ": " + e.getMessage(), e);
            }
        }
        return urls;
    }

    /** The jars this loader holds, in the order given. */
    public List<PluginJar> jars() {
        return jars;
    }

    /** The plugin loader among the current thread's context class loader and its parents, if any. */
    public static Optional<PluginClassLoader> current() {
        for (ClassLoader l = Thread.currentThread().getContextClassLoader(); l != null; l = l.getParent()) {
            if (l instanceof PluginClassLoader plugins) {
                return Optional.of(plugins);
            }
        }
        return Optional.empty();
    }

    /** The plugin jar that defined {@code type}, if a plugin loader did. */
    public static Optional<PluginJar> jarOf(Class<?> type) {
        if (type.getClassLoader() instanceof PluginClassLoader plugins && type.getProtectionDomain() != null
                && type.getProtectionDomain().getCodeSource() != null) {
            String location = type.getProtectionDomain().getCodeSource().getLocation().toString();
            for (PluginJar jar : plugins.jars) {
                if (location.endsWith("/" + jar.name())) {
                    return Optional.of(jar);
                }
            }
        }
        return Optional.empty();
    }
}
