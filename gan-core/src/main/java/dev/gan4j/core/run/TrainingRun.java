package dev.gan4j.core.run;

import dev.gan4j.core.io.AtomicFiles;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.gan4j.api.SeededRandom;
import dev.gan4j.core.GanExperiment;
import dev.gan4j.core.config.ExperimentConfig;
import dev.gan4j.core.config.ExperimentLoader;
import dev.gan4j.core.config.OutputConfig;
import dev.gan4j.core.train.IterationStats;
import dev.gan4j.core.train.TrainingListener;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Trains a {@link GanExperiment} and records it in a {@link RunDirectory}: the resolved
 * experiment, provenance, per-iteration metrics, sample grids every
 * {@link OutputConfig#sampleEvery()} iterations and a final grid, checkpoints, loss curves, a
 * report and the run's status (the per-iteration work is {@link RunSupervisor}'s). A stopped,
 * killed or crashed run continues with {@link #resume}.
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
     * {@link RunSupervisor#resume}). {@code experiment} must be built from the run's
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
     * configured (see {@link RunSupervisor}), then writes {@code final.png}, a last checkpoint and
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
        try (RunSupervisor supervisor = resume
                ? RunSupervisor.resume(experiment, directory, resolvedJson, this::writePreview, notices)
                : RunSupervisor.start(experiment, directory, resolvedJson, this::writePreview, notices)) {
            first = experiment.iteration();
            supervisor.evaluator(evaluator);
            try {
                experiment.train((trainer, stats) -> {
                    boolean stands;
                    try {
                        stands = supervisor.onIteration(trainer, stats);
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
                status = supervisor.finish();
            } catch (UncheckedIOException e) {
                supervisor.fail(e.getCause());
                throw e.getCause();
            } catch (IOException | RuntimeException | Error e) {
                supervisor.fail(e);
                throw e;
            }
        }
        Duration elapsed = Duration.ofNanos(System.nanoTime() - startNanos);
        int done = experiment.iteration();
        return new RunResult(directory.path(), done, status.state() == RunStatus.State.FINISHED, elapsed, last[0],
                status.state(), status.message(), first);
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
        String difference = RunSupervisor.difference(saved, resolvedJson);
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
