package dev.gan4j.core.run;

import dev.gan4j.core.GanExperiment;
import dev.gan4j.core.checkpoint.Checkpoint;
import dev.gan4j.core.checkpoint.CheckpointException;
import dev.gan4j.core.train.AdversarialTrainer;
import dev.gan4j.core.train.IterationStats;
import java.io.Closeable;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a run keeps in its {@link RunDirectory} while it trains, shared by its
 * {@link RunListener}s: the metrics file and the history read back from it, the status, the
 * resolved experiment that checkpoints embed, and the directory's lock, held from {@link #start}
 * or {@link #resume} until {@link #close()}.
 *
 * <p>Crash safety: metrics lines are appended whole and forced to disk before every checkpoint,
 * and a checkpoint is written only after its parameters are checked to be finite, so a run killed
 * at any moment leaves a loadable last checkpoint whose iterations all have their metrics lines.
 * {@link #resume} cuts {@code metrics.jsonl} back to that checkpoint's iteration (dropping a
 * partial last line), so a resumed run writes each iteration's line exactly once and, given the
 * same backend, the same numbers as a run that was never stopped.
 */
final class RunRecord implements Closeable {

    private static final Logger LOG = LoggerFactory.getLogger(RunRecord.class);

    private final GanExperiment experiment;
    private final RunDirectory dir;
    private final Consumer<String> notices;
    private final RunLock lock;
    private final CheckpointPolicy checkpoints;
    private final MetricsHistory history = new MetricsHistory();
    private final MetricsFile.Tail tail;
    /** The resolved experiment: rewritten when a rollback lowers the learning rates. */
    private String experimentJson;
    private MetricsLog metrics;
    private RunStatus status;
    /** The iteration training starts from: 0, or a resumed checkpoint's. */
    private int start;

    private RunRecord(GanExperiment experiment, RunDirectory dir, String experimentJson, Consumer<String> notices,
            RunLock lock) {
        this.experiment = experiment;
        this.dir = dir;
        this.experimentJson = experimentJson;
        this.notices = notices;
        this.lock = lock;
        this.checkpoints = new CheckpointPolicy(dir, experiment.config().output().checkpointEvery(),
                experiment.config().output().keepCheckpoints());
        this.tail = new MetricsFile.Tail(dir.metrics());
    }

    /**
     * Starts a new run in {@code dir} (whose config and provenance are written): takes the lock
     * and writes {@code status.json}.
     *
     * @param experimentJson the resolved experiment, embedded in every checkpoint
     * @param notices receives warnings meant for the user
     */
    static RunRecord start(GanExperiment experiment, RunDirectory dir, String experimentJson,
            Consumer<String> notices) throws IOException {
        RunRecord r = new RunRecord(experiment, dir, experimentJson, notices, RunLock.acquire(dir));
        try {
            int total = experiment.config().training().iterations();
            r.status(RunStatus.starting(total).withEvent(experiment.iteration(), "started",
                    "started on " + experiment.backend().name() + " by process " + ProcessHandle.current().pid()));
            r.metrics = MetricsLog.open(dir.metrics());
            return r;
        } catch (IOException | RuntimeException e) {
            r.close();
            throw e;
        }
    }

    /**
     * Reopens the run in {@code dir} and puts {@code experiment}'s trainer where its newest intact
     * checkpoint left it: damaged checkpoints are set aside with a warning, temporary files of
     * interrupted writes are deleted, {@code metrics.jsonl} is cut back to the checkpoint's
     * iteration and sample grids after it are deleted, to be drawn again. With no intact
     * checkpoint the run starts over from iteration 0, with a warning.
     *
     * @param experimentJson the resolved experiment; checkpoints of another experiment are refused
     * @throws RunException if another process trains the run, or its checkpoint belongs to
     *     another experiment or architecture
     */
    static RunRecord resume(GanExperiment experiment, RunDirectory dir, String experimentJson,
            Consumer<String> notices) throws IOException {
        RunRecord r = new RunRecord(experiment, dir, experimentJson, notices, RunLock.acquire(dir));
        try {
            r.reopen();
            return r;
        } catch (IOException | RuntimeException e) {
            r.close();
            throw e;
        }
    }

    private void reopen() throws IOException {
        int deleted = CheckpointPolicy.deleteTemporaryFiles(dir);
        if (deleted > 0) {
            LOG.debug("deleted {} temporary files left by interrupted writes in {}", deleted, dir);
        }
        Optional<RunStatus> previous = RunStatus.read(dir.status());
        if (previous.isPresent() && previous.get().state() == RunStatus.State.RUNNING) {
            notices.accept("the run was not stopped cleanly (killed, or its machine stopped) after iteration "
                    + previous.get().iteration() + " or later; resuming from its newest intact checkpoint");
        }
        Optional<CheckpointPolicy.Loaded> loaded = checkpoints.newestValid(notices);
        String origin;
        if (loaded.isPresent()) {
            Checkpoint c = loaded.get().checkpoint();
            String difference = ExperimentDifference.between(c.experimentJson(), experimentJson);
            if (difference != null) {
                throw new RunException(loaded.get().file() + " belongs to another experiment (" + difference
                        + "); a run resumes only with the experiment it was started with", null);
            }
            try {
                c.restoreInto(experiment.trainer());
            } catch (CheckpointException e) {
                throw new RunException(loaded.get().file() + ": " + e.getMessage(), e);
            }
            start = c.iteration();
            origin = "from " + dir.path().relativize(loaded.get().file());
        } else {
            notices.accept("no intact checkpoint in " + dir.checkpoints() + "; starting the run over from iteration 0");
            origin = "from the start (no intact checkpoint)";
        }
        int kept = MetricsFile.truncateAfter(dir.metrics(), start);
        if (kept < start) {
            notices.accept(dir.metrics() + " ends at iteration " + kept + " but the checkpoint is at iteration " + start
                    + ": the lines in between are lost and will stay missing");
        }
        deleteSamplesAfter(start);
        tail.reset();
        tail.poll(history);
        int total = experiment.config().training().iterations();
        RunStatus base = previous.orElse(RunStatus.starting(total));
        status(base.ownedByThisProcess(total).with(RunStatus.State.RUNNING, start, "")
                .withEvent(start, "resumed", "resumed at iteration " + start + " " + origin + " on "
                        + experiment.backend().name() + " by process " + ProcessHandle.current().pid()));
        metrics = MetricsLog.open(dir.metrics());
    }

    /** Appends an iteration's metrics line and reads it into the history. */
    void append(IterationStats stats) throws IOException {
        metrics.append(stats);
        readNewLines();
    }

    /** Reads the lines appended to {@code metrics.jsonl} since the last read into the history. */
    void readNewLines() throws IOException {
        tail.poll(history);
    }

    /** Reads the history again from {@code metrics.jsonl}, after it was cut back. */
    void reread() throws IOException {
        history.clear();
        tail.reset();
        tail.poll(history);
    }

    /** Forces the metrics written so far to disk. */
    void sync() throws IOException {
        metrics.sync();
    }

    /** Sets the status and writes {@code status.json}. */
    void status(RunStatus s) throws IOException {
        status = s;
        s.write(dir.status());
    }

    /** Where the run failed with {@code error}: the status says so and the metrics are on disk. */
    void failed(Throwable error) throws IOException {
        int i = experiment.iteration();
        String message = error.getMessage() == null ? error.toString() : error.getMessage();
        status(status.with(RunStatus.State.FAILED, i, message).withEvent(i, "failed", message));
        if (metrics != null) {
            metrics.sync();
        }
    }

    /** The trainer's state now, as a checkpoint of the run's experiment. */
    Checkpoint capture(AdversarialTrainer trainer) {
        return Checkpoint.capture(trainer, experimentJson);
    }

    /** What diverged in the model's parameters (a NaN or infinity), or {@code null}. */
    String parameterProblem() {
        return DivergenceGuard.checkParameters(experiment.backend(), experiment.model().parameters());
    }

    /** Deletes the sample grids of iterations after {@code iteration}. */
    void deleteSamplesAfter(int iteration) throws IOException {
        Path samples = dir.path().resolve(RunDirectory.SAMPLES);
        if (!Files.isDirectory(samples)) {
            return;
        }
        try (DirectoryStream<Path> files = Files.newDirectoryStream(samples, "iter-*.png")) {
            for (Path p : files) {
                String digits = p.getFileName().toString().replaceAll("\\D", "");
                if (!digits.isEmpty() && Long.parseLong(digits) > iteration) {
                    Files.delete(p);
                }
            }
        }
    }

    GanExperiment experiment() {
        return experiment;
    }

    RunDirectory dir() {
        return dir;
    }

    CheckpointPolicy checkpoints() {
        return checkpoints;
    }

    MetricsHistory history() {
        return history;
    }

    MetricsLog metrics() {
        return metrics;
    }

    RunStatus status() {
        return status;
    }

    String experimentJson() {
        return experimentJson;
    }

    void experimentJson(String json) {
        this.experimentJson = json;
    }

    void notice(String text) {
        notices.accept(text);
    }

    /** The iteration training starts from: 0 for a new run, the restored checkpoint's for a resumed one. */
    int start() {
        return start;
    }

    /** Closes the metrics file and releases the run's lock. */
    @Override
    public void close() throws IOException {
        try {
            if (metrics != null) {
                metrics.close();
            }
        } finally {
            lock.close();
        }
    }
}
