package dev.gan4j.examples;

import dev.gan4j.core.sweep.Leaderboard;
import dev.gan4j.core.sweep.ProcessExecutor;
import dev.gan4j.core.sweep.Sweep;
import dev.gan4j.core.sweep.SweepConfig;
import dev.gan4j.core.sweep.SweepFile;
import dev.gan4j.core.sweep.TrialExecutor;
import dev.gan4j.core.sweep.TrialStatus;
import dev.gan4j.mnist.DataEnvironment;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/**
 * {@code gan sweep SWEEP.json [--out DIR] [--workers N] [--set PATH=VALUE]...},
 * {@code gan sweep --resume DIR} and {@code gan sweep --best DIR}.
 */
@Command(name = "sweep", mixinStandardHelpOptions = true, versionProvider = GanCli.Version.class,
        description = {"Search hyperparameters with successive halving: train every trial of SWEEP.json to the "
            + "first rung, keep the best, resume them to the next rung, and so on (see docs/sweeps.md).",
            "The sweep directory holds sweep.json, sweep.jsonl (an outcome per trial and rung), sweep.html and "
            + "trials/<id>/, each an ordinary run directory. Running the same command again (or --resume DIR) "
            + "continues a stopped sweep."})
final class SweepCommand implements Callable<Integer> {

    /** Where sweeps go unless --out says otherwise, relative to the working directory. */
    static final Path SWEEPS = Path.of("sweeps");

    /** How progress is shown. */
    enum Progress { auto, table, lines, none }

    @ParentCommand
    GanCli cli;

    @Parameters(index = "0", arity = "0..1", paramLabel = "SWEEP.json", description = "The sweep to run.")
    Path file;

    @Option(names = "--out", paramLabel = "DIR", description = "The sweep directory. Default: sweeps/<name>.")
    Path out;

    @Option(names = "--resume", paramLabel = "DIR", description = "Continue the sweep in DIR (from its sweep.json).")
    Path resume;

    @Option(names = "--best", paramLabel = "DIR",
            description = "Print the best trial's experiment of the sweep in DIR as JSON, ready for 'gan train', "
                    + "and exit.")
    Path best;

    @Option(names = "--set", paramLabel = "PATH=VALUE",
            description = "Override the sweep file: base.PATH=VALUE overrides the base experiment (e.g. "
                    + "--set base.data.split=test), other paths the sweep's own fields (e.g. --set trials=4, "
                    + "--set rungs=[200,600]).")
    List<String> overrides = new ArrayList<>();

    @Option(names = "--backend", paramLabel = "NAME", description = "Backend for every trial instead of the base's.")
    String backend;

    @Option(names = "--workers", paramLabel = "N",
            description = "Trials trained at once, each in a JVM of its own with one BLAS thread. Default: the "
                    + "number of cores.")
    Integer workers;

    @Option(names = "--progress", paramLabel = "MODE", defaultValue = "auto",
            description = "How to show progress: ${COMPLETION-CANDIDATES} (auto: a live table on a terminal, else "
                    + "a line per event). Default: ${DEFAULT-VALUE}.")
    Progress progress;

    @picocli.CommandLine.Mixin
    VerboseOption verbose;

    @Override
    public Integer call() throws Exception {
        if (best != null) {
            return printBest();
        }
        Sweep sweep = open();
        SweepConfig c = sweep.config();
        int n = workers != null ? workers : Runtime.getRuntime().availableProcessors();
        if (n < 1) {
            throw new UserError("--workers must be at least 1, got " + n, null);
        }
        PrintWriter o = cli.out;
        o.printf(Locale.ROOT, "Sweep %s: %d trials, rungs %s (keeping %.3g), objective %s %s, %d worker%s%n",
                c.name(), c.trials(), c.rungs(), c.keep(), c.objective().metric(), c.objective().minimize() ? "min"
                        : "max", n, n == 1 ? "" : "s");
        o.printf("Writing %s (open %s to watch it)%n", sweep.directory(), sweep.directory().resolve(Sweep.REPORT));
        o.flush();
        SweepTrialSetup setup = new SweepTrialSetup(cli.dataEnvironment, cli.err);
        sweep.setup(setup);
        boolean table = progress == Progress.table || progress == Progress.auto && interactive();
        SweepProgress shown = progress == Progress.none ? SweepProgress.silent(sweep)
                : table ? SweepProgress.table(o, sweep) : SweepProgress.lines(o, sweep);
        List<String> jvm = new ArrayList<>(ProcessExecutor.inheritedJvmOptions());
        // the workers look for data and the evaluation classifier where this command does
        jvm.add("-Duser.home=" + cli.dataEnvironment.home());
        List<Path> plugins = Plugins.find(cli.plugins, cli.dataEnvironment);
        Map<String, String> env = new HashMap<>(cli.dataEnvironment.env());
        for (String v : List.of(DataEnvironment.DATA_DIR, DataEnvironment.OFFLINE, "XDG_CACHE_HOME", "XDG_CONFIG_HOME",
                Plugins.ENV)) {
            env.putIfAbsent(v, null); // not in this command's environment: not in the workers' either
        }
        try (TrialExecutor executor = new ProcessExecutor(n, sweep.directory().resolve(Sweep.LOGS), jvm, env,
                plugins)) {
            return runStoppable(sweep, executor, shown);
        }
    }

    private Sweep open() {
        if (resume != null) {
            if (file != null || !overrides.isEmpty() || out != null || backend != null) {
                throw new UserError("--resume DIR continues the sweep in DIR/sweep.json; give no SWEEP.json, --out, "
                        + "--set or --backend with it", null);
            }
            return Sweep.open(resume);
        }
        if (file == null) {
            throw new UserError("missing SWEEP.json: give the sweep file to run (or --resume DIR, --best DIR)", null);
        }
        List<String> all = new ArrayList<>(overrides);
        if (backend != null) {
            all.add("base.backend=" + backend);
        }
        SweepConfig config = SweepFile.load(file, all);
        return Sweep.create(out != null ? out : SWEEPS.resolve(config.name()), config);
    }

    private int printBest() throws Exception {
        if (file != null || resume != null || out != null) {
            throw new UserError("--best DIR prints the best trial of the sweep in DIR; give nothing else with it",
                    null);
        }
        Sweep sweep = Sweep.open(best);
        var entry = sweep.best();
        if (entry.isEmpty()) {
            throw new UserError("no trial of the sweep in " + best + " has completed a rung yet", null);
        }
        Leaderboard board = sweep.leaderboard();
        if (!board.complete()) {
            cli.err.println("gan sweep: note: the sweep in " + best + " has not finished; this is the best so far");
        }
        cli.err.printf(Locale.ROOT, "gan sweep: best: %s at %,d iterations, %s %s (%s)%n", entry.get().trial().id(),
                entry.get().iterations(), sweep.config().objective().metric(), SweepProgress.num(entry.get()
                        .objective()), entry.get().trial().describe());
        cli.err.flush();
        cli.out.print(entry.get().trial().experimentJson());
        cli.out.flush();
        return 0;
    }

    /**
     * Runs the sweep with a shutdown hook, so that Ctrl-C (or SIGTERM) ends the workers, whose
     * trials resume from their newest checkpoints when the sweep runs again, and says how; the
     * exit code is then 130.
     */
    private int runStoppable(Sweep sweep, TrialExecutor executor, SweepProgress shown) throws Exception {
        CountDownLatch finished = new CountDownLatch(1);
        PrintWriter err = cli.err;
        Thread hook = new Thread(() -> {
            shown.close();
            executor.close();
            err.println("gan sweep: stopped; continue with: gan sweep --resume " + sweep.directory());
            err.flush();
            try {
                finished.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "gan-sweep-stop");
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            Leaderboard board;
            try {
                board = sweep.run(executor, shown);
            } catch (java.util.concurrent.CancellationException stopped) {
                return GanCli.INTERRUPTED; // Ctrl-C: the hook said how to continue
            }
            shown.close();
            SweepProgress.printLeaderboard(cli.out, sweep, board);
            cli.out.printf("Sweep written to %s%n  report: %s%n  best experiment: gan sweep --best %s%n",
                    sweep.directory(), sweep.directory().resolve(Sweep.REPORT), sweep.directory());
            cli.out.flush();
            if (board.entries().stream().noneMatch(e -> e.status() == TrialStatus.COMPLETED)) {
                cli.err.println("gan sweep: no trial completed; see the errors above and in "
                        + sweep.directory().resolve(Sweep.LOGS));
                return GanCli.INTERNAL_ERROR;
            }
            return 0;
        } finally {
            shown.close();
            finished.countDown();
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // Ctrl-C: the hook is running and returns now that the latch is down
            }
        }
    }

    /** Whether output goes to a terminal a person watches. */
    private static boolean interactive() {
        return System.console() != null && !"dumb".equals(System.getenv("TERM"));
    }
}
