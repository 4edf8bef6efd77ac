package dev.gan4j.examples;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.gan4j.api.BackendProvider;
import dev.gan4j.api.Backends;
import dev.gan4j.core.config.TypeRegistries;
import dev.gan4j.core.plugin.PluginClassLoader;
import dev.gan4j.core.plugin.PluginJar;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code gan types}: every layer, optimizer, loss, schedule and backend type found, and where it comes from. */
@Command(name = "types", mixinStandardHelpOptions = true, versionProvider = GanCli.Version.class,
        description = {"List the types an experiment may name: layers, optimizers, losses, learning-rate schedules "
            + "and backends, with where each comes from (gan4j, a plugin jar, or a jar on the classpath).",
            "Plugins come from --plugin, GAN4J_PLUGINS, the plugins/ folder beside the launcher and "
                + "~/.config/gan4j/plugins."})
final class TypesCommand implements Callable<Integer> {

    @ParentCommand
    GanCli cli;

    @Option(names = "--json", description = "One JSON array, for scripts: kind, name, origin.")
    boolean json;

    @Mixin
    VerboseOption verbose;

    /** One registered type: its kind ({@code layer}, {@code optimizer}, …), name and origin. */
    record Entry(String kind, String name, String origin) {
    }

    @Override
    public Integer call() throws JsonProcessingException {
        TypeRegistries types = TypeRegistries.discover();
        List<Entry> entries = new ArrayList<>();
        types.layers().types().forEach(t -> entries.add(new Entry("layer", t.name(), origin(t.getClass()))));
        types.optimizers().types().forEach(t -> entries.add(new Entry("optimizer", t.name(), origin(t.getClass()))));
        types.losses().types().forEach(t -> entries.add(new Entry("loss", t.name(), origin(t.getClass()))));
        types.schedules().types().forEach(t -> entries.add(new Entry("schedule", t.name(), origin(t.getClass()))));
        for (BackendProvider p : Backends.discover().providers()) {
            entries.add(new Entry("backend", p.name(), origin(p.getClass())));
        }
        PrintWriter out = cli.out;
        if (json) {
            ObjectMapper mapper = new ObjectMapper();
            ArrayNode array = mapper.createArrayNode();
            entries.forEach(e -> array.addObject().put("kind", e.kind()).put("name", e.name()).put("origin", e.origin()));
            out.println(mapper.writerWithDefaultPrettyPrinter().writeValueAsString(array));
        } else {
            int width = entries.stream().mapToInt(e -> e.name().length()).max().orElse(4);
            out.printf(Locale.ROOT, "%-10s %-" + width + "s  %s%n", "KIND", "NAME", "FROM");
            entries.forEach(e -> out.printf(Locale.ROOT, "%-10s %-" + width + "s  %s%n", e.kind(), e.name(),
                    e.origin()));
        }
        out.flush();
        return 0;
    }

    /** {@code gan4j}, {@code plugin NAME.jar}, or the jar or folder on the classpath the class came from. */
    static String origin(Class<?> type) {
        if (PluginClassLoader.jarOf(type).isPresent()) {
            return "plugin " + PluginClassLoader.jarOf(type).map(PluginJar::name).orElseThrow();
        }
        if (type.getName().startsWith("dev.gan4j.")) {
            return "gan4j";
        }
        try {
            Path location = Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI());
            return "classpath " + location.getFileName();
        } catch (RuntimeException | java.net.URISyntaxException e) {
            return "classpath";
        }
    }
}
