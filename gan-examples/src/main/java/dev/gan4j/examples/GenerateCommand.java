package dev.gan4j.examples;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gan4j.api.Backend;
import dev.gan4j.api.BackendProvider;
import dev.gan4j.api.Backends;
import dev.gan4j.api.SeededRandom;
import dev.gan4j.core.checkpoint.Checkpoint;
import dev.gan4j.core.checkpoint.CheckpointException;
import dev.gan4j.core.checkpoint.CheckpointFiles;
import dev.gan4j.core.config.ExperimentConfig;
import dev.gan4j.core.config.ExperimentException;
import dev.gan4j.core.config.ExperimentLoader;
import dev.gan4j.core.eval.GeneratorEvaluation;
import dev.gan4j.core.io.FileWriteException;
import dev.gan4j.core.nn.LayerRegistry;
import dev.gan4j.core.run.CheckpointPolicy;
import dev.gan4j.core.run.RunDirectory;
import dev.gan4j.core.run.SampleGrid;
import dev.gan4j.core.train.Conditioning;
import dev.gan4j.core.train.GanModel;
import dev.gan4j.core.train.Sampling;
import dev.gan4j.mnist.DataLoadException;
import dev.gan4j.mnist.ExperimentData;
import dev.gan4j.mnist.IdxWriter;
import dev.gan4j.mnist.LoadedDataset;
import dev.gan4j.mnist.Transform;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/**
 * {@code gan generate (RUN_DIR | CHECKPOINT) --out FILE [--count N] [--label K | --balanced]
 * [--seed S] [--best] [--backend NAME]}: samples from a trained generator, as a PNG grid or an
 * IDX file of {@code N × H × W} unsigned bytes (with the labels as an IDX file beside it for a
 * conditional model).
 *
 * <p>The generator is rebuilt from the experiment inside the checkpoint and its parameters; the
 * sample shape and class count come from the run's {@code provenance.json}, or, for a checkpoint
 * outside a run directory, from the experiment's data.
 */
@Command(name = "generate", mixinStandardHelpOptions = true, versionProvider = GanCli.Version.class,
        description = {"Draw samples from a trained generator: a PNG grid, or an IDX file of "
    + "N×H×W unsigned bytes (0-255) that any MNIST tool reads. For a conditional model the labels are written "
    + "beside the images as an IDX label file (FILE-labels.idx).",
    "RUN_DIR uses the run's newest intact checkpoint (--best: the one with the best evaluation); CHECKPOINT is a "
    + ".ckpt file."})
final class GenerateCommand implements Callable<Integer> {

    /** Conditional labels: one class, or balanced over all. */
    static final class Labels {
        @Option(names = "--label", paramLabel = "K", description = "Every sample of class K (conditional models).")
        Integer label;

        @Option(names = "--balanced", description = "Classes 0, 1, …, 0, 1, … in turn (the default for conditional "
                + "models).")
        boolean balanced;
    }

    @ParentCommand
    GanCli cli;

    @Parameters(index = "0", paramLabel = "RUN_DIR|CHECKPOINT", description = "A run directory or a checkpoint file.")
    Path source;

    @Option(names = "--out", required = true, paramLabel = "FILE",
            description = "Where to write: FILE.png (a grid) or FILE.idx (images; labels go to FILE-labels.idx).")
    Path out;

    @Option(names = "--count", paramLabel = "N", defaultValue = "100", description = "Samples to draw. "
            + "Default: ${DEFAULT-VALUE}.")
    int count;

    @ArgGroup(exclusive = true)
    Labels labels;

    @Option(names = "--seed", paramLabel = "S", defaultValue = "1",
            description = "Seeds the noise: the same seed draws the same samples. Default: ${DEFAULT-VALUE}.")
    long seed;

    @Option(names = "--best", description = "With RUN_DIR: use checkpoints/best.ckpt, the state with the best "
            + "evaluation figure, instead of the newest checkpoint.")
    boolean best;

    @Option(names = "--backend", paramLabel = "NAME", description = "Backend to use (see 'gan backends').")
    String backend;

    @Option(names = "--columns", paramLabel = "C", description = "Grid columns for a PNG. Default: the number of "
            + "classes for a conditional model with balanced labels, else about √N.")
    Integer columns;

    @Mixin
    VerboseOption verbose;

    @Override
    public Integer call() throws IOException {
        String kind = kind(out);
        if (count < 1) {
            throw new UserError("--count must be at least 1, got " + count, null);
        }
        CheckpointPolicy.Loaded loaded = load();
        Path checkpointFile = loaded.file();
        Checkpoint checkpoint = loaded.checkpoint();
        if (checkpoint.experimentJson() == null) {
            throw new UserError(checkpointFile + " does not hold its experiment, so its generator cannot be rebuilt",
                    null);
        }
        ExperimentConfig config = ExperimentLoader.create().parse(checkpoint.experimentJson(),
                checkpointFile + " (its experiment)", List.of());
        SampleSpec spec = sampleSpec(checkpointFile, config);
        int[] sampleLabels = labels(spec.classCount());
        BackendProvider provider = Backends.discover().select(backend != null ? backend : config.backend());
        float[] samples;
        try (Backend b = provider.create(Map.of())) {
            GanModel model;
            try {
                model = GanModel.build(b, config.generator(), config.discriminator(), config.noise().dim(),
                        spec.sampleShape(), spec.classCount(), new SeededRandom(config.seed()).fork("init"),
                        LayerRegistry.discover());
                // the run sampled from its generator average, if it kept one; so does this
                checkpoint.restoreForSampling(model, config.training().generatorAverage());
            } catch (IllegalArgumentException | CheckpointException e) {
                throw new UserError(checkpointFile + " does not fit its own experiment: " + e.getMessage(), e);
            }
            samples = Sampling.generate(model, config.noise(), count, new SeededRandom(seed).fork("generate"),
                    sampleLabels);
        }
        // a PNG would clamp NaN to black and the IDX writer cannot encode it: refuse before writing
        int nonFinite = nonFiniteSamples(samples, count);
        if (nonFinite > 0) {
            throw new UserError(checkpointFile + ": the generator's output is NaN or infinite in " + nonFinite + " of "
                    + count + " samples (its parameters are not finite); nothing was written", null);
        }
        int[] image = SampleGrid.imageSize(spec.sampleShape());
        Path parent = out.toAbsolutePath().getParent();
        Files.createDirectories(parent);
        String written;
        if (kind.equals("png")) {
            int cols = columns != null ? columns
                    : sampleLabels != null && (labels == null || labels.label == null) ? spec.classCount()
                    : (int) Math.ceil(Math.sqrt(count));
            if (cols < 1) {
                throw new UserError("--columns must be at least 1, got " + cols, null);
            }
            var t = config.data().transform();
            SampleGrid.writePng(samples, count, image[0], image[1], cols, t.min(), t.max(), out);
            written = out.toString();
        } else {
            Transform transform = Transform.fromName(config.data().transform().jsonName());
            try {
                IdxWriter.writeImages(out, samples, count, image[0], image[1], transform);
            } catch (IOException e) {
                // a full disk is reported without the file's name
                throw FileWriteException.writing(out, e);
            }
            written = out.toString();
            if (sampleLabels != null) {
                Path labelFile = labelsFile(out);
                try {
                    IdxWriter.writeLabels(labelFile, sampleLabels);
                } catch (IOException e) {
                    throw FileWriteException.writing(labelFile, e);
                }
                written += " and its labels to " + labelFile;
            }
        }
        cli.out.printf(Locale.ROOT, "Wrote %,d samples of %s (iteration %,d, %s) to %s%n", count, config.name(),
                checkpoint.iteration(), checkpointFile, written);
        cli.out.flush();
        return 0;
    }

    /** How many of the {@code count} samples in {@code values} hold a NaN or infinite value. */
    static int nonFiniteSamples(float[] values, int count) {
        int size = values.length / count;
        int bad = 0;
        for (int i = 0; i < count; i++) {
            for (int j = i * size; j < (i + 1) * size; j++) {
                if (!Float.isFinite(values[j])) {
                    bad++;
                    break;
                }
            }
        }
        return bad;
    }

    /** {@code samples.idx} → {@code samples-labels.idx}. */
    static Path labelsFile(Path images) {
        String name = images.getFileName().toString();
        return images.resolveSibling(name.substring(0, name.length() - ".idx".length()) + "-labels.idx");
    }

    private static String kind(Path out) {
        String name = out.getFileName().toString().toLowerCase(Locale.ROOT);
        if (name.endsWith(".png")) {
            return "png";
        }
        if (name.endsWith(".idx")) {
            return "idx";
        }
        throw new UserError("--out " + out + ": the file name must end in .png (a grid) or .idx (IDX images)", null);
    }

    /** The checkpoint {@link #source} names, read and checked. */
    private CheckpointPolicy.Loaded load() throws IOException {
        if (Files.isDirectory(source)) {
            RunDirectory dir = RunDirectory.open(source);
            if (best) {
                if (!Files.isRegularFile(dir.bestCheckpoint())) {
                    throw new UserError(source + " has no " + source.relativize(dir.bestCheckpoint())
                            + ": it is written only when a run evaluates (output.evaluateEvery)", null);
                }
                return read(dir.bestCheckpoint());
            }
            // newest first; a damaged one is skipped (and left where it is: generating changes no run)
            List<Path> all = CheckpointPolicy.list(dir.checkpoints());
            for (int i = all.size() - 1; i >= 0; i--) {
                try {
                    return new CheckpointPolicy.Loaded(all.get(i), CheckpointFiles.read(all.get(i)));
                } catch (CheckpointException e) {
                    cli.err.println("gan generate: warning: skipping damaged checkpoint " + e.getMessage());
                }
            }
            throw new UserError(source + " has no intact checkpoint in " + dir.checkpoints(), null);
        }
        if (best) {
            throw new UserError("--best needs a run directory, not the checkpoint file " + source, null);
        }
        if (!Files.isRegularFile(source)) {
            throw new UserError(source + " is neither a run directory nor a checkpoint file", null);
        }
        return read(source);
    }

    private static CheckpointPolicy.Loaded read(Path file) throws IOException {
        try {
            return new CheckpointPolicy.Loaded(file, CheckpointFiles.read(file));
        } catch (CheckpointException e) {
            throw new UserError(e.getMessage(), e);
        }
    }

    /** Per-sample shape and class count of the data a model was trained on. */
    record SampleSpec(int[] sampleShape, int classCount) {
    }

    /**
     * From the run's {@code provenance.json} (beside {@code checkpoints/}, or beside the
     * checkpoint); failing that, from the experiment's data, which must then be at hand.
     */
    private SampleSpec sampleSpec(Path checkpointFile, ExperimentConfig config) throws IOException {
        boolean conditional = config.conditioning() == Conditioning.ONE_HOT;
        Path parent = checkpointFile.toAbsolutePath().getParent();
        for (Path dir : new Path[] {parent.getParent(), parent}) {
            Path provenance = dir == null ? null : dir.resolve(RunDirectory.PROVENANCE);
            if (provenance != null && Files.isRegularFile(provenance)) {
                JsonNode data = new ObjectMapper().readTree(provenance.toFile()).path("dataset");
                JsonNode shape = data.path("sampleShape");
                if (shape.isArray() && shape.size() > 0) {
                    int[] s = new int[shape.size()];
                    for (int i = 0; i < s.length; i++) {
                        s[i] = shape.get(i).asInt();
                    }
                    return new SampleSpec(s, conditional ? data.path("classCount").asInt() : 0);
                }
            }
        }
        try {
            LoadedDataset data = ExperimentData.open(config.data(), cli.dataEnvironment);
            return new SampleSpec(data.sampleShape(), conditional ? data.classCount() : 0);
        } catch (ExperimentException | DataLoadException e) {
            throw new UserError("no provenance.json beside " + checkpointFile + " to learn the sample shape from, and "
                    + "the experiment's data cannot be opened: " + e.getMessage(), e);
        }
    }

    private int[] labels(int classCount) {
        if (classCount == 0) {
            if (labels != null) {
                throw new UserError((labels.label != null ? "--label" : "--balanced")
                        + " needs a conditional model; this one is not", null);
            }
            return null;
        }
        if (labels != null && labels.label != null) {
            if (labels.label < 0 || labels.label >= classCount) {
                throw new UserError("--label " + labels.label + " is outside the model's classes 0.." + (classCount - 1),
                        null);
            }
            int[] all = new int[count];
            Arrays.fill(all, labels.label);
            return all;
        }
        return GeneratorEvaluation.balancedLabels(count, classCount);
    }
}
