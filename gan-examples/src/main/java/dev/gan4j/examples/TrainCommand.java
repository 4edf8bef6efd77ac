package dev.gan4j.examples;

import dev.gan4j.core.run.RunDirectory;
import dev.gan4j.core.run.RunResult;
import dev.gan4j.core.run.TrainingRun;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code gan train EXPERIMENT.json [--backend NAME] [--set path=value]... [--out DIR]}. */
@Command(name = "train", description = {"Train an experiment and write a run directory: config.json, "
    + "provenance.json, metrics.jsonl, samples/iter-NNNNNN.png and final.png.",
    "Ctrl-C stops after the current iteration and still writes final.png."})
final class TrainCommand implements Callable<Integer> {

    /** Where runs go unless --out says otherwise, relative to the working directory. */
    static final Path RUNS = Path.of("runs");

    @ParentCommand
    GanCli cli;

    @Mixin
    ExperimentOptions experiment;

    @Option(names = "--out", paramLabel = "DIR",
            description = "Run directory (must not already hold a run). Default: runs/<name>-<yyyyMMdd-HHmmss>.")
    Path out;

    @Mixin
    VerboseOption verbose;

    @Override
    public Integer call() throws Exception {
        PrintWriter o = cli.out;
        if (out != null) {
            // refuse a bad --out before spending time on the data and the model
            RunDirectory.requireUsable(out);
        }
        try (PreparedExperiment p = PreparedExperiment.prepare(experiment, cli.dataEnvironment)) {
            RunDirectory dir = out != null ? RunDirectory.createAt(out)
                    : RunDirectory.createUnder(RUNS, p.config.name(), LocalDateTime.now());
            int iterations = p.config.training().iterations();
            o.printf(Locale.ROOT, "Training %s on %s %s: %s (%,d samples), %s, %,d iterations%n", p.config.name(),
                    p.backend.name(), p.backend.version(), p.data.name(), p.data.size(), p.describeModel(), iterations);
            o.printf("Writing %s%n", dir);
            o.flush();
            TrainingRun run = new TrainingRun(p.gan, dir, ExperimentData.files(p.data), cli.commandLine());
            RunResult result = runStoppable(p, run, new ProgressPrinter(o, iterations));
            if (result.completed()) {
                o.printf(Locale.ROOT, "Trained %,d iterations in %s (%.3f s per iteration)%n", result.iterations(),
                        Durations.format(result.elapsed()),
                        result.elapsed().toNanos() / 1e9 / Math.max(1, result.iterations()));
            } else {
                o.printf(Locale.ROOT, "Stopped after %,d of %,d iterations (%s)%n", result.iterations(), iterations,
                        Durations.format(result.elapsed()));
            }
            o.printf("Run written to %s%n  samples: %s%n", result.directory(), dir.finalImage());
            o.flush();
        }
        return 0;
    }

    /** Runs with a shutdown hook so that Ctrl-C ends the run cleanly after the current iteration. */
    private static RunResult runStoppable(PreparedExperiment p, TrainingRun run, ProgressPrinter progress)
            throws Exception {
        CountDownLatch finished = new CountDownLatch(1);
        Thread hook = new Thread(() -> {
            p.gan.requestStop();
            try {
                // give the training thread time to finish the iteration and write final.png
                finished.await(2, TimeUnit.MINUTES);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "gan-train-stop");
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            return run.run(progress);
        } finally {
            finished.countDown();
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // Ctrl-C: the hook is running and returns now that the latch is down
            }
        }
    }
}
