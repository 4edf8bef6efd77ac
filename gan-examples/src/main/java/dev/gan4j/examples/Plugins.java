package dev.gan4j.examples;

import dev.gan4j.core.plugin.PluginClassLoader;
import dev.gan4j.mnist.DataEnvironment;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Where the {@code gan} command finds plugin jars, in this order: each {@code --plugin PATH}, the
 * paths in {@code GAN4J_PLUGINS} (separated by {@code :}), the {@code plugins/} folder beside the
 * launcher ({@code -Dgan4j.home}, which {@code ./gan} sets) and the user's
 * {@code $XDG_CONFIG_HOME/gan4j/plugins} (default {@code ~/.config/gan4j/plugins}). A path may be a
 * jar or a folder, whose {@code *.jar} files are taken in name order. A path the user named
 * ({@code --plugin} or {@code GAN4J_PLUGINS}) must exist; the two folders are optional.
 */
final class Plugins {

    static final String ENV = "GAN4J_PLUGINS";
    static final String HOME_PROPERTY = "gan4j.home";

    private Plugins() {
    }

    /**
     * The plugin jars to load, each once.
     *
     * @throws UserError naming a named path that does not exist or is not a jar or folder
     */
    static List<Path> find(List<Path> options, DataEnvironment env) {
        Set<Path> jars = new LinkedHashSet<>();
        for (Path p : options) {
            add(p, "--plugin " + p, true, jars);
        }
        Optional<String> fromEnv = env.variable(ENV);
        if (fromEnv.isPresent()) {
            for (String part : fromEnv.get().split(File.pathSeparator)) {
                if (!part.isBlank()) {
                    add(Path.of(part.strip()), ENV + " entry " + part.strip(), true, jars);
                }
            }
        }
        String home = System.getProperty(HOME_PROPERTY);
        if (home != null && !home.isBlank()) {
            add(Path.of(home, "plugins"), null, false, jars);
        }
        String config = env.variable("XDG_CONFIG_HOME").filter(s -> !s.isBlank()).orElse(null);
        Path configDir = config != null ? Path.of(config) : env.home().resolve(".config");
        add(configDir.resolve("gan4j").resolve("plugins"), null, false, jars);
        return List.copyOf(jars);
    }

    private static void add(Path path, String named, boolean required, Set<Path> jars) {
        Path p = path.toAbsolutePath().normalize();
        if (Files.isDirectory(p)) {
            try (Stream<Path> files = Files.list(p)) {
                files.filter(f -> f.getFileName().toString().endsWith(".jar") && Files.isRegularFile(f)).sorted()
                        .forEach(jars::add);
            } catch (IOException e) {
                throw new UserError(named != null ? named + ": cannot list the folder: " + e.getMessage()
                        : "cannot list the plugin folder " + p + ": " + e.getMessage(), e);
            }
        } else if (Files.isRegularFile(p) && p.getFileName().toString().endsWith(".jar")) {
            jars.add(p);
        } else if (required) {
            throw new UserError(named + ": " + (Files.exists(p) ? "is not a .jar file or a folder of them"
                    : "no such file or folder"), null);
        }
    }

    /** A loader over {@code jars} below this class's own, or null when there are none. */
    static PluginClassLoader loader(List<Path> jars) {
        if (jars.isEmpty()) {
            return null;
        }
        try {
            return new PluginClassLoader(jars, Plugins.class.getClassLoader());
        } catch (java.io.UncheckedIOException e) {
            throw new UserError(e.getMessage(), e);
        }
    }

    /** The jar names, for messages. */
    static List<String> names(List<Path> jars) {
        List<String> out = new ArrayList<>();
        jars.forEach(j -> out.add(j.getFileName().toString()));
        return out;
    }
}
