package dev.gan4j.core.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gan4j.core.loss.Losses;
import dev.gan4j.core.nn.ActivationConfigs;
import dev.gan4j.core.nn.DenseConfig;
import dev.gan4j.core.nn.Initializer;
import dev.gan4j.core.nn.LayerRegistry;
import dev.gan4j.core.optim.AdamConfig;
import dev.gan4j.core.optim.Schedules;
import dev.gan4j.core.optim.SgdConfig;
import dev.gan4j.core.train.Conditioning;
import dev.gan4j.core.train.NoiseConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ExperimentLoaderTest {

    /** The tutorial experiment; line numbers below are found by searching this text. */
    static final String TUTORIAL = """
            {
              "name": "seed-tutorial",
              "description": "the tutorial",
              "seed": 1,
              "backend": null,
              "data": {"dataset": "mnist", "split": "train", "dir": null, "transform": "row-minmax"},
              "noise": {"dim": 100, "distribution": "normal", "scaling": "row-minmax", "bank": 60000},
              "conditioning": "none",
              "generator": [
                {"type": "dense", "units": 784, "init": "toolbox"},
                {"type": "sigmoid"}
              ],
              "discriminator": [
                {"type": "dense", "units": 100, "init": "toolbox"},
                {"type": "sigmoid"},
                {"type": "dense", "units": 1, "init": "toolbox"},
                {"type": "sigmoid"}
              ],
              "loss": {"type": "squared-error"},
              "optimizers": {
                "discriminator": {"type": "sgd", "learningRate": 2, "momentum": 0.5, "l2": 1e-4},
                "generator": {"type": "sgd", "learningRate": 2, "momentum": 0.5}
              },
              "training": {
                "iterations": 1500,
                "samplesPerIteration": 1000,
                "batchSize": 100,
                "mixBatches": true
              },
              "output": {"sampleEvery": 100, "sampleCount": 100}
            }
            """;

    private final ExperimentLoader loader = ExperimentLoader.create();

    private ExperimentConfig parse(String json, String... overrides) {
        return loader.parse(json, "exp.json", List.of(overrides));
    }

    private ExperimentException fails(String json, String... overrides) {
        return assertThrows(ExperimentException.class, () -> parse(json, overrides));
    }

    /** 1-based line of the first occurrence of {@code needle}. */
    private static int lineOf(String json, String needle) {
        int at = json.indexOf(needle);
        assertTrue(at >= 0, needle);
        return (int) json.substring(0, at).chars().filter(c -> c == '\n').count() + 1;
    }

    private static String replace(String json, String from, String to) {
        assertTrue(json.contains(from), from);
        return json.replaceFirst(java.util.regex.Pattern.quote(from), java.util.regex.Matcher.quoteReplacement(to));
    }

    private static void assertMessage(ExperimentException e, String path, int line, String... parts) {
        String m = e.getMessage();
        assertTrue(m.startsWith("exp.json:" + line + ":"), () -> "expected line " + line + " in: " + m);
        assertEquals(path, e.path(), m);
        assertTrue(m.contains(" " + path + ": "), m);
        assertEquals(line, e.line(), m);
        for (String part : parts) {
            assertTrue(m.contains(part), () -> "expected '" + part + "' in: " + m);
        }
        assertTrue(!m.contains("\n"), "one line: " + m);
    }

    @Test
    void bindsTheTutorial() {
        ExperimentConfig c = parse(TUTORIAL);
        assertEquals("seed-tutorial", c.name());
        assertEquals(1L, c.seed());
        assertNull(c.backend());
        assertEquals(new DataConfig("mnist", DataConfig.Split.TRAIN, null, DataConfig.Transform.ROW_MINMAX, null, null,
                List.of()), c.data());
        assertEquals(new NoiseConfig(100, NoiseConfig.Distribution.NORMAL, NoiseConfig.Scaling.ROW_MINMAX, 60000),
                c.noise());
        assertEquals(Conditioning.NONE, c.conditioning());
        assertEquals(List.of(new DenseConfig(784, Initializer.TOOLBOX, true), new ActivationConfigs.Sigmoid()),
                c.generator());
        assertEquals(4, c.discriminator().size());
        assertEquals(new DenseConfig(1, Initializer.TOOLBOX, true), c.discriminator().get(2));
        assertInstanceOf(Losses.SquaredError.class, c.loss());
        assertEquals(new SgdConfig(2, 0.5, 1e-4), c.optimizers().discriminator().optimizer());
        assertEquals(new SgdConfig(2, 0.5, 0), c.optimizers().generator().optimizer());
        assertEquals(1500, c.training().iterations());
        assertEquals(1000, c.training().samplesPerIteration());
        assertEquals(100, c.training().batchSize());
        assertTrue(c.training().mixBatches());
        assertEquals(new OutputConfig(100, 100), c.output());
    }

    @Test
    void fillsDefaults() {
        String minimal = """
                {"name": "m", "data": {"dataset": "mnist"}, "noise": {"dim": 10},
                 "generator": [{"type": "dense", "units": 4}], "discriminator": [{"type": "dense", "units": 1}],
                 "loss": {"type": "bce"}, "optimizers": {"discriminator": {"type": "adam", "learningRate": 2e-4},
                 "generator": {"type": "adam", "learningRate": 2e-4}}, "training": {"iterations": 3, "batchSize": 2}}
                """;
        ExperimentConfig c = parse(minimal);
        assertEquals(0L, c.seed());
        assertEquals("", c.description());
        assertEquals(DataConfig.Split.TRAIN, c.data().split());
        assertEquals(DataConfig.Transform.UNIT, c.data().transform());
        assertEquals(Conditioning.NONE, c.conditioning());
        assertEquals(OutputConfig.defaults(), c.output());
        assertEquals(new AdamConfig(2e-4, 0.9, 0.999, 1e-8, 0), c.optimizers().generator().optimizer());
        assertEquals(2, c.training().samplesPerIteration());
    }

    @Test
    void roundTripsThroughJson() {
        ExperimentConfig c = parse(TUTORIAL);
        String json = loader.toJson(c);
        assertTrue(json.contains("\"type\": \"dense\""), json);
        assertTrue(json.contains("\"type\": \"sigmoid\""), json);
        assertTrue(json.contains("\"type\": \"squared-error\""), json);
        assertTrue(json.contains("\"type\": \"sgd\""), json);
        assertTrue(json.contains("\"discriminatorEpochs\": 1"), "defaults written: " + json);
        assertEquals(c, parse(json));
        assertEquals(json, loader.toJson(parse(json)));

        ExperimentConfig other = parse(TUTORIAL, "conditioning=one-hot", "loss={\"type\": \"hinge\"}",
                "generator[1]={\"type\": \"leaky-relu\", \"slope\": 0.1}",
                "optimizers.generator={\"type\": \"rmsprop\", \"learningRate\": 1e-3}", "data.transform=symmetric");
        assertEquals(other, parse(loader.toJson(other)));
    }

    @Test
    void anOptimisersScheduleIsBoundForEveryTypeAndWrittenBack() {
        ExperimentConfig c = parse(TUTORIAL, "loss={\"type\": \"least-squares\"}",
                "optimizers.discriminator.schedule={\"type\": \"step\", \"every\": 10, \"factor\": 0.5}",
                "optimizers.generator={\"type\": \"rmsprop\", \"learningRate\": 1e-3, "
                        + "\"schedule\": {\"type\": \"linear-decay\", \"end\": 20}}");
        assertEquals(new ScheduledOptimizerConfig(new SgdConfig(2, 0.5, 1e-4), new Schedules.Step(10, 0.5)),
                c.optimizers().discriminator());
        assertEquals(new Schedules.LinearDecay(0, 20, 0), c.optimizers().generator().schedule());
        String json = loader.toJson(c);
        assertTrue(json.contains("\"type\": \"least-squares\""), "an alias keeps its name: " + json);
        assertTrue(json.contains("\"l2\": 1.0E-4,\n      \"schedule\": {\n        \"type\": \"step\""),
                "the schedule is the optimiser's last field: " + json);
        assertEquals(c, parse(json));
        assertEquals(json, loader.toJson(parse(json)));
        String constant = loader.toJson(parse(TUTORIAL));
        assertTrue(constant.contains("\"schedule\": {\n        \"type\": \"constant\"\n      }"), constant);
    }

    @Test
    void optimiserAndLossErrorsAreAsStrictAsLayers() {
        String field = replace(TUTORIAL, "\"momentum\": 0.5, \"l2\"", "\"momentm\": 0.5, \"l2\"");
        assertMessage(fails(field), "$.optimizers.discriminator.momentm", lineOf(field, "momentm"),
                "unknown field 'momentm'; did you mean 'momentum'?; expected one of: l2, learningRate, momentum, "
                        + "schedule");
        String type = replace(TUTORIAL, "{\"type\": \"sgd\", \"learningRate\": 2, \"momentum\": 0.5}",
                "{\"type\": \"rmsprp\", \"learningRate\": 2}");
        assertMessage(fails(type), "$.optimizers.generator.type", lineOf(type, "rmsprp"),
                "unknown optimizer type 'rmsprp'; did you mean 'rmsprop'?; known optimizer types: adam, rmsprop, sgd");
        String wrongType = replace(TUTORIAL, "\"momentum\": 0.5, \"l2\"", "\"momentum\": \"0.5\", \"l2\"");
        assertMessage(fails(wrongType), "$.optimizers.discriminator.momentum", lineOf(wrongType, "\"0.5\""),
                "expected a number, got \"0.5\"");
        String missing = replace(TUTORIAL, "{\"type\": \"sgd\", \"learningRate\": 2, \"momentum\": 0.5}",
                "{\"type\": \"adam\", \"schedule\": {\"type\": \"constant\"}}");
        assertMessage(fails(missing), "$.optimizers.generator.learningRate", lineOf(missing, "\"adam\""),
                "missing required field 'learningRate'");
        String schedule = replace(TUTORIAL, "{\"type\": \"sgd\", \"learningRate\": 2, \"momentum\": 0.5}",
                "{\"type\": \"sgd\", \"learningRate\": 2, \"schedule\": {\"type\": \"step\", \"every\": 5}}");
        assertMessage(fails(schedule), "$.optimizers.generator.schedule.factor", lineOf(schedule, "\"step\""),
                "missing required field 'factor'");
        String notAnObject = replace(TUTORIAL, "{\"type\": \"sgd\", \"learningRate\": 2, \"momentum\": 0.5}", "5");
        assertMessage(fails(notAnObject), "$.optimizers.generator", lineOf(notAnObject, "\"generator\": 5"),
                "expected an object, got 5");
        String loss = replace(TUTORIAL, "squared-error", "hinges");
        assertMessage(fails(loss), "$.loss.type", lineOf(loss, "hinges"),
                "unknown loss type 'hinges'; did you mean 'hinge'?");
        String lossField = replace(TUTORIAL, "{\"type\": \"squared-error\"}", "{\"type\": \"hinge\", \"margin\": 1}");
        assertMessage(fails(lossField), "$.loss.margin", lineOf(lossField, "margin"), "unknown field 'margin'");
    }

    @Test
    void unknownFieldNamesPathLineAndKnownFields() {
        String json = replace(TUTORIAL, "\"batchSize\": 100", "\"batchsize\": 100");
        assertMessage(fails(json), "$.training.batchsize", lineOf(json, "batchsize"), "unknown field 'batchsize'",
                "did you mean 'batchSize'?");
        String optional = replace(TUTORIAL, "\"mixBatches\": true", "\"mixBatch\": true");
        assertMessage(fails(optional), "$.training.mixBatch", lineOf(optional, "mixBatch"), "unknown field 'mixBatch'",
                "did you mean 'mixBatches'?", "expected one of: batchSize, clipDiscriminator, discriminatorEpochs");
        String top = replace(TUTORIAL, "\"seed\": 1", "\"sed\": 1");
        assertMessage(fails(top), "$.sed", lineOf(top, "\"sed\""), "unknown field 'sed'", "seed");
        String inLayer = replace(TUTORIAL, "{\"type\": \"sigmoid\"}", "{\"type\": \"sigmoid\", \"units\": 3}");
        assertMessage(fails(inLayer), "$.generator[1].units", lineOf(inLayer, "\"units\": 3"), "unknown field 'units'");
    }

    @Test
    void aSchemaReferenceIsAcceptedAndIgnored() {
        String json = replace(TUTORIAL, "{\n  \"name\"",
                "{\n  \"$schema\": \"../experiment.schema.json\",\n  \"name\"");
        assertEquals(parse(TUTORIAL), parse(json));
        assertFalse(loader.toJson(parse(json)).contains("$schema"), "a run's config.json does not name the schema");
        String number = replace(json, "\"../experiment.schema.json\"", "7");
        assertMessage(fails(number), "$['$schema']", lineOf(number, "$schema"), "expected a string naming the "
                + "experiment's JSON Schema", "got 7");
        // only at the top: elsewhere it is as unknown as any other field
        String nested = replace(TUTORIAL, "\"iterations\": 1500", "\"$schema\": \"x\", \"iterations\": 1500");
        assertMessage(fails(nested), "$.training['$schema']", lineOf(nested, "$schema"), "unknown field '$schema'");
    }

    @Test
    void wrongTypeSaysWhatWasExpected() {
        String json = replace(TUTORIAL, "\"batchSize\": 100", "\"batchSize\": \"abc\"");
        assertMessage(fails(json), "$.training.batchSize", lineOf(json, "\"abc\""), "expected an integer, got \"abc\"");
        String quotedNumber = replace(TUTORIAL, "\"iterations\": 1500", "\"iterations\": \"1500\"");
        assertMessage(fails(quotedNumber), "$.training.iterations", lineOf(quotedNumber, "\"1500\""),
                "expected an integer");
        String fraction = replace(TUTORIAL, "\"iterations\": 1500", "\"iterations\": 1.5");
        assertMessage(fails(fraction), "$.training.iterations", lineOf(fraction, "1.5"), "expected an integer, got 1.5");
        String bool = replace(TUTORIAL, "\"mixBatches\": true", "\"mixBatches\": 1");
        assertMessage(fails(bool), "$.training.mixBatches", lineOf(bool, "\"mixBatches\""), "expected true or false");
        String string = replace(TUTORIAL, "\"name\": \"seed-tutorial\"", "\"name\": 7");
        assertMessage(fails(string), "$.name", 2, "expected a string, got 7");
        String list = replace(TUTORIAL, "\"generator\": [", "\"generator\": {\"a\": [");
        list = replace(list, "{\"type\": \"sigmoid\"}\n  ],", "{\"type\": \"sigmoid\"}\n  ]},");
        assertMessage(fails(list), "$.generator", lineOf(list, "\"generator\""), "expected an array");
    }

    @Test
    void enumValuesAreListed() {
        String json = replace(TUTORIAL, "\"split\": \"train\"", "\"split\": \"tst\"");
        assertMessage(fails(json), "$.data.split", lineOf(json, "tst"), "expected one of \"train\", \"test\"",
                "got \"tst\"");
        String init = replace(TUTORIAL, "\"init\": \"toolbox\"", "\"init\": \"glorot\"");
        assertMessage(fails(init), "$.generator[0].init", lineOf(init, "glorot"), "\"xavier\"", "got \"glorot\"");
    }

    @Test
    void missingRequiredField() {
        String json = replace(TUTORIAL, "\"iterations\": 1500,\n", "");
        assertMessage(fails(json), "$.training.iterations", lineOf(json, "\"training\""),
                "missing required field 'iterations'");
        String noLoss = replace(TUTORIAL, "  \"loss\": {\"type\": \"squared-error\"},\n", "");
        assertMessage(fails(noLoss), "$.loss", 1, "missing required field 'loss'");
        String noUnits = replace(TUTORIAL, "\"units\": 784, ", "");
        assertMessage(fails(noUnits), "$.generator[0].units", lineOf(noUnits, "\"dense\""),
                "missing required field 'units'");

        // a misspelt required field is named as the unknown field it is, with the one it was meant to be
        String misspelt = replace(TUTORIAL, "\"units\": 784, ", "\"unit\": 784, ");
        assertMessage(fails(misspelt), "$.generator[0].unit", lineOf(misspelt, "\"unit\""),
                "unknown field 'unit'; did you mean 'units'? (units is required)");
        assertTrue(ExperimentLoader.similar("rat", "rate"), "one edit off a three-letter name");
        assertFalse(ExperimentLoader.similar("ra", "rate"));
        assertFalse(ExperimentLoader.similar("l2", "lr"), "two-letter names are never near misses");
        assertFalse(ExperimentLoader.similar("bar", "rate"), "two edits are too many for three letters");
    }

    @Test
    void zeroAndNegativeSizesAreRejectedAtTheField() {
        String units = replace(TUTORIAL, "\"units\": 784", "\"units\": 0");
        assertMessage(fails(units), "$.generator[0].units", lineOf(units, "\"units\": 0"), "units must be positive, got 0");
        String batch = replace(TUTORIAL, "\"batchSize\": 100", "\"batchSize\": -5");
        assertMessage(fails(batch), "$.training.batchSize", lineOf(batch, "-5"), "batchSize must be positive, got -5");
        String dim = replace(TUTORIAL, "\"dim\": 100", "\"dim\": 0");
        assertMessage(fails(dim), "$.noise.dim", lineOf(dim, "\"dim\": 0"), "dim must be positive");
        String lr = replace(TUTORIAL, "\"learningRate\": 2, \"momentum\": 0.5, \"l2\"",
                "\"learningRate\": -1, \"momentum\": 0.5, \"l2\"");
        assertMessage(fails(lr), "$.optimizers.discriminator.learningRate", lineOf(lr, "-1"), "learningRate must be > 0");
        String grid = replace(TUTORIAL, "\"sampleCount\": 100", "\"sampleCount\": 0");
        assertMessage(fails(grid), "$.output.sampleCount", lineOf(grid, "\"sampleCount\": 0"), "sampleCount must be in");
        String multiple = replace(TUTORIAL, "\"samplesPerIteration\": 1000", "\"samplesPerIteration\": 1050");
        assertMessage(fails(multiple), "$.training.samplesPerIteration", lineOf(multiple, "1050"), "multiple of batchSize");
        String bank = replace(TUTORIAL, "\"bank\": 60000", "\"bank\": 500");
        assertMessage(fails(bank), "$.training.samplesPerIteration", lineOf(bank, "\"samplesPerIteration\""),
                "must not exceed noise.bank (500)");
        String empty = replace(TUTORIAL, "\"name\": \"seed-tutorial\"", "\"name\": \"a b\"");
        assertMessage(fails(empty), "$.name", 2, "name must be");
    }

    @Test
    void anImageFolderNeedsItsDirectory() {
        String images = replace(TUTORIAL, "\"dataset\": \"mnist\"", "\"dataset\": \"images\"");
        assertMessage(fails(images), "$.data.dir", lineOf(images, "\"dir\""),
                "dir must name a folder of PNG files when dataset is \"images\"");
        ExperimentConfig folder = parse(images, "data.dir=shoes");
        assertEquals(DataConfig.IMAGES, folder.data().dataset());
        assertEquals("shoes", folder.data().dir());
        ExperimentException idxOnly = fails(images, "data.dir=shoes", "data.images=a.idx");
        assertEquals("--set data.images=a.idx: $.data.images: images and labels are only used with dataset \"idx\", "
                + "not \"images\"", idxOnly.getMessage());
    }

    @Test
    void unknownTypesListTheKnownOnes() {
        String knownLayers = String.join(", ", LayerRegistry.discover().names());
        assertTrue(knownLayers.contains("dense, ") && knownLayers.contains("sigmoid, tanh"), knownLayers);
        String layer = replace(TUTORIAL, "{\"type\": \"sigmoid\"},\n    {\"type\": \"dense\", \"units\": 1",
                "{\"type\": \"sigmoidd\"},\n    {\"type\": \"dense\", \"units\": 1");
        assertMessage(fails(layer), "$.discriminator[1].type", lineOf(layer, "sigmoidd"),
                "unknown layer type 'sigmoidd'", "known layer types: " + knownLayers);
        String loss = replace(TUTORIAL, "squared-error", "squared");
        assertMessage(fails(loss), "$.loss.type", lineOf(loss, "squared"), "unknown loss type 'squared'",
                "bce", "hinge", "least-squares", "squared-error", "wasserstein");
        String optimizer = replace(TUTORIAL, "{\"type\": \"sgd\", \"learningRate\": 2, \"momentum\": 0.5}",
                "{\"type\": \"adagrad\", \"learningRate\": 2}");
        assertMessage(fails(optimizer), "$.optimizers.generator.type", lineOf(optimizer, "adagrad"),
                "unknown optimizer type 'adagrad'", "adam, rmsprop, sgd");
        String missing = replace(TUTORIAL, "{\"type\": \"dense\", \"units\": 784, \"init\": \"toolbox\"}",
                "{\"units\": 784, \"init\": \"toolbox\"}");
        assertMessage(fails(missing), "$.generator[0].type", lineOf(missing, "\"units\": 784"), "missing \"type\"",
                "expected one of the layer types: " + knownLayers);
    }

    @Test
    void malformedJsonNamesLineAndColumn() {
        String json = replace(TUTORIAL, "\"seed\": 1,", "\"seed\": 1");
        ExperimentException e = fails(json);
        assertEquals(lineOf(json, "\"backend\""), e.line(), e.getMessage());
        assertTrue(e.getMessage().contains("malformed JSON"), e.getMessage());
        assertTrue(e.column() > 0, e.getMessage());
        assertTrue(!e.getMessage().contains("Source:"), e.getMessage());

        String truncated = TUTORIAL.substring(0, TUTORIAL.indexOf("\"training\""));
        ExperimentException t = fails(truncated);
        assertTrue(t.getMessage().contains("malformed JSON") && t.line() > 20, t.getMessage());

        String duplicate = replace(TUTORIAL, "\"seed\": 1,", "\"seed\": 1, \"seed\": 2,");
        ExperimentException d = fails(duplicate);
        assertTrue(d.getMessage().contains("seed") && d.line() == lineOf(duplicate, "\"seed\""), d.getMessage());

        assertTrue(fails("").getMessage().contains("empty file"));
        assertTrue(fails("[1, 2]").getMessage().contains("expected a JSON object"));
    }

    @Test
    void overridesAreAppliedBeforeBinding() {
        ExperimentConfig c = parse(TUTORIAL, "data.split=test", "training.iterations=50", "generator[0].units=10",
                "$.seed=42", "description=a run with spaces", "backend=\"ejml\"", "data.dir=/tmp/mnist",
                "output.sampleEvery=0", "discriminator[4]={\"type\": \"sigmoid\"}");
        assertEquals(DataConfig.Split.TEST, c.data().split());
        assertEquals(50, c.training().iterations());
        assertEquals(10, ((DenseConfig) c.generator().get(0)).units());
        assertEquals(42L, c.seed());
        assertEquals("a run with spaces", c.description());
        assertEquals("ejml", c.backend());
        assertEquals("/tmp/mnist", c.data().dir());
        assertEquals(0, c.output().sampleEvery());
        assertEquals(5, c.discriminator().size());
        assertNull(parse(TUTORIAL, "backend=ejml", "backend=null").backend());
    }

    @Test
    void badOverridesNameTheOverride() {
        ExperimentException unknown = fails(TUTORIAL, "training.iters=5");
        assertEquals("--set training.iters=5", unknown.source(), unknown.getMessage());
        assertEquals("$.training.iters", unknown.path());
        assertTrue(unknown.getMessage().startsWith("--set training.iters=5: $.training.iters: unknown field 'iters'"),
                unknown.getMessage());

        ExperimentException value = fails(TUTORIAL, "training.batchSize=abc");
        assertTrue(value.getMessage().startsWith("--set training.batchSize=abc: $.training.batchSize: expected an "
                + "integer, got \"abc\""), value.getMessage());

        ExperimentException zero = fails(TUTORIAL, "training.iterations=0");
        assertTrue(zero.getMessage().startsWith("--set training.iterations=0: $.training.iterations: iterations must "
                + "be positive"), zero.getMessage());

        ExperimentException type = fails(TUTORIAL, "generator[1].type=swish");
        assertTrue(type.getMessage().contains("--set generator[1].type=swish") && type.getMessage()
                .contains("unknown layer type 'swish'"), type.getMessage());

        assertTrue(fails(TUTORIAL, "training.iterations").getMessage().contains("expected path=value"));
        assertTrue(fails(TUTORIAL, "training..iterations=3").getMessage().contains("cannot read the path"));
        assertTrue(fails(TUTORIAL, "generator[x]=3").getMessage().contains("cannot read the path"));
        assertTrue(fails(TUTORIAL, "generator[7].units=3").getMessage().contains("out of range"));
        assertTrue(fails(TUTORIAL, "generator.units=3").getMessage().contains("not an object"));
        assertTrue(fails(TUTORIAL, "seed[0]=3").getMessage().contains("not an array"));
    }

    @Test
    void loadsFilesAndNamesMissingOnes(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("tutorial.json");
        Files.writeString(file, TUTORIAL);
        assertEquals(parse(TUTORIAL, "seed=3"), loader.load(file, List.of("seed=3")));
        ExperimentException e = assertThrows(ExperimentException.class, () -> loader.load(dir.resolve("nope.json")));
        assertTrue(e.getMessage().startsWith(dir.resolve("nope.json") + ": no such file"), e.getMessage());
        String bad = replace(TUTORIAL, "\"units\": 784", "\"units\": 0");
        Files.writeString(file, bad);
        ExperimentException f = assertThrows(ExperimentException.class, () -> loader.load(file));
        assertTrue(f.getMessage().startsWith(file + ":" + lineOf(bad, "\"units\": 0") + ":"), f.getMessage());
    }

    @Test
    void laterErrorsAreLocatedAtTheirLineOrOverride(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("tutorial.json");
        Files.writeString(file, TUTORIAL);
        ExperimentFile read = loader.read(file, List.of("discriminator[2].units=3"));
        assertEquals(3, ((DenseConfig) read.config().discriminator().get(2)).units());
        assertEquals(file.toString(), read.source());

        // an error from building the model names a path but no file
        ExperimentException fromModel = new ExperimentException(null, "$.generator[0]", 0, 0, "too wide", null);
        ExperimentException located = read.locate(fromModel);
        assertEquals(file + ":" + lineOf(TUTORIAL, "{\"type\": \"dense\", \"units\": 784") + ":5: $.generator[0]: "
                + "too wide", located.getMessage());
        assertEquals(lineOf(TUTORIAL, "{\"type\": \"dense\", \"units\": 784"), located.line());

        // a value the override wrote belongs to the override; one under it to the line, noting the override
        assertEquals("--set discriminator[2].units=3: $.discriminator[2].units: must be 1",
                read.locate(new ExperimentException(null, "$.discriminator[2].units", 0, 0, "must be 1")).getMessage());
        ExperimentException layer = read.locate(new ExperimentException(null, "$.discriminator[2]", 0, 0, "bad"));
        assertEquals(file + ":" + lineOf(TUTORIAL, "{\"type\": \"dense\", \"units\": 1,") + ":5: $.discriminator[2]: "
                + "bad (after --set discriminator[2].units=3)", layer.getMessage());

        // a path the file does not have is located at its nearest enclosing value
        ExperimentException absent = read.locate(new ExperimentException(null, "$.training.clipDiscriminator", 0, 0,
                "x"));
        assertEquals(lineOf(TUTORIAL, "\"training\": {"), absent.line());

        // errors that already have a source, or no path, are left alone
        ExperimentException sourced = new ExperimentException("other.json", "$.seed", 3, 1, "x");
        assertEquals(sourced, read.locate(sourced));
        ExperimentException whole = new ExperimentException("no path", null);
        assertEquals(whole, read.locate(whole));
    }

    @Test
    void jsonPathsReadBackWhatTheyPrint() {
        for (String p : List.of("$", "$.seed", "$.generator[12].units", "$.data['odd key'].x", "$['it''s']")) {
            assertEquals(p.replace("''", "\\'"), JsonPath.parse(p.replace("''", "\\'")).toString());
        }
        assertEquals(List.of("generator", 2, "type"), JsonPath.parse("$.generator[2].type").segments());
        assertThrows(IllegalArgumentException.class, () -> JsonPath.parse("generator"));
        assertThrows(IllegalArgumentException.class, () -> JsonPath.parse("$.a[1"));
    }

    @Test
    void syntaxErrorsAreSaidInWords() {
        String unclosed = TUTORIAL.substring(0, TUTORIAL.lastIndexOf('}'));
        assertTrue(fails(unclosed).problem().equals("malformed JSON: the file ends before the object '{' opened at "
                + "line 1, column 1 is closed: expected '}'"), fails(unclosed).getMessage());
        String string = TUTORIAL.substring(0, TUTORIAL.indexOf("squared-error"));
        assertEquals("malformed JSON: the file ends inside a string: expected a closing '\"'", fails(string).problem());
        String comma = replace(TUTORIAL, "\"momentum\": 0.5}", "\"momentum\": 0.5,}");
        ExperimentException c = fails(comma);
        assertEquals("malformed JSON: expected a field name in double quotes, got '}' (a comma before '}'?)",
                c.problem());
        assertEquals("$.optimizers.generator", c.path());
        assertEquals("malformed JSON: Infinity is not a JSON number: use a finite number",
                fails(replace(TUTORIAL, "\"seed\": 1", "\"seed\": Infinity")).problem());
        assertEquals("malformed JSON: comments are not allowed in JSON",
                fails(replace(TUTORIAL, "\"seed\": 1,", "\"seed\": 1, // the seed")).problem());
        assertEquals("expected an integer from -2147483648 to 2147483647, got 4000000000",
                fails(replace(TUTORIAL, "\"units\": 784", "\"units\": 4000000000")).problem());
    }

    @Test
    void aDirectoryIsNotAnExperiment(@TempDir Path dir) {
        ExperimentException e = assertThrows(ExperimentException.class, () -> loader.load(dir));
        assertEquals(dir + ": is a directory; expected an experiment JSON file", e.getMessage());
    }
}
