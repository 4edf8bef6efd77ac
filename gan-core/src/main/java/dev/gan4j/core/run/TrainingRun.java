package dev.gan4j.core.run;

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
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * Trains a {@link GanExperiment} and records it in a {@link RunDirectory}: the resolved
 * experiment, provenance, per-iteration metrics, sample grids every
 * {@link OutputConfig#sampleEvery()} iterations and a final grid.
 *
 * <p>Every grid is drawn from the same noise, a fresh {@code new SeededRandom(seed).fork("preview")}
 * each time, so successive grids show how the same inputs evolve; a conditional model gets one
 * row per class.
 */
public final class TrainingRun {

    private final GanExperiment experiment;
    private final RunDirectory directory;
    private final List<DataFile> dataFiles;
    private final List<String> commandLine;
    private final int previewCount;
    private final int previewColumns;
    private final int[] previewLabels;
    private final int[] imageSize;

    /**
     * @param dataFiles the files the dataset was read from, for provenance
     * @param commandLine the command that started the run, for provenance; empty from code
     */
    public TrainingRun(GanExperiment experiment, RunDirectory directory, List<DataFile> dataFiles,
            List<String> commandLine) {
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
     * Writes {@code config.json} and {@code provenance.json}, trains, writing a metrics line
     * after every iteration and grids as configured, then writes {@code final.png}.
     *
     * @param progress called after each iteration once its metrics are written; may be {@code null}
     */
    public RunResult run(TrainingListener progress) throws IOException {
        ExperimentConfig config = experiment.config();
        ExperimentConfig resolved = config.withBackend(experiment.backend().name());
        AtomicFiles.write(directory.config(),
                ExperimentLoader.create(experiment.layers()).toJson(resolved).getBytes(StandardCharsets.UTF_8));
        Instant start = Instant.now();
        Provenance provenance = Provenance.capture(config.name(), config.seed(), experiment.backend(),
                experiment.dataset(), dataFiles, commandLine, start);
        ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        AtomicFiles.write(directory.provenance(), (json.writeValueAsString(provenance) + "\n")
                .getBytes(StandardCharsets.UTF_8));

        int sampleEvery = config.output().sampleEvery();
        IterationStats[] last = new IterationStats[1];
        long startNanos = System.nanoTime();
        try (MetricsLog metrics = MetricsLog.open(directory.metrics())) {
            experiment.train((trainer, stats) -> {
                try {
                    metrics.append(stats);
                    if (sampleEvery > 0 && stats.iteration() % sampleEvery == 0) {
                        writePreview(directory.sample(stats.iteration()));
                    }
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
                last[0] = stats;
                if (progress != null) {
                    progress.onIteration(trainer, stats);
                }
            });
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
        Duration elapsed = Duration.ofNanos(System.nanoTime() - startNanos);
        writePreview(directory.finalImage());
        int done = experiment.iteration();
        return new RunResult(directory.path(), done, done >= config.training().iterations(), elapsed, last[0]);
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
