package dev.gan4j.examples;

import dev.gan4j.core.config.ExperimentLoader;
import dev.gan4j.core.config.OutputConfig;
import dev.gan4j.core.eval.EvaluationClassifier;
import dev.gan4j.core.eval.GeneratorEvaluation;
import dev.gan4j.core.eval.Judge;
import dev.gan4j.core.run.MetricsFile;
import dev.gan4j.core.run.MetricsHistory;
import dev.gan4j.core.run.RunDirectory;
import dev.gan4j.core.run.RunResult;
import dev.gan4j.core.run.RunStatus;
import dev.gan4j.core.run.TrainingRun;
import dev.gan4j.core.train.GanModel;
import dev.gan4j.core.train.TrainingListener;
import dev.gan4j.mnist.ExperimentData;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/**
 * {@code gan train EXPERIMENT.json [--backend NAME] [--set path=value]... [--out DIR]} and
 * {@code gan train --resume RUN_DIR [--set training.iterations=N]}.
 */
@Command(name = "train", mixinStandardHelpOptions = true, versionProvider = GanCli.Version.class,
        description = {"Train an experiment and write a run directory: config.json, "
    + "provenance.json, metrics.jsonl, samples/iter-NNNNNN.png, final.png, curves.png, report.html, status.json "
    + "and checkpoints/.",
    "Ctrl-C stops after the current iteration, writes a checkpoint and the report, and exits with code 130; "
    + "'gan train --resume RUN_DIR' continues the run to the same numbers. A run that diverges stops with "
    + "exit code 3 (or rolls back: see output.divergence)."})
final class TrainCommand implements Callable<Integer> {

    /** Where runs go unless --out says otherwise, relative to the working directory. */
    static final Path RUNS = Path.of("runs");

    /** How progress is shown. */
    enum Progress { auto, bar, lines, none }

    @ParentCommand
    GanCli cli;

    @Mixin
    ExperimentOptions experiment;

    @Option(names = "--out", paramLabel = "DIR",
            description = "Run directory (must not already hold a run). Default: runs/<name>-<yyyyMMdd-HHmmss>.")
    Path out;

    @Option(names = "--resume", paramLabel = "RUN_DIR",
            description = "Continue the run in RUN_DIR from its newest intact checkpoint, instead of starting one. "
                    + "Only --set training.iterations=N (to extend it) and --set output.* may change.")
    Path resume;

    @Option(names = "--progress", paramLabel = "MODE", defaultValue = "auto",
            description = "How to show progress: ${COMPLETION-CANDIDATES} (auto: a bar on a terminal, else a line "
                    + "every 5%%). Default: ${DEFAULT-VALUE}.")
    Progress progress;

    @Option(names = "--classifier", paramLabel = "FILE",
            description = "With output.evaluateEvery: the evaluation classifier to use, or where to save it when it "
                    + "must be trained (default: the gan4j cache; see 'gan evaluate').")
    Path classifierFile;

    @Option(names = "--judge", paramLabel = "NAME",
            description = "With output.evaluateEvery: the evaluation classifier, cnn or mlp (see 'gan evaluate'). "
                    + "Default: cnn, or for --resume the judge the run was evaluated with.")
    String judge;

    @Mixin
    VerboseOption verbose;

    @Override
    public Integer call() throws Exception {
        PrintWriter o = cli.out;
        RunDirectory dir;
        if (resume != null) {
            checkResumeArguments();
            dir = RunDirectory.open(resume);
            experiment.file = dir.config();
        } else {
            dir = null;
            if (out != null) {
                // refuse a bad --out before spending time on the data and the model
                RunDirectory.requireUsable(out);
            }
        }
        try (PreparedExperiment p = PreparedExperiment.prepare(experiment, cli.dataEnvironment)) {
            int iterations = p.config.training().iterations();
            // before the run directory exists: a classifier that cannot be had leaves no empty run behind
            GeneratorEvaluation evaluation = evaluation(p, dir);
            TrainingRun run;
            if (dir == null) {
                dir = out != null ? RunDirectory.createAt(out)
                        : RunDirectory.createUnder(RUNS, p.config.name(), LocalDateTime.now());
                run = new TrainingRun(p.gan, dir, ExperimentData.files(p.data), cli.commandLine());
                o.printf(Locale.ROOT, "Training %s on %s %s: %s (%,d samples), %s, %,d iterations%n", p.config.name(),
                        p.backend.name(), p.backend.version(), p.data.name(), p.data.size(), p.describeModel(),
                        iterations);
            } else {
                String before = ExperimentLoader.create().load(dir.config()).backend();
                if (before != null && !before.equals(p.backend.name())) {
                    cli.err.printf("gan train: warning: %s was trained on %s; resumed on %s its numbers will differ "
                            + "from an uninterrupted run's%n", dir, before, p.backend.name());
                }
                run = TrainingRun.resume(p.gan, dir, ExperimentData.files(p.data), cli.commandLine());
                o.printf(Locale.ROOT, "Resuming %s on %s %s: %s, %,d iterations%n", p.config.name(), p.backend.name(),
                        p.backend.version(), p.describeModel(), iterations);
            }
            run.evaluation(evaluation);
            o.printf("Writing %s (open %s to watch it)%n", dir, dir.report());
            o.flush();
            TrainingListener listener;
            ProgressBar bar = null;
            switch (progress == Progress.auto ? (interactive() ? Progress.bar : Progress.lines) : progress) {
                case bar -> listener = bar = ProgressBar.forTerminal(o, iterations);
                case lines -> listener = new ProgressPrinter(o, iterations);
                default -> listener = null;
            }
            ProgressBar shown = bar;
            run.notices(message -> {
                if (shown != null) {
                    shown.clear();
                }
                cli.err.println("gan train: warning: " + message);
                cli.err.flush();
            });
            return runStoppable(p, run, listener, bar, dir, iterations);
        }
    }

    private void checkResumeArguments() {
        if (experiment.file != null) {
            throw new UserError("give EXPERIMENT.json or --resume RUN_DIR, not both: a resumed run uses the "
                    + "experiment in RUN_DIR/config.json", null);
        }
        if (out != null) {
            throw new UserError("--out cannot be used with --resume: a resumed run continues in its own directory",
                    null);
        }
        for (String o : experiment.overrides) {
            String path = o.split("=", 2)[0].trim();
            if (!path.equals("training.iterations") && !path.equals("output") && !path.startsWith("output.")) {
                throw new UserError("--set " + o + ": a resumed run keeps its experiment; only "
                        + "training.iterations and output.* may change", null);
            }
        }
    }

    /**
     * With {@code output.evaluateEvery}: gets the evaluation classifier (training it on first
     * use) and the evaluation the run scores the generator with; {@code null} without. Mismatches
     * between the model and the classifier are reported now rather than at the first evaluation.
     */
    private GeneratorEvaluation evaluation(PreparedExperiment p, RunDirectory resumed) throws IOException {
        OutputConfig output = p.config.output();
        if (output.evaluateEvery() == 0) {
            return null;
        }
        Judge chosen = judge != null ? EvaluateCommand.judge(judge) : resumedJudge(resumed);
        EvaluationSetup setup = EvaluationSetup.forData(ExperimentData.request(p.config.data()), cli.dataEnvironment);
        EvaluationClassifier classifier = setup.classifier(classifierFile, chosen, null, p.backend,
                cli.dataEnvironment, cli.out);
        GanModel model = p.gan.model();
        if (model.sampleSize() != classifier.architecture().inputSize()
                || (model.classCount() > 0 && model.classCount() != classifier.architecture().classes())) {
            throw new UserError("output.evaluateEvery: the evaluation classifier for " + setup.reference().name()
                    + " takes " + classifier.architecture().inputSize() + " values in " + classifier.architecture()
                    .classes() + " classes, but the model makes " + model.sampleSize() + " values"
                    + (model.classCount() > 0 ? " in " + model.classCount() + " classes" : ""), null);
        }
        var transform = p.config.data().transform();
        cli.out.printf(Locale.ROOT, "Evaluating every %,d iterations and after the last on %,d samples against %s "
                + "(judge: %s classifier, %.2f%% held-out accuracy)%n", output.evaluateEvery(),
                output.evaluateSamples(), setup.reference().name(), chosen.id(),
                100 * classifier.provenance().heldOutAccuracy());
        return new GeneratorEvaluation(setup.evaluator(classifier), output.evaluateSamples(), p.config.seed(),
                (float) transform.min(), (float) transform.max());
    }

    /**
     * The judge a resumed run keeps, so that its figures stay comparable: the one its metrics
     * name, {@code mlp} for evaluations written before judges were recorded, else the default.
     */
    private static Judge resumedJudge(RunDirectory resumed) throws IOException {
        if (resumed == null || !Files.exists(resumed.metrics())) {
            return Judge.DEFAULT;
        }
        MetricsHistory history = MetricsFile.read(resumed.metrics());
        if (history.evaluationJudge() != null) {
            return EvaluateCommand.judge(history.evaluationJudge());
        }
        return history.evaluations().isEmpty() ? Judge.DEFAULT : Judge.MLP;
    }

    /** The last evaluation's figures in one line, or nothing if the run was not evaluated. */
    private void printEvaluation(RunDirectory dir) throws IOException {
        MetricsHistory history = MetricsFile.read(dir.metrics());
        Map<String, MetricsHistory.Series> figures = history.evaluations();
        if (figures.isEmpty()) {
            return;
        }
        StringBuilder line = new StringBuilder();
        int at = -1;
        for (Map.Entry<String, MetricsHistory.Series> e : figures.entrySet()) {
            MetricsHistory.Series s = e.getValue();
            at = Math.max(at, s.iteration(s.size() - 1));
        }
        for (Map.Entry<String, MetricsHistory.Series> e : figures.entrySet()) {
            MetricsHistory.Series s = e.getValue();
            if (s.iteration(s.size() - 1) == at) {
                double v = s.last();
                // counts (modes) as integers, the rest to four significant digits
                String value = v == Math.rint(v) && Math.abs(v) < 1e6 ? Long.toString((long) v)
                        : String.format(Locale.ROOT, "%.4g", v);
                line.append(line.length() == 0 ? "" : ", ").append(e.getKey()).append(' ').append(value);
            }
        }
        String judged = history.evaluationJudge() == null ? "" : " (judge " + history.evaluationJudge() + ")";
        cli.out.printf(Locale.ROOT, "Evaluation after iteration %,d%s: %s%n", at, judged, line);
    }

    /** Whether output goes to a terminal a person watches. */
    private static boolean interactive() {
        return System.console() != null && !"dumb".equals(System.getenv("TERM"));
    }

    /**
     * Runs with a shutdown hook so that Ctrl-C (or SIGTERM) ends the run cleanly after the
     * current iteration: the hook asks the trainer to stop and waits until the checkpoint, the
     * report and the message saying how to resume are written, since the JVM halts as soon as
     * its hooks return.
     */
    private int runStoppable(PreparedExperiment p, TrainingRun run, TrainingListener listener, ProgressBar bar,
            RunDirectory dir, int iterations) throws Exception {
        CountDownLatch finished = new CountDownLatch(1);
        PrintWriter err = cli.err;
        Thread hook = new Thread(() -> {
            p.gan.requestStop();
            if (bar != null) {
                bar.clear();
            }
            err.println("gan train: stopping after the current iteration; writing a checkpoint and the report...");
            err.flush();
            try {
                finished.await(5, TimeUnit.MINUTES);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "gan-train-stop");
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            RunResult result = run.run(listener);
            if (bar != null) {
                bar.finish();
            }
            return report(result, dir, iterations,
                    p.gan.model().classCount() > 0 ? p.data.classNames() : java.util.List.of());
        } finally {
            if (bar != null) {
                bar.finish();
            }
            finished.countDown();
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // Ctrl-C: the hook is running and returns now that the latch is down
            }
        }
    }

    /** Prints how the run ended and returns the exit code. */
    private int report(RunResult result, RunDirectory dir, int iterations, java.util.List<String> rowNames)
            throws IOException {
        PrintWriter o = cli.out;
        int code;
        if (result.state() == RunStatus.State.FINISHED) {
            int ran = result.iterations() - result.firstIteration();
            o.printf(Locale.ROOT, "Trained %,d iterations in %s (%.3f s per iteration)%n", ran,
                    Durations.format(result.elapsed()), result.elapsed().toNanos() / 1e9 / Math.max(1, ran));
            printEvaluation(dir);
            code = 0;
        } else if (result.state() == RunStatus.State.DIVERGED) {
            cli.err.println("gan train: " + result.message());
            cli.err.flush();
            code = GanCli.DIVERGED;
        } else {
            o.printf(Locale.ROOT, "Stopped after %,d of %,d iterations (%s); the checkpoint is %s%n",
                    result.iterations(), iterations, Durations.format(result.elapsed()),
                    dir.checkpoint(result.iterations()));
            o.printf("Continue with: gan train --resume %s%n", dir);
            code = GanCli.INTERRUPTED;
        }
        o.printf("Run written to %s%n  report: %s%n  samples: %s%n", result.directory(), dir.report(),
                dir.finalImage());
        if (!rowNames.isEmpty()) {
            // a conditional grid has one row per class; the PNG cannot say which is which
            o.printf("  rows, top to bottom: %s%n", String.join(", ", rowNames));
        }
        o.flush();
        return code;
    }
}
