package dev.gan4j.examples;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gan4j.core.MemoryEstimate;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Bad experiments through the command line: each is refused by both {@code gan validate} and
 * {@code gan train} with exit code 2 and exactly one message naming the file, line and column (or
 * the {@code --set} override), the JSON path and what was expected, without a stack trace; and
 * {@code gan train} creates no run directory for it.
 */
class BadExperimentTest {

    /** A valid experiment on the small IDX dataset of {@link Cli#writeData}; {@code DIR} is replaced. */
    private static final String GOOD = """
            {
              "name": "bad",
              "seed": 1,
              "data": {"dataset": "idx", "dir": "DIR", "images": "images.idx", "labels": "labels.idx"},
              "noise": {"dim": 4},
              "generator": [
                {"type": "dense", "units": 8},
                {"type": "relu"},
                {"type": "dense", "units": 16},
                {"type": "sigmoid"}
              ],
              "discriminator": [
                {"type": "dense", "units": 8},
                {"type": "leaky-relu", "slope": 0.2},
                {"type": "dense", "units": 1}
              ],
              "loss": {"type": "non-saturating"},
              "optimizers": {
                "discriminator": {"type": "adam", "learningRate": 0.001},
                "generator": {"type": "sgd", "learningRate": 0.1}
              },
              "training": {"iterations": 2, "samplesPerIteration": 10, "batchSize": 5}
            }
            """;

    private static final String TOP_FIELDS = "backend, conditioning, data, description, discriminator, generator, "
            + "loss, name, noise, optimizers, output, seed, training";
    private static final String LAYER_TYPES =
            "avg-pool2d, batch-norm, batch-norm2d, conv-transpose2d, conv2d, dense, dropout, flatten, label-channels, "
                    + "label-embedding, leaky-relu, minibatch-stddev, random-translate, relu, reshape, sigmoid, tanh, upsample";

    @TempDir
    Path dir;

    private final Cli cli = new Cli();
    private String good;

    @BeforeEach
    void data() throws IOException {
        Cli.writeData(dir);
        good = GOOD.replace("DIR", dir.toString());
    }

    // ---- helpers ----------------------------------------------------------------------------

    private Path write(String json) throws IOException {
        Path f = dir.resolve("experiment.json");
        Files.writeString(f, json);
        return f;
    }

    /** The experiment with the first {@code from} replaced by {@code to}. */
    private String with(String from, String to) {
        assertTrue(good.contains(from), from);
        return good.replaceFirst(Pattern.quote(from), Matcher.quoteReplacement(to));
    }

    /** {@code "LINE:COLUMN"} of the first {@code needle} after the first {@code context} in {@code json}. */
    private static String at(String json, String context, String needle) {
        int start = json.indexOf(context);
        assertTrue(start >= 0, context);
        int i = json.indexOf(needle, start);
        assertTrue(i >= 0, needle);
        int line = 1;
        int lineStart = 0;
        for (int k = 0; k < i; k++) {
            if (json.charAt(k) == '\n') {
                line++;
                lineStart = k + 1;
            }
        }
        return line + ":" + (i - lineStart + 1);
    }

    private static String at(String json, String needle) {
        return at(json, needle, needle);
    }

    /** {@code "LINE:COLUMN"} of the end of {@code json}, where an unterminated file is noticed. */
    private static String end(String json) {
        return json.split("\n", -1).length + ":" + (json.length() - json.lastIndexOf('\n'));
    }

    /** {@code "LINE:COLUMN"} just after the first {@code needle} after the first {@code context}. */
    private static String after(String json, String context, String needle) {
        String[] lc = at(json, context, needle).split(":");
        return lc[0] + ":" + (Integer.parseInt(lc[1]) + needle.length());
    }

    /**
     * Asserts that {@code gan validate FILE args} and {@code gan train FILE args --out RUN} both
     * fail with exactly {@code message}, and that train left no run directory.
     */
    private void rejects(Path file, String message, String... args) {
        cli.assertUserError(cli.run(command("validate", file, args)), "validate", message);
        Path run = dir.resolve("run");
        List<String> train = new ArrayList<>(List.of(command("train", file, args)));
        train.addAll(List.of("--out", run.toString()));
        cli.assertUserError(cli.run(train.toArray(String[]::new)), "train", message);
        assertFalse(Files.exists(run), "train must not create a run directory for a bad experiment");
    }

    /** As {@link #rejects(Path, String, String...)} for an error in {@code json} at {@code location}. */
    private void rejects(String json, String location, String pathAndProblem) throws IOException {
        Path f = write(json);
        rejects(f, f + ":" + location + ": " + pathAndProblem);
    }

    private static String[] command(String name, Path file, String... args) {
        List<String> all = new ArrayList<>(List.of(name, file.toString()));
        all.addAll(List.of(args));
        return all.toArray(String[]::new);
    }

    // ---- the good experiment ------------------------------------------------------------------

    @Test
    void theGoodExperimentValidates() throws IOException {
        int code = cli.run("validate", write(good).toString());
        String out = cli.out();
        cli.assertOk(code);
        assertTrue(out.contains("OK: experiment 'bad' on ejml: idx/train (20 samples), G 4→16 (184 parameters), "
                + "D 16→1 (145 parameters), 2 iterations; needs about "), out);
    }

    // ---- fields -------------------------------------------------------------------------------

    @Test
    void unknownTopLevelField() throws IOException {
        String json = with("\"seed\": 1,", "\"seed\": 1, \"sede\": 2,");
        rejects(json, at(json, "\"sede\"", "2"),
                "$.sede: unknown field 'sede'; did you mean 'seed'?; expected one of: " + TOP_FIELDS);
    }

    @Test
    void unknownFieldInALayerThatLooksLikeARequiredOne() throws IOException {
        String json = with("{\"type\": \"dense\", \"units\": 8}", "{\"type\": \"dense\", \"unit\": 8}");
        rejects(json, at(json, "\"unit\"", "8"), "$.generator[0].unit: unknown field 'unit'; did you mean 'units'? "
                + "(units is required)");
    }

    @Test
    void aProbabilityLossAfterADiscriminatorThatEmitsLogits() throws IOException {
        String json = with("\"loss\": {\"type\": \"non-saturating\"}", "\"loss\": {\"type\": \"bce\"}");
        rejects(json, at(json, "{\"type\": \"dense\", \"units\": 1}"), "$.discriminator[2]: loss 'bce' takes D's output as a probability, but D's last layer emits "
                + "unbounded values: end D with a sigmoid (\"activation\": \"sigmoid\" on this dense layer), or use a "
                + "loss on logits such as \"non-saturating\"");
        // with the sigmoid, bce fits
        String fixed = with("{\"type\": \"dense\", \"units\": 1}", "{\"type\": \"dense\", \"units\": 1, \"activation\": \"sigmoid\"}")
                .replace("\"loss\": {\"type\": \"non-saturating\"}", "\"loss\": {\"type\": \"bce\"}");
        cli.assertOk(cli.run("validate", write(fixed).toString()));
    }

    @Test
    void aLogitLossAfterADiscriminatorThatEndsWithASigmoid() throws IOException {
        String json = with("{\"type\": \"dense\", \"units\": 1}", "{\"type\": \"dense\", \"units\": 1}, {\"type\": \"sigmoid\"}");
        rejects(json, at(json, "\"discriminator\"", "{\"type\": \"sigmoid\"}"), "$.discriminator[3]: loss 'non-saturating' takes D's output as a logit and applies the "
                + "sigmoid itself, but D ends with a sigmoid: remove it, or use \"bce\", which takes probabilities");
        String critic = json.replace("\"loss\": {\"type\": \"non-saturating\"}", "\"loss\": {\"type\": \"wasserstein\"}");
        rejects(critic, at(critic, "\"discriminator\"", "{\"type\": \"sigmoid\"}"), "$.discriminator[3]: loss 'wasserstein' takes D's output as an unbounded critic score, "
                + "but D ends with a sigmoid: remove it");
        // squared error is defined on either
        cli.assertOk(cli.run("validate", write(json.replace("\"loss\": {\"type\": \"non-saturating\"}",
                "\"loss\": {\"type\": \"squared-error\"}")).toString()));
    }

    @Test
    void stringWhereAnIntegerBelongs() throws IOException {
        String json = with("\"batchSize\": 5", "\"batchSize\": \"5\"");
        rejects(json, at(json, "\"batchSize\"", "\"5\""), "$.training.batchSize: expected an integer, got \"5\"");
    }

    @Test
    void fractionWhereAnIntegerBelongs() throws IOException {
        String json = with("\"units\": 16", "\"units\": 16.5");
        rejects(json, at(json, "\"units\": 16.5", "16.5"), "$.generator[2].units: expected an integer, got 16.5");
    }

    @Test
    void integerTooLargeForItsField() throws IOException {
        String json = with("\"units\": 16", "\"units\": 3000000000");
        rejects(json, at(json, "\"units\": 3000000000", "3000000000"),
                "$.generator[2].units: expected an integer from -2147483648 to 2147483647, got 3000000000");
    }

    @Test
    void arrayWhereAnObjectBelongs() throws IOException {
        String json = with("\"noise\": {\"dim\": 4}", "\"noise\": [4]");
        rejects(json, at(json, "[4]"), "$.noise: expected an object, got an array");
    }

    @Test
    void numberWhereAStringBelongs() throws IOException {
        String json = with("\"name\": \"bad\"", "\"name\": 7");
        rejects(json, at(json, "\"name\"", "7"), "$.name: expected a string, got 7");
    }

    @Test
    void unknownEnumValueListsTheKnownOnes() throws IOException {
        String json = with("\"dim\": 4", "\"dim\": 4, \"distribution\": \"gauss\"");
        rejects(json, at(json, "\"gauss\""), "$.noise.distribution: expected one of \"normal\", \"uniform\", got "
                + "\"gauss\"");
    }

    @Test
    void missingRequiredSection() throws IOException {
        String json = with("  \"noise\": {\"dim\": 4},\n", "");
        rejects(json, "1:1", "$.noise: missing required field 'noise'");
    }

    @Test
    void missingRequiredField() throws IOException {
        String json = with("\"samplesPerIteration\": 10, \"batchSize\": 5", "\"samplesPerIteration\": 10");
        rejects(json, at(json, "\"training\"", "{"), "$.training.batchSize: missing required field 'batchSize'");
    }

    @Test
    void nullInsteadOfALayer() throws IOException {
        String json = with("{\"type\": \"relu\"}", "null");
        rejects(json, at(json, "null"), "$.generator[1]: generator[1] must be a layer object, got null");
    }

    @Test
    void emptyNetwork() throws IOException {
        String json = good.replaceFirst("(?s)\"discriminator\": \\[.*?\\n  \\]", "\"discriminator\": []");
        rejects(json, at(json, "\"discriminator\": []", "[]"),
                "$.discriminator: discriminator must list at least one layer");
    }

    @Test
    void duplicateField() throws IOException {
        String json = with("\"seed\": 1,", "\"seed\": 1, \"seed\": 2,");
        // Jackson notices the duplicate at the end of its name
        rejects(json, after(json, "\"seed\": 2", "\"seed\""), "$.seed: malformed JSON: Duplicate field 'seed'");
    }

    // ---- sizes --------------------------------------------------------------------------------

    @Test
    void zeroUnits() throws IOException {
        String json = with("\"units\": 8", "\"units\": 0");
        rejects(json, at(json, "\"units\": 0", "0"), "$.generator[0].units: units must be positive, got 0");
    }

    @Test
    void negativeBatchSize() throws IOException {
        String json = with("\"batchSize\": 5", "\"batchSize\": -5");
        rejects(json, at(json, "\"batchSize\": -5", "-5"), "$.training.batchSize: batchSize must be positive, got -5");
    }

    @Test
    void zeroIterations() throws IOException {
        String json = with("\"iterations\": 2", "\"iterations\": 0");
        rejects(json, at(json, "\"iterations\": 0", "0"), "$.training.iterations: iterations must be positive, got 0");
    }

    @Test
    void negativeNoiseDimension() throws IOException {
        String json = with("\"dim\": 4", "\"dim\": -4");
        rejects(json, at(json, "\"dim\": -4", "-4"), "$.noise.dim: dim must be positive, got -4");
    }

    @Test
    void samplesPerIterationNotAMultipleOfTheBatchSize() throws IOException {
        String json = with("\"samplesPerIteration\": 10", "\"samplesPerIteration\": 12");
        rejects(json, at(json, "\"samplesPerIteration\": 12", "12"),
                "$.training.samplesPerIteration: samplesPerIteration (12) must be a multiple of batchSize (5)");
    }

    @Test
    void moreSamplesPerIterationThanTheDataHas() throws IOException {
        String json = with("\"samplesPerIteration\": 10", "\"samplesPerIteration\": 25");
        rejects(json, at(json, "\"samplesPerIteration\": 25", "25"),
                "$.training.samplesPerIteration: 25 samples per iteration are more than the 20 samples of idx/train");
    }

    @Test
    void aBatchLargerThanTheDataIsTheBatchSizesFault() throws IOException {
        // samplesPerIteration defaults to batchSize, but the user wrote only the batch size (1e9 is not an integer:
        // refused as such)
        String json = with("\"samplesPerIteration\": 10, \"batchSize\": 5", "\"batchSize\": 1000000000");
        rejects(json, at(json, "\"batchSize\": 1000000000", "1000000000"), "$.training.batchSize: a batch of 1,000,000,000 samples is more than "
                + "the 20 samples of idx/train");
        rejects(write(with("\"samplesPerIteration\": 10, \"batchSize\": 5", "\"batchSize\": 5")),
                "--set training.batchSize=1000000000: $.training.batchSize: a batch of 1,000,000,000 samples is more "
                + "than the 20 samples of idx/train", "--set", "training.batchSize=1000000000");
        String both = with("\"batchSize\": 5", "\"batchSize\": 25");
        // the value's own position: a bare "25" can also stand in the temporary directory's path
        rejects(both.replace("\"samplesPerIteration\": 10", "\"samplesPerIteration\": 50"),
                at(both, "\"batchSize\": 25", "25"),
                "$.training.batchSize: a batch of 25 samples is more than the 20 samples of idx/train");
    }

    @Test
    void moreSamplesPerIterationThanTheNoiseBank() throws IOException {
        String json = with("\"dim\": 4", "\"dim\": 4, \"bank\": 5");
        rejects(json, at(json, "\"samplesPerIteration\"", "10"), "$.training.samplesPerIteration: "
                + "training.samplesPerIteration (10) must not exceed noise.bank (5): each iteration draws distinct "
                + "bank rows");
    }

    // ---- networks against each other and the data ---------------------------------------------

    @Test
    void generatorOutputDoesNotMatchTheDataOrTheDiscriminatorInput() throws IOException {
        String json = with("\"units\": 16", "\"units\": 15");
        rejects(json, at(json, "{\"type\": \"dense\", \"units\": 15}"), "$.generator[2]: this layer makes the "
                + "generator's output [15] = 15 values per sample, but the samples of idx/train are [1, 4, 4] = 16 "
                + "values");
    }

    @Test
    void generatorThatNeverResizesItsNoise() throws IOException {
        String json = good.replaceFirst("(?s)\"generator\": \\[.*?\\n  \\]", "\"generator\": [{\"type\": \"tanh\"}]");
        rejects(json, at(json, "\"generator\": [", "["), "$.generator: no layer changes the size of the generator's "
                + "input (4 values), but the samples of idx/train are [1, 4, 4] = 16 values; add a dense layer with 16 "
                + "units");
    }

    @Test
    void discriminatorThatDoesNotEndInOneOutput() throws IOException {
        String json = with("{\"type\": \"dense\", \"units\": 1}", "{\"type\": \"dense\", \"units\": 2}");
        rejects(json, at(json, "{\"type\": \"dense\", \"units\": 2}"), "$.discriminator[2]: the discriminator must end "
                + "with 1 output per sample (its score), but this layer makes it [2]");
    }

    @Test
    void layerThatDoesNotFitItsInput() throws IOException {
        // a label embedding of 40 classes on a 4-value noise input has no room for its label columns
        String json = with("{\"type\": \"dense\", \"units\": 8}",
                "{\"type\": \"label-embedding\", \"classes\": 40, \"dim\": 3}");
        rejects(json, at(json, "{\"type\": \"label-embedding\""), "$.generator[0]: label-embedding "
                + "with classes=40 needs an input of features followed by 40 label columns, but the input has only 4 "
                + "values per sample");
    }

    @Test
    void generatorThatMakesImagesOfAnotherShape() throws IOException {
        String json = with("{\"type\": \"dense\", \"units\": 16}", "{\"type\": \"dense\", \"units\": 8}, "
                + "{\"type\": \"reshape\", \"shape\": [2, 2, 2]}, "
                + "{\"type\": \"conv-transpose2d\", \"filters\": 1, \"kernel\": 2}");
        rejects(json, at(json, "{\"type\": \"conv-transpose2d\""), "$.generator[4]: conv-transpose2d makes [1, 3, 3] "
                + "but the samples of idx/train are [1, 4, 4]");
        // one more row and column of output, and the experiment fits
        cli.assertOk(cli.run("validate", write(json.replace("\"kernel\": 2}", "\"kernel\": 3}")).toString()));
    }

    @Test
    void convolutionThatDoesNotFitItsInput() throws IOException {
        String json = with("{\"type\": \"dense\", \"units\": 8},\n    {\"type\": \"leaky-relu\"",
                "{\"type\": \"conv2d\", \"filters\": 2, \"kernel\": 5},\n    {\"type\": \"leaky-relu\"");
        rejects(json, at(json, "{\"type\": \"conv2d\""), "$.discriminator[0]: conv2d: a 5x5 kernel with padding 0 "
                + "does not fit the input [1, 4, 4]");
        String flat = with("\"units\": 16}", "\"units\": 16},\n    {\"type\": \"conv2d\", \"filters\": 1, \"kernel\": 1}");
        rejects(flat, at(flat, "{\"type\": \"conv2d\""), "$.generator[3]: conv2d: needs an image input [C, H, W], "
                + "got [16]; put a reshape before it (e.g. {\"type\": \"reshape\", \"shape\": [1, 28, 28]})");
    }

    @Test
    void conditionalExperimentOnDataWithoutLabels() throws IOException {
        String json = with("\"images\": \"images.idx\", \"labels\": \"labels.idx\"", "\"images\": \"images.idx\"")
                .replace("\"seed\": 1,", "\"seed\": 1,\n  \"conditioning\": \"one-hot\",");
        rejects(json, at(json, "\"one-hot\""), "$.conditioning: \"one-hot\" conditioning needs data labelled with at "
                + "least 2 classes, but idx/train has no labels (give data.labels)");
    }

    // ---- types and backends -------------------------------------------------------------------

    @Test
    void unknownLayerTypeListsTheKnownOnes() throws IOException {
        String json = with("{\"type\": \"relu\"}", "{\"type\": \"swish\"}");
        rejects(json, at(json, "\"swish\""), "$.generator[1].type: unknown layer type 'swish'; known layer types: "
                + LAYER_TYPES);
    }

    @Test
    void missingLayerTypeListsTheKnownOnes() throws IOException {
        String json = with("{\"type\": \"relu\"}", "{\"units\": 3}");
        rejects(json, at(json, "{\"units\": 3}"), "$.generator[1].type: missing \"type\"; expected one of the layer "
                + "types: " + LAYER_TYPES);
    }

    @Test
    void unknownLossListsTheKnownOnes() throws IOException {
        String json = with("\"non-saturating\"", "\"cross-entropy\"");
        rejects(json, at(json, "\"cross-entropy\""), "$.loss.type: unknown loss type 'cross-entropy'; known loss "
                + "types: bce, hinge, least-squares, minimax, non-saturating, squared-error, wasserstein");
    }

    @Test
    void unknownOptimizerListsTheKnownOnes() throws IOException {
        String json = with("\"type\": \"sgd\"", "\"type\": \"adagrad\"");
        rejects(json, at(json, "\"adagrad\""), "$.optimizers.generator.type: unknown optimizer type 'adagrad'; known "
                + "optimizer types: adam, rmsprop, sgd");
    }

    @Test
    void unknownDatasetListsTheKnownOnes() throws IOException {
        String json = with("\"dataset\": \"idx\", \"dir\": \"" + dir + "\", \"images\": \"images.idx\", "
                + "\"labels\": \"labels.idx\"", "\"dataset\": \"emnist\"");
        rejects(json, at(json, "\"emnist\""), "$.data.dataset: unknown dataset 'emnist'; known: mnist, "
                + "fashion-mnist, idx, images (idx: your own IDX files, named by data.images and data.labels; "
                + "images: a folder of PNG files in data.dir)");
    }

    @Test
    void unknownBackendInTheFileListsTheFoundOnes() throws IOException {
        String json = with("\"seed\": 1,", "\"seed\": 1,\n  \"backend\": \"cuda\",");
        rejects(json, at(json, "\"cuda\""), "$.backend: unknown backend 'cuda'; found: " + foundBackends());
    }

    @Test
    void unknownBackendOnTheCommandLineListsTheFoundOnes() throws IOException {
        Path f = write(good);
        String nl = System.lineSeparator();
        rejects(f, "unknown backend 'cuda' (requested). Providers found:" + nl
                + foundBackends().replace("; ", nl + "  ").replaceFirst("^", "  "), "--backend", "cuda");
    }

    /** The backends on the test class path, as the one-line messages list them. */
    private static String foundBackends() {
        return "ejml (priority 100): available; nd4j (priority 50): available";
    }

    // ---- the file itself ----------------------------------------------------------------------

    @Test
    void unterminatedObject() throws IOException {
        String json = good.substring(0, good.indexOf("  \"loss\""));
        rejects(json, end(json), "$.discriminator: malformed JSON: the file ends inside "
                + "an object: expected another field or '}'");
    }

    @Test
    void unterminatedString() throws IOException {
        String json = good.substring(0, good.indexOf("\"non-saturating\"") + 3);
        rejects(json, end(json), "$.loss.type: malformed JSON: the file ends inside a string: expected a "
                + "closing '\"'");
    }

    @Test
    void trailingComma() throws IOException {
        String json = with("{\"type\": \"non-saturating\"}", "{\"type\": \"non-saturating\",}");
        rejects(json, at(json, ",}", "}"), "$.loss: malformed JSON: expected a field name in double quotes, got '}' "
                + "(a comma before '}'?)");
    }

    @Test
    void notANumber() throws IOException {
        String json = with("\"learningRate\": 0.1", "\"learningRate\": NaN");
        rejects(json, after(json, "NaN", "NaN"), "$.optimizers.generator.learningRate: malformed JSON: NaN is not a JSON "
                + "number: use a finite number");
    }

    @Test
    void emptyFile() throws IOException {
        rejects("", "1:1", "$: expected a JSON object {...} describing an experiment, got an empty file");
    }

    @Test
    void arrayInsteadOfAnExperiment() throws IOException {
        rejects("[]\n", "1:1", "$: expected a JSON object {...} describing an experiment, got an array");
    }

    @Test
    void missingFile() {
        Path f = dir.resolve("nope.json");
        rejects(f, f + ": no such file");
    }

    @Test
    void directoryInsteadOfAFile() throws IOException {
        Path d = Files.createDirectory(dir.resolve("experiment-dir.json"));
        rejects(d, d + ": is a directory; expected an experiment JSON file");
    }

    // ---- --set --------------------------------------------------------------------------------

    @Test
    void setWithoutAValue() throws IOException {
        rejects(write(good), "--set training.iterations: expected path=value, e.g. training.iterations=50", "--set",
                "training.iterations");
    }

    @Test
    void setWithAMalformedPath() throws IOException {
        rejects(write(good), "--set generator[x].units=3: cannot read the path 'generator[x].units' at character 10; "
                + "expected field names separated by '.' and array indexes like [0], e.g. generator[0].units", "--set",
                "generator[x].units=3");
    }

    @Test
    void setWithAnIndexOutOfRange() throws IOException {
        rejects(write(good), "--set generator[9].units=3: index 9 is out of range: $.generator has 4 elements (use 4 "
                + "to append)", "--set", "generator[9].units=3");
    }

    @Test
    void setOfAnUnknownField() throws IOException {
        rejects(write(good), "--set training.iters=3: $.training.iters: unknown field 'iters'; expected one of: "
                + "batchSize, clipDiscriminator, discriminatorEpochs, discriminatorSteps, generatorAverage, "
                + "iterations, mixBatches, realLabel, samplesPerIteration", "--set", "training.iters=3");
    }

    @Test
    void aGeneratorAverageThatForgetsAtOnce() throws IOException {
        rejects(write(good), "--set training.generatorAverage=0.5: $.training.generatorAverage: generatorAverage must "
                + "be 0 (off) or in [0.9, 1), got 0.5", "--set", "training.generatorAverage=0.5");
    }

    @Test
    void setWithAValueOfTheWrongType() throws IOException {
        rejects(write(good), "--set noise.dim=four: $.noise.dim: expected an integer, got \"four\"", "--set",
                "noise.dim=four");
    }

    @Test
    void setThatBreaksTheShapesIsNamedBesideTheLine() throws IOException {
        String json = good;
        Path f = write(json);
        rejects(f, f + ":" + at(json, "{\"type\": \"dense\", \"units\": 16}") + ": $.generator[2]: this layer makes "
                + "the generator's output [12] = 12 values per sample, but the samples of idx/train are [1, 4, 4] = 16 "
                + "values (after --set generator[2].units=12)", "--set", "generator[2].units=12");
    }

    // ---- memory -------------------------------------------------------------------------------

    @Test
    void aTensorLargerThanAJavaArrayIsRefusedAtItsLayer() throws IOException {
        String json = with("\"units\": 8", "\"units\": 2000000000");
        long started = System.nanoTime();
        rejects(json, at(json, "{\"type\": \"dense\", \"units\": 2000000000}"), "$.generator[0]: dense: the weights "
                + "of 4 × 2,000,000,000 = 8,000,000,000 values are more than the 2,147,483,639 one tensor can hold");
        assertTrue(System.nanoTime() - started < 10_000_000_000L, "refused at once, not after allocating");
    }

    @Test
    void anExperimentLargerThanTheHeapIsRefusedWithTheEstimate() throws IOException {
        // 400,000,000 weights: one tensor can hold them, but with gradients and Adam's state they
        // need 6.4 GB (plus SGD's velocity for G's layers) — more than this test JVM's heap
        long heap = Runtime.getRuntime().maxMemory();
        org.junit.jupiter.api.Assumptions.assumeTrue(heap < 8_500_000_000L, "the heap is too large for this example");
        String json = with("{\"type\": \"dense\", \"units\": 8},\n    {\"type\": \"leaky-relu\"",
                "{\"type\": \"dense\", \"units\": 25000000},\n    {\"type\": \"leaky-relu\"");
        long started = System.nanoTime();
        Path f = write(json);
        int code = cli.run("validate", f.toString());
        String e = cli.err();
        String expected = "gan validate: " + f + ":" + at(json, "{\"type\": \"dense\", \"units\": 25000000}")
                + ": $.discriminator[0]: the experiment needs about ";
        assertTrue(e.startsWith(expected), e);
        assertTrue(e.contains(" of memory, but the Java heap may grow to only " + MemoryEstimate.format(heap)
                + " (-Xmx); the largest part is here: a checkpoint of 1,800,000,372 values (parameters, optimiser "
                + "state) held twice while it is written, or read back on resume, 13.4 GiB"), e);
        cli.assertUserError(code, "validate", e.substring("gan validate: ".length(), e.indexOf(System.lineSeparator())));
        assertTrue(System.nanoTime() - started < 10_000_000_000L, "refused at once, not after allocating");
    }
}
