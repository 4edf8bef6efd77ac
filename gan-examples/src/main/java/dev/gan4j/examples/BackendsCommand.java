package dev.gan4j.examples;

import dev.gan4j.api.BackendProvider;
import dev.gan4j.api.Backends;
import java.io.PrintWriter;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.ParentCommand;

/** {@code gan backends}: every backend provider on the classpath. */
@Command(name = "backends", description = "List the backends found: name, priority, availability (or why not) and "
        + "version. The default is the available one with the highest priority, unless -Dgan4j.backend or "
        + "GAN4J_BACKEND names another.")
final class BackendsCommand implements Callable<Integer> {

    @ParentCommand
    GanCli cli;

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
