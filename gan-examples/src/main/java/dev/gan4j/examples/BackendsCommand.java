package dev.gan4j.examples;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gan4j.api.BackendProvider;
import dev.gan4j.api.Backends;
import java.io.PrintWriter;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code gan backends}: every backend provider on the classpath. */
@Command(name = "backends", mixinStandardHelpOptions = true, versionProvider = GanCli.Version.class,
        description = "List the backends found: name, priority, availability (or why not) and "
        + "version. The default is the available one with the highest priority, unless -Dgan4j.backend or "
        + "GAN4J_BACKEND names another.")
final class BackendsCommand implements Callable<Integer> {

    @ParentCommand
    GanCli cli;

    @Option(names = "--json", description = "One JSON array, for scripts: name, priority, version, available, "
            + "reason, default.")
    boolean json;

    @Mixin
    VerboseOption verbose;

    @Override
    public Integer call() {
        Backends backends = Backends.discover();
        PrintWriter out = cli.out;
        String chosen;
        try {
            chosen = backends.select(null).name();
        } catch (Backends.NoSuchBackendException e) {
            chosen = null;
        }
        if (json) {
            out.println(toJson(backends, chosen));
            out.flush();
            return chosen == null ? GanCli.USER_ERROR : 0;
        }
        out.printf(Locale.ROOT, "%-10s %8s  %-10s %s%n", "NAME", "PRIORITY", "VERSION", "STATUS");
        for (BackendProvider p : backends.providers()) {
            String status = available(p) ? "available" : "unavailable: " + reason(p);
            if (p.name().equals(chosen)) {
                status += " (default)";
            }
            out.printf(Locale.ROOT, "%-10s %8d  %-10s %s%n", p.name(), p.priority(), version(p), status);
        }
        for (String error : backends.loadErrors()) {
            out.println("failed to load a provider: " + error);
        }
        if (chosen == null) {
            throw new UserError(backends.describe(), null);
        }
        out.flush();
        return 0;
    }

    /** Every provider as a JSON object; load errors as objects with only an {@code error}. */
    private static String toJson(Backends backends, String chosen) {
        ObjectMapper mapper = new ObjectMapper();
        ArrayNode array = mapper.createArrayNode();
        for (BackendProvider p : backends.providers()) {
            ObjectNode o = array.addObject();
            o.put("name", p.name());
            o.put("priority", p.priority());
            o.put("version", version(p));
            boolean available = available(p);
            o.put("available", available);
            o.put("reason", available ? "" : reason(p));
            o.put("default", p.name().equals(chosen));
        }
        for (String error : backends.loadErrors()) {
            array.addObject().put("error", error);
        }
        try {
            return mapper.writerWithDefaultPrettyPrinter().writeValueAsString(array);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("a JSON tree of strings and numbers did not serialise", e);
        }
    }

    private static boolean available(BackendProvider p) {
        try {
            return p.isAvailable();
        } catch (RuntimeException | LinkageError e) {
            return false;
        }
    }

    private static String reason(BackendProvider p) {
        try {
            String r = p.unavailableReason();
            return r == null || r.isBlank() ? "not available" : r;
        } catch (RuntimeException | LinkageError e) {
            return "availability check failed: " + e;
        }
    }

    private static String version(BackendProvider p) {
        try {
            return p.version();
        } catch (RuntimeException | LinkageError e) {
            return "?";
        }
    }
}
