package dev.gan4j.examples;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gan4j.core.plugin.PluginClassLoader;
import dev.gan4j.core.plugin.PluginJar;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * When a run cannot be resumed or sampled because its experiment names a type nobody registered,
 * says which plugin jars the run was trained with ({@code provenance.json}) and are not loaded now.
 */
final class PluginHint {

    private PluginHint() {
    }

    /**
     * The hint for the run at {@code given} (a run directory, or a checkpoint inside one's
     * {@code checkpoints/}), or empty when the run recorded no plugin that is missing now.
     */
    static Optional<String> forRun(Path given) {
        Path dir = Files.isDirectory(given) ? given : given.toAbsolutePath().getParent();
        if (dir != null && !Files.exists(dir.resolve("provenance.json")) && dir.getParent() != null) {
            dir = dir.getParent(); // a checkpoint in RUN/checkpoints/
        }
        if (dir == null || !Files.isRegularFile(dir.resolve("provenance.json"))) {
            return Optional.empty();
        }
        JsonNode plugins;
        try {
            plugins = new ObjectMapper().readTree(dir.resolve("provenance.json").toFile()).path("plugins");
        } catch (IOException e) {
            return Optional.empty(); // the error being explained stands on its own
        }
        Set<String> loaded = PluginClassLoader.current().map(l -> l.jars().stream().map(PluginJar::sha256)
                .collect(Collectors.toSet())).orElse(Set.of());
        List<String> missing = new ArrayList<>();
        for (JsonNode p : plugins) {
            if (!loaded.contains(p.path("sha256").asText())) {
                missing.add(new PluginJar(p.path("name").asText(), p.path("path").asText(), p.path("sha256").asText())
                        .describe() + " from " + p.path("path").asText());
            }
        }
        if (missing.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of("this run was trained with plugin jar" + (missing.size() > 1 ? "s " : " ")
                + String.join(", ", missing) + ", not loaded now: add --plugin JAR (or set GAN4J_PLUGINS)");
    }
}
