package dev.gan4j.core.run;

import dev.gan4j.core.io.AtomicFiles;
import dev.gan4j.core.io.FileWriteException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.gan4j.api.SeededRandom;
import dev.gan4j.core.GanExperiment;
import dev.gan4j.core.config.ExperimentConfig;
import dev.gan4j.core.config.ExperimentLoader;
import dev.gan4j.core.config.OutputConfig;
import dev.gan4j.core.train.AdversarialTrainer;
import dev.gan4j.core.train.IterationStats;
import dev.gan4j.core.train.TrainingListener;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Trains a {@link GanExperiment} and records it in a {@link RunDirectory}: the resolved
 * experiment, provenance, per-iteration metrics, sample grids every
 * {@link OutputConfig#sampleEvery()} iterations and a final grid, checkpoints, loss curves, a
 * report and the run's status. A stopped, killed or crashed run continues with {@link #resume}.
 *
 * <p>The run's files are a {@link RunRecord}; the work after each iteration is done by
 * {@link RunListener}s, in order: a {@link DivergenceWatch} (which can throw the iteration away),
 * {@link Evaluations}, a {@link BestTracker}, a {@link Checkpointer}, a {@link SampleWriter} and
 * a {@link ReportWriter}.
 *
 * <p>Every grid is drawn from the same noise, a fresh {@code new SeededRandom(seed).fork("preview")}
 * each time, so successive grids show how the same inputs evolve; a conditional model gets one
 * row per class.
 */
public final class TrainingRun {

    private static final Logger LOG = LoggerFactory.getLogger(TrainingRun.class);

    private final GanExperiment experiment;
    private final RunDirectory directory;
    private final List<DataFile> dataFiles;
    private final List<String> commandLine;
    private final int previewCount;
    private final int previewColumns;
    private final int[] previewLabels;
    private final int[] imageSize;
    private final boolean resume;
    private Consumer<String> notices = message -> LOG.warn(message);
    private RunEvaluator evaluator;

    /**
     * @param dataFiles the files the dataset was read from, for provenance
     * @param commandLine the command that started the run, for provenance; empty from code
     */
    public TrainingRun(GanExperiment experiment, RunDirectory directory, List<DataFile> dataFiles,
            List<String> commandLine) {
        this(experiment, directory, dataFiles, commandLine, false);
    }

    private TrainingRun(GanExperiment experiment, RunDirectory directory, List<DataFile> dataFiles,
            List<String> commandLine, boolean resume) {
        this.resume = resume;
        this.experiment = experiment;
        this.directory = directory;
        this.dataFiles = List.copyOf(dataFiles);
        this.commandLine = List.copyOf(commandLine);
        this.imageSize = SampleGrid.imageSize(experiment.model().sampleShape());
        int requested = experiment.config().output().sampleCount();
        int classes = experiment.model().classCount();
        if (classes > 0) {
            int perClass = Math.max(1, requested / classes);
            this.previewCount = perClass * classes;
            this.previewColumns = perClass;
            this.previewLabels = new int[previewCount];
            for (int i = 0; i < previewCount; i++) {
                previewLabels[i] = i / perClass;
            }
        } else {
            this.previewCount = requested;
            this.previewColumns = (int) Math.ceil(Math.sqrt(requested));
            this.previewLabels = null;
        }
    }

    public RunDirectory directory() {
        return directory;
    }

    /**
     * A run continuing the one in {@code directory} from its newest intact checkpoint (see
     * {@link RunRecord#resume}). {@code experiment} must be built from the run's
     * {@code config.json}; only its iteration count and outputs may differ.
     */
    public static TrainingRun resume(GanExperiment experiment, RunDirectory directory, List<DataFile> dataFiles,
            List<String> commandLine) {
        return new TrainingRun(experiment, directory, dataFiles, commandLine, true);
    }

    /** Where warnings meant for the user go (damaged checkpoints, rollbacks); by default the log. */
    public TrainingRun notices(Consumer<String> sink) {
        this.notices = Objects.requireNonNull(sink, "sink");
        return this;
    }

    /**
     * Scores the generator with {@code e} every {@code output.evaluateEvery} iterations and after
     * the last one: the figures go to {@code metrics.jsonl} (as
     * {@code {"iteration": N, "evaluation": {...}}}), the curves and the report, and the best
     * {@code frechetDistance} (else {@code classifierScore}) so far is kept as
     * {@code checkpoints/best.ckpt}. Without an evaluator a run does not evaluate, whatever the
     * experiment asks.
     */
    public TrainingRun evaluation(RunEvaluator e) {
        this.evaluator = e;
        return this;
    }

    /**
     * Writes {@code config.json} and {@code provenance.json} (a resumed run: checks its data and
     * updates {@code config.json} if the iteration count or outputs changed), trains, writing a
     * metrics line after every iteration and grids, checkpoints, curves and the report as
     * configured (see {@link RunListener}), then writes {@code final.png}, a last checkpoint and
     * the report.
     *
     * @param progress called after each iteration that stands (not one undone by a divergence
     *     rollback) once its metrics are written; may be {@code null}
     */
    public RunResult run(TrainingListener progress) throws IOException {
        ExperimentConfig config = experiment.config();
        ExperimentConfig resolved = config.withBackend(experiment.backend().name());
        String resolvedJson = ExperimentLoader.create(experiment.layers()).toJson(resolved);
        if (resume) {
            checkResumable(resolvedJson);
        } else {
            AtomicFiles.write(directory.config(), resolvedJson.getBytes(StandardCharsets.UTF_8));
            Instant start = Instant.now();
            Provenance provenance = Provenance.capture(config.name(), config.seed(), experiment.backend(),
                    experiment.dataset(), dataFiles, commandLine, start);
            ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
            AtomicFiles.write(directory.provenance(), (json.writeValueAsString(provenance) + "\n")
                    .getBytes(StandardCharsets.UTF_8));
        }

        IterationStats[] last = new IterationStats[1];
        int first = experiment.iteration();
        long startNanos = System.nanoTime();
        RunStatus status;
        try (RunRecord record = resume ? RunRecord.resume(experiment, directory, resolvedJson, notices)
                : RunRecord.start(experiment, directory, resolvedJson, notices);
                ReportWriter report = new ReportWriter(record)) {
            first = experiment.iteration();
            Checkpointer checkpointer = new Checkpointer(record, resume ? record.start() : -1);
            try {
                // inside the try: a first checkpoint that does not fit still marks the run failed
                if (!resume) {
                    checkpointer.write(experiment.trainer());
                }
                DivergenceWatch divergence = new DivergenceWatch(record, checkpointer);
                // the order matters: nothing is evaluated, kept or drawn from an iteration that diverged,
                // and a checkpoint is written only after the parameter check its iteration needs
                List<RunListener> listeners = List.of(divergence, new Evaluations(record, evaluator),
                        new BestTracker(record), checkpointer, new SampleWriter(record, this::writePreview), report);
                experiment.train((trainer, stats) -> {
                    boolean stands;
                    try {
                        stands = onIteration(record, listeners, trainer, stats);
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                    if (stands) {
                        last[0] = stats;
                        if (progress != null) {
                            progress.onIteration(trainer, stats);
                        }
                    }
                });
                status = finish(record, listeners, divergence, report);
            } catch (UncheckedIOException e) {
                throw failed(record, report, checkpointer, e.getCause());
            } catch (IOException e) {
                throw failed(record, report, checkpointer, e);
            } catch (RuntimeException | Error e) {
                fail(record, report, e);
                throw e;
            }
        }
        Duration elapsed = Duration.ofNanos(System.nanoTime() - startNanos);
        int done = experiment.iteration();
        return new RunResult(directory.path(), done, status.state() == RunStatus.State.FINISHED, elapsed, last[0],
                status.state(), status.message(), first);
    }

    /**
     * Records one finished iteration: its metrics line, then each listener in turn.
     *
     * @return whether the iteration stands (it was not rolled back, and training does not stop as diverged)
     */
    private static boolean onIteration(RunRecord record, List<RunListener> listeners, AdversarialTrainer trainer,
            IterationStats stats) throws IOException {
        record.append(stats);
        for (RunListener l : listeners) {
            if (!l.onIteration(trainer, stats)) {
                return false;
            }
        }
        return true;
    }

    /**
     * Ends the run: unless it diverged, the listeners' last work (a last check of the parameters,
     * the final evaluation, a last checkpoint, the final grid); then the status and the report.
     *
     * @return the state the run ended in
     */
    private RunStatus finish(RunRecord record, List<RunListener> listeners, DivergenceWatch divergence,
            ReportWriter report) throws IOException {
        AdversarialTrainer trainer = experiment.trainer();
        int i = trainer.iteration();
        int total = experiment.config().training().iterations();
        boolean stands = true;
        for (RunListener l : listeners) {
            if (!l.onFinish(trainer, i)) {
                stands = false;
                break;
            }
        }
        if (stands) {
            record.sync();
            boolean done = i >= total;
            String text = done ? "finished all " + total + " iterations"
                    : "stopped after iteration " + i + " of " + total + "; continue with gan train --resume " + directory;
            record.status(record.status().with(done ? RunStatus.State.FINISHED : RunStatus.State.INTERRUPTED, i, "")
                    .withEvent(i, done ? "finished" : "interrupted", text));
        } else {
            record.status(record.status().with(RunStatus.State.DIVERGED, i, divergence.diverged()));
        }
        report.paintNow();
        return record.status();
    }

    /**
     * Records that the run failed with {@code error}. A file that could not be written (a full
     * disk, a file system turned read-only) is the user's to fix: the run stops at its last good
     * checkpoint, which the write never touched, and the returned {@link RunException} names the
     * file, the operating system's reason and how to continue. Any other error is rethrown.
     */
    private RunException failed(RunRecord record, ReportWriter report, Checkpointer checkpointer, IOException error)
            throws IOException {
        Optional<FileSystemException> io = FileWriteException.in(error);
        if (io.isEmpty()) {
            fail(record, report, error);
            throw error;
        }
        int last = checkpointer.last();
        String resumeFrom = last < 0 ? "no checkpoint was written yet, so it starts over"
                : "its last good checkpoint is " + directory.checkpoint(last) + " (iteration " + last + ")";
        RunException stopped = new RunException(FileWriteException.describe(io.get()) + "; the run stopped after "
                + "iteration " + experiment.iteration() + " and " + resumeFrom + "; once there is room (or the "
                + "directory is writable again), continue with: gan train --resume " + directory, error);
        fail(record, report, stopped);
        return stopped;
    }

    /** Records that the run failed with {@code error}, keeping its last checkpoint; best effort. */
    private static void fail(RunRecord record, ReportWriter report, Throwable error) {
        try {
            record.failed(error);
            report.paintNow();
        } catch (IOException | RuntimeException e) {
            error.addSuppressed(e);
        }
    }

    /**
     * Before resuming: the data must be the bytes the run started on, and {@code config.json} is
     * rewritten if a permitted field (iterations, outputs, backend) changed.
     */
    private void checkResumable(String resolvedJson) throws IOException {
        JsonNode provenance = new ObjectMapper().readTree(directory.provenance().toFile());
        List<String> before = new ArrayList<>();
        provenance.path("dataset").path("files").forEach(f -> before.add(f.path("sha256").asText()));
        List<String> now = dataFiles.stream().map(DataFile::sha256).toList();
        if (!before.isEmpty() && !now.isEmpty() && !before.equals(now)) {
            throw new RunException("the data is not what " + directory + " was trained on: its files' SHA-256 were "
                    + before + ", now " + now + "; resume with the same data files", null);
        }
        String saved = Files.readString(directory.config(), StandardCharsets.UTF_8);
        String difference = ExperimentDifference.between(saved, resolvedJson);
        if (difference != null) {
            throw new RunException(directory.config() + " describes another experiment than the one given ("
                    + difference + ")", null);
        }
        if (!saved.equals(resolvedJson)) {
            AtomicFiles.write(directory.config(), resolvedJson.getBytes(StandardCharsets.UTF_8));
        }
    }

    /** The preview batch: the same noise every call, so grids are comparable across iterations. */
    public float[] previewSamples() {
        SeededRandom preview = new SeededRandom(experiment.config().seed()).fork("preview");
        return experiment.generate(previewCount, preview, previewLabels);
    }

    /** Draws {@link #previewSamples()} as a PNG grid at {@code file}. */
    public void writePreview(Path file) throws IOException {
        var transform = experiment.config().data().transform();
        SampleGrid.writePng(previewSamples(), previewCount, imageSize[0], imageSize[1], previewColumns,
                transform.min(), transform.max(), file);
    }
}
