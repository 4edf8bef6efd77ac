package dev.gan4j.core.sweep;

import dev.gan4j.core.GanExperiment;
import dev.gan4j.core.config.ExperimentConfig;
import dev.gan4j.core.config.ExperimentLoader;
import dev.gan4j.core.run.MetricsFile;
import dev.gan4j.core.run.MetricsHistory;
import dev.gan4j.core.run.RunDirectory;
import dev.gan4j.core.run.RunResult;
import dev.gan4j.core.run.RunStatus;
import dev.gan4j.core.run.TrainingRun;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Brings one trial's run directory to a task's iteration: trains it from the start when it holds
 * no run, else resumes it exactly from its newest checkpoint (under the run's lock, so two
 * attempts never write one directory), stops at the task's iteration and reads the evaluation
 * there. A task whose directory is already at its iteration (the work was done but its outcome
 * was lost with the process that recorded it) is answered from the files without training.
 *
 * <p>The experiment's own {@code training.iterations} is the sweep's full length; a rung stops
 * the run early, which leaves it {@code interrupted} with a checkpoint at the rung's end, so
 * that a promoted trial computes the same numbers as a run trained straight through.
 */
public final class TrialRunner {

    private static final Logger LOG = LoggerFactory.getLogger(TrialRunner.class);
    private static final Pattern CHECKPOINT = Pattern.compile("iter-(\\d+)\\.ckpt");

    private TrialRunner() {
    }

    /**
     * Runs {@code task} with the {@link TrialSetup} found on the context class loader.
     *
     * @return the outcome; a failure is a {@link TrialStatus#FAILED} outcome, never an exception
     */
    public static TrialOutcome run(TrialTask task) {
        long start = System.nanoTime();
        Optional<TrialSetup> setup;
        try {
            setup = discover();
        } catch (java.util.ServiceConfigurationError e) {
            return TrialOutcome.ended(task, TrialStatus.FAILED, "cannot load the trial setup: " + e.getMessage(),
                    seconds(start));
        }
        if (setup.isEmpty()) {
            return TrialOutcome.ended(task, TrialStatus.FAILED, "no " + TrialSetup.class.getName() + " on the "
                    + "classpath to open data and backends with (gan-examples provides one)", seconds(start));
        }
        return run(task, setup.get());
    }

    /** The {@link TrialSetup} on the context class loader, if any. */
    static Optional<TrialSetup> discover() {
        ClassLoader loader = Thread.currentThread().getContextClassLoader();
        return ServiceLoader.load(TrialSetup.class, loader != null ? loader : TrialRunner.class.getClassLoader())
                .findFirst();
    }

    /**
     * Runs {@code task}, preparing its experiment with {@code setup}.
     *
     * @return the outcome; a failure is a {@link TrialStatus#FAILED} outcome, never an exception
     */
    public static TrialOutcome run(TrialTask task, TrialSetup setup) {
        long start = System.nanoTime();
        try {
            ExperimentConfig config = ExperimentLoader.create().parse(task.experimentJson(), "trial " + task.trialId(),
                    List.of());
            Path dir = Path.of(task.runDirectory());
            int target = (int) task.iterations();
            if (target > config.training().iterations()) {
                return TrialOutcome.ended(task, TrialStatus.FAILED, "the task asks for iteration " + target
                        + " but the experiment trains " + config.training().iterations(), seconds(start));
            }
            Optional<TrialOutcome> done = alreadyThere(task, dir, target, start);
            if (done.isPresent()) {
                return done.get();
            }
            try (TrialSetup.Prepared prepared = setup.prepare(config)) {
                GanExperiment gan = prepared.experiment();
                boolean started = Files.isRegularFile(dir.resolve(RunDirectory.CONFIG));
                TrainingRun run;
                if (started) {
                    run = TrainingRun.resume(gan, RunDirectory.open(dir), prepared.dataFiles(), List.of());
                } else {
                    clearUnstarted(dir);
                    run = new TrainingRun(gan, RunDirectory.createAt(dir), prepared.dataFiles(), List.of());
                }
                run.evaluation(prepared.evaluation());
                run.notices(message -> LOG.info("trial {}: {}", task.trialId(), message));
                RunResult result = run.run((trainer, stats) -> {
                    if (stats.iteration() >= target) {
                        gan.requestStop();
                    }
                });
                if (result.state() == RunStatus.State.DIVERGED) {
                    return TrialOutcome.ended(task, TrialStatus.DIVERGED, result.message(), seconds(start));
                }
                if (result.iterations() != target) {
                    return TrialOutcome.ended(task, TrialStatus.FAILED, "the run stopped after iteration "
                            + result.iterations() + ", not " + target + " (" + result.state().label() + ")",
                            seconds(start));
                }
            }
            return figuresAt(task, dir, target, start);
        } catch (Exception | StackOverflowError | OutOfMemoryError e) {
            LOG.debug("trial {} failed", task.trialId(), e);
            return TrialOutcome.ended(task, TrialStatus.FAILED, describe(e), seconds(start));
        }
    }

    /**
     * The outcome when {@code dir} already stands at {@code target} (a checkpoint there and the
     * evaluation of that iteration in its metrics), or stopped diverged: nothing to train.
     */
    private static Optional<TrialOutcome> alreadyThere(TrialTask task, Path dir, int target, long start)
            throws IOException {
        if (!Files.isRegularFile(dir.resolve(RunDirectory.CONFIG))) {
            return Optional.empty();
        }
        Optional<RunStatus> status = RunStatus.read(dir.resolve(RunDirectory.STATUS));
        if (status.isPresent() && status.get().state() == RunStatus.State.DIVERGED) {
            return Optional.of(TrialOutcome.ended(task, TrialStatus.DIVERGED, status.get().message(), seconds(start)));
        }
        int newest = newestCheckpoint(dir.resolve(RunDirectory.CHECKPOINTS));
        if (newest > target) {
            return Optional.of(TrialOutcome.ended(task, TrialStatus.FAILED, dir + " is already past iteration "
                    + target + " (checkpoint at " + newest + "); was the sweep's rungs changed?", seconds(start)));
        }
        if (newest < target) {
            return Optional.empty();
        }
        TrialOutcome outcome = figuresAt(task, dir, target, start);
        return outcome.status() == TrialStatus.COMPLETED ? Optional.of(outcome) : Optional.empty();
    }

    /** The newest {@code iter-N.ckpt} in {@code checkpoints}, -1 if none. */
    static int newestCheckpoint(Path checkpoints) throws IOException {
        if (!Files.isDirectory(checkpoints)) {
            return -1;
        }
        int newest = -1;
        try (DirectoryStream<Path> files = Files.newDirectoryStream(checkpoints, "iter-*.ckpt")) {
            for (Path f : files) {
                Matcher m = CHECKPOINT.matcher(f.getFileName().toString());
                if (m.matches()) {
                    newest = Math.max(newest, Integer.parseInt(m.group(1)));
                }
            }
        }
        return newest;
    }

    /** The evaluation recorded at iteration {@code target}, as a completed outcome, else a failed one. */
    private static TrialOutcome figuresAt(TrialTask task, Path dir, int target, long start) throws IOException {
        MetricsHistory history = MetricsFile.read(dir.resolve(RunDirectory.METRICS));
        Map<String, Double> figures = new LinkedHashMap<>();
        for (Map.Entry<String, MetricsHistory.Series> e : history.evaluations().entrySet()) {
            MetricsHistory.Series s = e.getValue();
            for (int i = s.size() - 1; i >= 0; i--) {
                if (s.iteration(i) == target) {
                    figures.put(e.getKey(), s.value(i));
                    break;
                }
            }
        }
        if (figures.isEmpty()) {
            return TrialOutcome.ended(task, TrialStatus.FAILED, "no evaluation at iteration " + target + " in "
                    + dir.resolve(RunDirectory.METRICS) + " (output.evaluateEvery must divide every rung)",
                    seconds(start));
        }
        return TrialOutcome.completed(task, figures, seconds(start));
    }

    /**
     * Empties a trial directory that a killed attempt created but never wrote a run into (no
     * {@code config.json}): only the empty folders and lock a run creates first can be there.
     */
    private static void clearUnstarted(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return;
        }
        try (Stream<Path> all = Files.walk(dir)) {
            List<Path> paths = all.sorted(Comparator.reverseOrder()).filter(p -> !p.equals(dir)).toList();
            for (Path p : paths) {
                Files.deleteIfExists(p);
            }
        }
    }

    /** The error in one line: its message, or its class when it has none, with the first cause. */
    static String describe(Throwable e) {
        String text = e.getMessage() != null && !e.getMessage().isBlank() ? e.getMessage() : e.getClass().getName();
        if (e instanceof NullPointerException || e instanceof IllegalStateException
                || e instanceof ArrayIndexOutOfBoundsException || e instanceof ClassCastException) {
            text = e.getClass().getSimpleName() + ": " + text;
        }
        Throwable cause = e.getCause();
        if (cause != null && cause.getMessage() != null && !text.contains(cause.getMessage())) {
            text += " (" + cause.getMessage() + ")";
        }
        return text.replaceAll("\\R", " ");
    }

    private static double seconds(long startNanos) {
        return (System.nanoTime() - startNanos) / 1e9;
    }
}
