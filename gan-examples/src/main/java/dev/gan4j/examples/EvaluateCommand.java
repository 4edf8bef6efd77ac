package dev.gan4j.examples;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gan4j.api.Backend;
import dev.gan4j.api.Backends;
import dev.gan4j.api.SeededRandom;
import dev.gan4j.core.eval.EvaluationClassifier;
import dev.gan4j.core.eval.EvaluationReport;
import dev.gan4j.core.eval.Evaluator;
import dev.gan4j.core.eval.Judge;
import dev.gan4j.mnist.DataLoadException;
import dev.gan4j.mnist.DataRequest;
import dev.gan4j.mnist.IdxArray;
import dev.gan4j.mnist.IdxFormatException;
import dev.gan4j.mnist.IdxReader;
import dev.gan4j.mnist.Transform;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/**
 * {@code gan evaluate SAMPLES.idx [--labels LABELS.idx] [--judge cnn|mlp]}: scores images against the real test
 * split with the evaluation classifier (trained and cached on first use) and prints one JSON
 * object with every figure. Progress and messages go to stderr, so stdout is only the JSON.
 */
@Command(name = "evaluate", mixinStandardHelpOptions = true, versionProvider = GanCli.Version.class,
        description = {"Score samples with gan4j's evaluation classifier against the real test "
    + "split and print one JSON object: classifier score, Fréchet distance, class histogram, its KL divergence "
    + "from uniform, modes, precision and recall (k = 3) and, with --labels, conditional accuracy.",
    "SAMPLES is an IDX file (gzipped or not) of N images: unsigned bytes 0-255 as 'gan generate' and MNIST write "
    + "them, or floats in [0, 1]. The classifier (--judge) is trained once (about a minute for the cnn, seconds for "
    + "the mlp) and cached; the JSON names the judge."})
final class EvaluateCommand implements Callable<Integer> {

    @ParentCommand
    GanCli cli;

    @Parameters(index = "0", paramLabel = "SAMPLES.idx", description = "The images to score.")
    Path samples;

    @Option(names = "--labels", paramLabel = "LABELS.idx",
            description = "The class each image was generated for: adds conditionalAccuracy.")
    Path labels;

    @Option(names = "--dataset", paramLabel = "NAME", defaultValue = "mnist",
            description = "The real data to compare with: mnist or fashion-mnist. Default: ${DEFAULT-VALUE}.")
    String dataset;

    @Option(names = "--data-dir", paramLabel = "DIR",
            description = "The directory holding the data's files (directly or in DIR/NAME); without it they are "
                    + "looked for in GAN4J_DATA_DIR, the system datasets and the user cache.")
    Path dataDir;

    @Option(names = "--judge", paramLabel = "NAME", defaultValue = "cnn",
            description = "The evaluation classifier: cnn (a small convolutional network) or mlp (the perceptron "
                    + "gan4j judged with before, to compare with). Figures of different judges are not comparable. "
                    + "Default: ${DEFAULT-VALUE}.")
    String judge;

    @Option(names = "--classifier", paramLabel = "FILE",
            description = "The evaluation classifier to use (of the --judge kind), or where to save it when it must be "
                    + "trained. Default: the gan4j cache, e.g. "
                    + "~/.cache/gan4j/mnist/gan4j-classifier-mnist-test-cnn-1x28x28-16-32-128-10.json.")
    Path classifierFile;

    @Option(names = "--range", paramLabel = "FROM:TO",
            description = "Score only images FROM (inclusive) to TO (exclusive) of the file, and their labels: e.g. "
                    + "'--range 0:2000' for a real baseline at the sample count of a generator's evaluation.")
    String range;

    @Option(names = "--seed", paramLabel = "S", defaultValue = "1",
            description = "Seeds the subsets precision and recall compare. Default: ${DEFAULT-VALUE}.")
    long seed;

    @Option(names = "--backend", paramLabel = "NAME", description = "Backend to use (see 'gan backends').")
    String backend;

    @Mixin
    VerboseOption verbose;

    @Override
    public Integer call() throws IOException {
        Judge chosen = judge(judge);
        Images all = readImages(samples);
        int[] allClasses = labels == null ? null : readLabels(labels, all.count());
        int[] span = span(range, all.count());
        Images images = all.slice(span[0], span[1]);
        int[] classes = allClasses == null ? null : Arrays.copyOfRange(allClasses, span[0], span[1]);
        EvaluationSetup setup = EvaluationSetup.forData(DataRequest.of(dataset, "test", Transform.UNIT)
                .withDir(dataDir), cli.dataEnvironment);
        try (Backend b = Backends.discover().select(backend).create(Map.of())) {
            EvaluationClassifier classifier = setup.classifier(classifierFile, chosen, null, b, cli.dataEnvironment,
                    cli.err);
            int inputSize = classifier.architecture().inputSize();
            if (images.pixels() != inputSize) {
                throw new UserError(samples + " holds images of " + images.pixels() + " pixels "
                        + Arrays.toString(images.shape()) + "; " + setup.reference().name() + " has " + inputSize, null);
            }
            Evaluator evaluator = setup.evaluator(classifier);
            EvaluationReport report;
            try {
                report = evaluator.evaluate(images.values(), images.count(), classes, new SeededRandom(seed));
            } catch (IllegalArgumentException e) {
                throw new UserError(samples + ": " + e.getMessage(), e);
            }
            ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
            ObjectNode out = json.createObjectNode();
            out.put("file", samples.toString());
            if (range != null) {
                out.put("range", span[0] + ":" + span[1]);
            }
            if (labels != null) {
                out.put("labels", labels.toString());
            }
            out.put("reference", setup.reference().name());
            out.put("classifier", classifierFile != null ? classifierFile.toString()
                    : setup.defaultClassifierFile(cli.dataEnvironment, chosen).toString());
            out.setAll((ObjectNode) json.valueToTree(report));
            cli.out.println(json.writeValueAsString(out));
            cli.out.flush();
        }
        return 0;
    }

    /** The judge named by {@code --judge NAME}. */
    static Judge judge(String name) {
        try {
            return Judge.of(name);
        } catch (IllegalArgumentException e) {
            throw new UserError("--judge " + name + ": " + e.getMessage(), e);
        }
    }

    /** Images as floats in [0, 1]. */
    record Images(float[] values, int count, int[] shape) {
        int pixels() {
            return values.length / count;
        }

        /** Images {@code [from, to)}. */
        Images slice(int from, int to) {
            if (from == 0 && to == count) {
                return this;
            }
            int p = pixels();
            int[] s = shape.clone();
            s[0] = to - from;
            return new Images(Arrays.copyOfRange(values, from * p, to * p), to - from, s);
        }
    }

    /** {@code [from, to)} from {@code "FROM:TO"}, or all {@code count} images for {@code null}. */
    static int[] span(String range, int count) {
        if (range == null) {
            return new int[] {0, count};
        }
        String[] parts = range.split(":", -1);
        try {
            if (parts.length == 2) {
                int from = Integer.parseInt(parts[0].trim());
                int to = Integer.parseInt(parts[1].trim());
                if (0 <= from && from < to && to <= count) {
                    return new int[] {from, to};
                }
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new UserError("--range " + range + ": expected FROM:TO with 0 <= FROM < TO <= " + count
                + " (the number of images)", null);
    }

    /**
     * Reads {@code [N, H, W]}, {@code [N, 1, H, W]} or {@code [N, P]} images: integer pixels are
     * divided by 255; floats are taken as they are, and must then already be in [0, 1].
     */
    static Images readImages(Path file) throws IOException {
        IdxArray array = read(file);
        if (array.rank() < 2 || array.dim(0) == 0) {
            throw new UserError(file + " is not a set of images: its IDX dimensions are "
                    + Arrays.toString(array.dims()) + "; expected [N, height, width] with N > 0", null);
        }
        float[] values;
        try {
            values = array.toFloatArray();
        } catch (DataLoadException e) {
            throw new UserError(file + ": " + e.getMessage(), e);
        }
        if (array.type().isInteger()) {
            for (int i = 0; i < values.length; i++) {
                values[i] /= 255f;
            }
        }
        int nonFinite = GenerateCommand.nonFiniteSamples(values, array.dim(0));
        if (nonFinite > 0) {
            throw new UserError(file + ": " + nonFinite + " of " + array.dim(0) + " images hold NaN or infinite "
                    + "values; they cannot be scored", null);
        }
        for (int i = 0; i < values.length; i++) {
            if (!(values[i] >= 0f && values[i] <= 1f)) {
                int pixels = values.length / array.dim(0);
                throw new UserError(file + ": image " + i / pixels + ", pixel " + i % pixels + " is " + values[i]
                        + (array.type().isInteger() ? "/255" : "") + "; expected values in [0, 1] (0-255 for bytes)",
                        null);
            }
        }
        return new Images(values, array.dim(0), array.dims());
    }

    /** Reads {@code expected} class labels from a one-dimensional integer IDX file. */
    static int[] readLabels(Path file, int expected) throws IOException {
        IdxArray array = read(file);
        if (array.rank() != 1 || !array.type().isInteger()) {
            throw new UserError(file + " is not a label file: its IDX dimensions are " + Arrays.toString(array.dims())
                    + " of type " + array.type() + "; expected [N] integers", null);
        }
        if (array.dim(0) != expected) {
            throw new UserError(file + " holds " + array.dim(0) + " labels but the samples are " + expected + " images",
                    null);
        }
        return array.toIntArray();
    }

    private static IdxArray read(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new UserError(file + " does not exist or is not a file", null);
        }
        try {
            return IdxReader.standard().read(file);
        } catch (IdxFormatException e) {
            throw new UserError(e.getMessage(), e);
        }
    }
}
