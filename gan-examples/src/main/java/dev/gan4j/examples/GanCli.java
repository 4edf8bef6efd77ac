package dev.gan4j.examples;

import dev.gan4j.api.Backends;
import dev.gan4j.core.config.ExperimentException;
import dev.gan4j.core.io.FileWriteException;
import dev.gan4j.core.plugin.PluginClassLoader;
import dev.gan4j.core.run.Provenance;
import dev.gan4j.core.run.RunException;
import dev.gan4j.mnist.DataEnvironment;
import dev.gan4j.mnist.DataLoadException;
import java.io.PrintWriter;
import java.nio.charset.Charset;
import java.nio.file.FileSystemException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.Spec;

/**
 * The {@code gan} command line: {@code gan train}, {@code gan validate}, {@code gan runs},
 * {@code gan generate}, {@code gan evaluate}, {@code gan backends}, {@code gan bench}, {@code gan sweep}.
 * A thin layer over the Java API ({@link dev.gan4j.core.GanExperiment},
 * {@link dev.gan4j.core.run.TrainingRun}).
 *
 * <p>Exit codes: 0 success, 2 a user error (bad experiment, missing data, unknown backend, bad
 * arguments, a file that cannot be written because the disk is full, the file system read-only or
 * permission denied: one message on stderr, a stack trace only with {@code --verbose}), 1 an internal
 * error (a bug: message and stack trace), 3 training diverged (the message names the iteration,
 * what diverged and the last good checkpoint), 130 training was interrupted (Ctrl-C: a
 * checkpoint was written; {@code gan train --resume RUN_DIR} continues it).
 */
@Command(name = "gan", mixinStandardHelpOptions = true, versionProvider = GanCli.Version.class,
        description = "Train generative adversarial networks on the JVM.",
        subcommands = {TrainCommand.class, ValidateCommand.class, RunsCommand.class, GenerateCommand.class,
            EvaluateCommand.class, BackendsCommand.class, TypesCommand.class, SchemaCommand.class, BenchCommand.class,
            SweepCommand.class,
            CommandLine.HelpCommand.class})
public final class GanCli implements Runnable {

    /** Exit code of a user error. */
    public static final int USER_ERROR = 2;
    /** Exit code of an internal error. */
    public static final int INTERNAL_ERROR = 1;
    /** Exit code of a run that stopped because training diverged. */
    public static final int DIVERGED = 3;
    /** Exit code of a run stopped by Ctrl-C: 128 + SIGINT, as a shell reports it. */
    public static final int INTERRUPTED = 130;

    private static final String LOG_LEVEL = "org.slf4j.simpleLogger.defaultLogLevel";

    final PrintWriter out;
    final PrintWriter err;
    final DataEnvironment dataEnvironment;
    private List<String> arguments = List.of();

    @Spec
    CommandSpec spec;

    /** Plugin jars for every subcommand ({@code gan train EXP.json --plugin my.jar}); see {@link Plugins}. */
    @Option(names = "--plugin", paramLabel = "JAR", scope = CommandLine.ScopeType.INHERIT,
            description = "A plugin jar (or a folder of them) whose layer, optimizer, loss, schedule and backend "
                    + "types to use; repeatable. Also read: GAN4J_PLUGINS (a path list), the plugins/ folder beside "
                    + "the launcher and ~/.config/gan4j/plugins.")
    List<Path> plugins = new ArrayList<>();

    /**
     * @param out where results and progress go
     * @param err where errors go
     * @param dataEnvironment where data is looked for (environment variables, home, cache)
     */
    public GanCli(PrintWriter out, PrintWriter err, DataEnvironment dataEnvironment) {
        this.out = Objects.requireNonNull(out, "out");
        this.err = Objects.requireNonNull(err, "err");
        this.dataEnvironment = Objects.requireNonNull(dataEnvironment, "dataEnvironment");
    }

    /** Runs the command line and exits with its exit code. */
    public static void main(String[] args) {
        // slf4j-simple reads its level when the first logger is made, so decide it before anything logs
        if (System.getProperty(LOG_LEVEL) == null && List.of(args).stream()
                .anyMatch(a -> List.of(VerboseOption.NAMES).contains(a))) {
            System.setProperty(LOG_LEVEL, "debug");
        }
        Charset cs = Charset.defaultCharset();
        PrintWriter out = new PrintWriter(new java.io.OutputStreamWriter(System.out, cs), true);
        PrintWriter err = new PrintWriter(new java.io.OutputStreamWriter(System.err, cs), true);
        int code = new GanCli(out, err, DataEnvironment.system()).execute(args);
        out.flush();
        err.flush();
        System.exit(code);
    }

    /** Runs one command in this JVM and returns its exit code (never calls {@link System#exit}). */
    public int execute(String... args) {
        arguments = List.of(args);
        CommandLine cl = new CommandLine(this);
        cl.setOut(out);
        cl.setErr(err);
        cl.setExecutionExceptionHandler(this::handle);
        cl.setExecutionStrategy(this::executeWithPlugins);
        Thread thread = Thread.currentThread();
        ClassLoader before = thread.getContextClassLoader();
        int code;
        try {
            code = cl.execute(args);
        } finally {
            // a plugin loader stays open: a background thread (the report painter) may still load from it
            thread.setContextClassLoader(before);
        }
        out.flush();
        err.flush();
        return code;
    }

    /**
     * Runs the parsed command with the plugin jars' types visible: a {@link
     * dev.gan4j.core.plugin.PluginClassLoader} is the context class loader, which every registry
     * and backend discovery asks, for as long as the command runs.
     */
    private int executeWithPlugins(ParseResult parsed) {
        PluginClassLoader loader;
        try {
            loader = Plugins.loader(Plugins.find(plugins, dataEnvironment));
        } catch (UserError e) {
            CommandLine command = parsed.subcommand() != null ? parsed.subcommand().commandSpec().commandLine()
                    : parsed.commandSpec().commandLine();
            return handle(e, command, parsed);
        }
        if (loader != null) {
            // set back by execute() once picocli has also run the error handler, which names plugin classes
            Thread.currentThread().setContextClassLoader(loader);
        }
        return new CommandLine.RunLast().execute(parsed);
    }

    /** {@code gan} and the arguments, for a run's provenance. */
    List<String> commandLine() {
        List<String> all = new ArrayList<>();
        all.add("gan");
        all.addAll(arguments);
        return all;
    }

    @Override
    public void run() {
        spec.commandLine().usage(out);
    }

    private int handle(Exception e, CommandLine command, ParseResult parsed) {
        boolean verbose = false;
        for (ParseResult p = parsed; p != null; p = p.subcommand()) {
            verbose |= p.hasMatchedOption("--verbose");
        }
        if (isUserError(e)) {
            err.println("gan " + command.getCommandName() + ": " + e.getMessage());
            if (e instanceof ExperimentException) {
                runOf(command.getCommand()).flatMap(PluginHint::forRun)
                        .ifPresent(hint -> err.println("gan " + command.getCommandName() + ": " + hint));
            }
            return userError(e, verbose, "(run with --verbose for details)");
        }
        Optional<FileSystemException> io = FileWriteException.in(e);
        if (io.isPresent()) {
            // a full disk, a read-only file system, a permission: the machine's state, not a bug
            err.println("gan " + command.getCommandName() + ": " + FileWriteException.describe(io.get()));
            return userError(e, verbose, "(run with --verbose for details)");
        }
        Optional<String> plugin = pluginAt(e);
        if (plugin.isPresent()) {
            // the user brought this code: say whose it is, as an error in what was given
            err.println("gan " + command.getCommandName() + ": plugin error: " + plugin.get() + " threw " + e);
            return userError(e, verbose, "(run with --verbose for the stack trace)");
        }
        err.println("gan " + command.getCommandName() + ": internal error: " + e);
        e.printStackTrace(err);
        err.flush();
        return INTERNAL_ERROR;
    }

    /** Ends a user error's report: the stack trace with {@code --verbose}, else a hint that there is one. */
    private int userError(Exception e, boolean verbose, String hint) {
        if (verbose) {
            e.printStackTrace(err);
        } else {
            err.println(hint);
        }
        err.flush();
        return USER_ERROR;
    }

    /**
     * {@code CLASS (plugin JAR)} for the innermost stack frame of {@code e} (or its causes) in a
     * class a plugin jar defined, if any.
     */
    private static Optional<String> pluginAt(Throwable e) {
        Optional<PluginClassLoader> plugins = PluginClassLoader.current();
        if (plugins.isEmpty()) {
            return Optional.empty();
        }
        for (Throwable t = e; t != null; t = t.getCause()) {
            for (StackTraceElement frame : t.getStackTrace()) {
                try {
                    Class<?> c = Class.forName(frame.getClassName(), false, plugins.get());
                    Optional<String> jar = PluginClassLoader.jarOf(c).map(j -> j.name());
                    if (jar.isPresent()) {
                        return Optional.of(frame.getClassName() + "." + frame.getMethodName() + " (plugin "
                                + jar.get() + ")");
                    }
                } catch (ClassNotFoundException | LinkageError notOurs) {
                    // a frame of the JDK's hidden classes or a lambda: not a plugin's
                }
            }
        }
        return Optional.empty();
    }

    /** The run a command works on ({@code train --resume RUN_DIR}, {@code generate RUN_DIR|CHECKPOINT}), if any. */
    private static Optional<Path> runOf(Object command) {
        if (command instanceof TrainCommand train && train.resume != null) {
            return Optional.of(train.resume);
        }
        if (command instanceof GenerateCommand generate && generate.source != null) {
            return Optional.of(generate.source);
        }
        return Optional.empty();
    }

    private static boolean isUserError(Throwable e) {
        return e instanceof ExperimentException || e instanceof DataLoadException || e instanceof RunException
                || e instanceof Backends.NoSuchBackendException || e instanceof UserError;
    }

    /** gan4j's version and the JVM's. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"gan4j " + Provenance.currentGan4jVersion(),
                "Java " + System.getProperty("java.version") + " (" + System.getProperty("java.vendor") + "), "
                    + System.getProperty("os.name") + " " + System.getProperty("os.arch")};
        }
    }
}
