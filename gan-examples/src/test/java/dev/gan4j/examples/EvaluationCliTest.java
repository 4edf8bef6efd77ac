package dev.gan4j.examples;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gan4j.api.Backend;
import dev.gan4j.api.Backends;
import dev.gan4j.api.Parameter;
import dev.gan4j.api.SeededRandom;
import dev.gan4j.core.checkpoint.Checkpoint;
import dev.gan4j.core.checkpoint.CheckpointFiles;
import dev.gan4j.core.config.ExperimentConfig;
import dev.gan4j.core.config.ExperimentLoader;
import dev.gan4j.core.eval.Judge;
import dev.gan4j.core.nn.LayerRegistry;
import dev.gan4j.core.train.GanModel;
import dev.gan4j.core.train.GeneratorAverage;
import dev.gan4j.core.train.Sampling;
import dev.gan4j.core.run.MetricsFile;
import dev.gan4j.core.run.MetricsHistory;
import dev.gan4j.mnist.DataEnvironment;
import dev.gan4j.mnist.DataRequest;
import dev.gan4j.mnist.IdxArray;
import dev.gan4j.mnist.IdxReader;
import dev.gan4j.mnist.IdxWriter;
import dev.gan4j.mnist.LoadedDataset;
import dev.gan4j.mnist.Transform;
import java.awt.image.BufferedImage;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code gan generate}, {@code gan evaluate} and evaluation during {@code gan train}, in-process on
 * the real MNIST test split. The classifier is trained as users get it, once, into the gan4j cache
 * of a home directory under {@code target/}, which later runs reuse.
 */
class EvaluationCliTest {

    static Path mnist;
    static LoadedDataset test;
    /** Where 'gan evaluate' caches the classifier by default in {@link #environment()}. */
    static Path classifier;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    static DataEnvironment environment() {
        return DataEnvironment.system().withEnv(Map.of(DataEnvironment.OFFLINE, "1", DataEnvironment.DATA_DIR,
                mnist.toString())).withHome(Path.of("target/no-home").toAbsolutePath());
    }

    @BeforeAll
    static void trainClassifier() {
        mnist = TestData.mnistDir();
        EvaluationSetup setup = EvaluationSetup.forData(DataRequest.of("mnist", "test", Transform.UNIT),
                environment());
        test = setup.reference();
        classifier = setup.defaultClassifierFile(environment(), Judge.DEFAULT);
        try (Backend backend = Backends.discover().select(null).create(Map.of())) {
            setup.classifier(null, Judge.DEFAULT, null, backend, environment(), new PrintWriter(System.out, true));
        }
    }

    private int gan(String... args) {
        return new GanCli(new PrintWriter(out), new PrintWriter(err), environment()).execute(args);
    }

    private JsonNode evaluate(Path images, String... more) throws Exception {
        List<String> args = new ArrayList<>(List.of("evaluate", images.toString()));
        args.addAll(List.of(more));
        out.getBuffer().setLength(0);
        assertEquals(0, gan(args.toArray(String[]::new)), err::toString);
        return new ObjectMapper().readTree(out.toString());
    }

    /** The test digits {@code indices} as an IDX file of bytes, as 'gan generate' writes them. */
    private static Path digits(Path dir, String name, int[] indices) throws Exception {
        float[] pixels = new float[indices.length * 784];
        for (int k = 0; k < indices.length; k++) {
            test.copyImage(indices[k], pixels, k * 784);
        }
        Path file = dir.resolve(name);
        IdxWriter.writeImages(file, pixels, indices.length, 28, 28, Transform.UNIT);
        return file;
    }

    @Test
    void realDigitsScoreNearTheTopWithLabels(@TempDir Path tmp) throws Exception {
        // the real files as they are: gzipped IDX, with their labels
        JsonNode all = evaluate(mnist.resolve(TestData.IMAGES), "--labels", mnist.resolve(TestData.LABELS).toString());
        assertEquals(10_000, all.get("samples").asInt());
        assertEquals("mnist/test", all.get("reference").asText());
        assertEquals(10, all.get("modes").asInt(), all::toString);
        assertTrue(all.get("classifierScore").asDouble() > 9.5, all::toString);
        assertTrue(all.get("conditionalAccuracy").asDouble() > 0.98, all::toString);
        assertEquals(classifier.toString(), all.get("classifier").asText());
        // the reference itself: the same Gaussian, every point inside the other set's balls
        assertEquals(0, all.get("frechetDistance").asDouble(), 1e-6, all::toString);
        assertEquals(1.0, all.get("precision").asDouble(), all::toString);
        assertEquals(1.0, all.get("recall").asDouble(), all::toString);
        assertEquals(10, all.get("classHistogram").size());

        JsonNode part = evaluate(digits(tmp, "part.idx", IntStream.range(0, 2000).toArray()));
        assertEquals(2000, part.get("precisionRecallSamples").asInt());
        assertTrue(part.get("precision").asDouble() > 0.8 && part.get("recall").asDouble() > 0.8, part::toString);
        assertTrue(part.get("conditionalAccuracy").isNull());
        // --range picks the same images out of the whole file, and their labels
        JsonNode range = evaluate(mnist.resolve(TestData.IMAGES), "--range", "0:2000", "--labels",
                mnist.resolve(TestData.LABELS).toString());
        assertEquals("0:2000", range.get("range").asText());
        assertEquals(part.get("frechetDistance").asDouble(), range.get("frechetDistance").asDouble(), 1e-9);
        assertEquals(part.get("classHistogram"), range.get("classHistogram"));
        assertTrue(range.get("conditionalAccuracy").asDouble() > 0.96, range::toString);
    }

    @Test
    void noiseAndOneDigitScoreAsExpected(@TempDir Path tmp) throws Exception {
        byte[] noise = new byte[1000 * 784];
        SeededRandom r = new SeededRandom(4);
        for (int i = 0; i < noise.length; i++) {
            noise[i] = (byte) r.nextInt(256);
        }
        Path noiseFile = tmp.resolve("noise.idx");
        IdxWriter.write(noiseFile, IdxArray.ofUnsignedBytes(new int[] {1000, 28, 28}, noise));
        JsonNode n = evaluate(noiseFile);
        assertTrue(n.get("classifierScore").asDouble() < 2, n::toString);
        assertTrue(n.get("modes").asInt() <= 2 && n.get("recall").asDouble() < 0.01, n::toString);
        // the cnn maps noise near the boldest real digits, inside some of their k-NN balls (0.20
        // measured); the mlp's pixel-like features keep it outside
        assertTrue(n.get("precision").asDouble() < 0.3, n::toString);
        JsonNode byMlp = evaluate(noiseFile, "--judge", "mlp");
        assertTrue(byMlp.get("precision").asDouble() < 0.01, byMlp::toString);

        int[] sevens = IntStream.range(0, test.size()).filter(i -> test.label(i) == 7).toArray();
        JsonNode s = evaluate(digits(tmp, "sevens.idx", sevens));
        assertEquals(1, s.get("modes").asInt(), s::toString);
        JsonNode some = evaluate(digits(tmp, "some.idx", IntStream.range(0, sevens.length).toArray()));
        assertTrue(s.get("frechetDistance").asDouble() > 20 * some.get("frechetDistance").asDouble(),
                s + " vs " + some);
        assertTrue(n.get("frechetDistance").asDouble() > s.get("frechetDistance").asDouble());
    }

    @Test
    void badInputIsAUserError(@TempDir Path tmp) throws Exception {
        Path images = digits(tmp, "few.idx", new int[] {0, 1, 2, 3, 4, 5});
        Path labels = tmp.resolve("labels.idx");
        IdxWriter.writeLabels(labels, new int[] {1, 2, 3});
        assertEquals(2, gan("evaluate", images.toString(), "--labels", labels.toString()));
        assertTrue(err.toString().contains(labels + " holds 3 labels but the samples are 6 images"), err::toString);

        Path text = Files.writeString(tmp.resolve("notes.idx"), "not an IDX file");
        assertEquals(2, gan("evaluate", text.toString()));
        assertTrue(err.toString().contains("notes.idx"), err::toString);

        assertEquals(2, gan("evaluate", images.toString(), "--range", "4:9"));
        assertTrue(err.toString().contains("--range 4:9: expected FROM:TO with 0 <= FROM < TO <= 6"), err::toString);

        // a named classifier must have been trained on the reference data
        ObjectMapper json = new ObjectMapper();
        var other = (com.fasterxml.jackson.databind.node.ObjectNode) json.readTree(classifier.toFile());
        ((com.fasterxml.jackson.databind.node.ObjectNode) other.get("provenance")).put("data", "fashion-mnist/test");
        Path foreign = tmp.resolve("foreign.json");
        json.writeValue(foreign.toFile(), other);
        assertEquals(2, gan("evaluate", images.toString(), "--classifier", foreign.toString()));
        assertTrue(err.toString().contains(foreign + " holds a classifier") && err.toString().contains(
                "trained on fashion-mnist/test"), err::toString);

        Path small = tmp.resolve("small.idx");
        IdxWriter.write(small, IdxArray.ofUnsignedBytes(new int[] {5, 4, 4}, new byte[80]));
        assertEquals(2, gan("evaluate", small.toString()));
        assertTrue(err.toString().contains("holds images of 16 pixels [5, 4, 4]; mnist/test has 784"), err::toString);
    }

    private String[] train(Path run, int iterations, String... more) {
        List<String> args = new ArrayList<>(List.of("train", TestData.tutorial().toString(), "--set",
                "data.split=test", "--set", "training.iterations=" + iterations, "--set", "output.sampleEvery=0",
                "--out", run.toString()));
        args.addAll(List.of(more));
        return args.toArray(String[]::new);
    }

    @Test
    void generatesIdxAndPngFromARunAndScoresThem(@TempDir Path tmp) throws Exception {
        Path run = tmp.resolve("run");
        assertEquals(0, gan(train(run, 3)), err::toString);
        Path idx = tmp.resolve("out/samples.idx");
        assertEquals(0, gan("generate", run.toString(), "--count", "300", "--out", idx.toString()), err::toString);
        assertTrue(out.toString().contains("Wrote 300 samples of seed-tutorial (iteration 3"), out::toString);
        IdxArray images = IdxReader.standard().read(idx);
        assertArrayEquals(new int[] {300, 28, 28}, images.dims());
        assertTrue(Files.notExists(GenerateCommand.labelsFile(idx)), "no labels for an unconditional model");

        // seeded: the same seed draws the same samples, another seed others
        Path again = tmp.resolve("again.idx");
        assertEquals(0, gan("generate", run.toString(), "--count", "300", "--out", again.toString()));
        assertEquals(-1L, Files.mismatch(idx, again));
        Path other = tmp.resolve("other.idx");
        assertEquals(0, gan("generate", run.resolve("checkpoints/iter-000003.ckpt").toString(), "--count", "300",
                "--seed", "2", "--out", other.toString()));
        assertNotEquals(-1L, Files.mismatch(idx, other));

        Path png = tmp.resolve("grid.png");
        assertEquals(0, gan("generate", run.toString(), "--count", "12", "--columns", "4", "--out", png.toString()));
        BufferedImage grid = ImageIO.read(png.toFile());
        assertTrue(grid.getWidth() > grid.getHeight(), "4 columns, 3 rows");

        JsonNode scored = evaluate(idx);
        assertEquals(300, scored.get("samples").asInt());
        assertTrue(scored.get("frechetDistance").asDouble() > 1, scored::toString);

        assertEquals(2, gan("generate", run.toString(), "--label", "3", "--out", tmp.resolve("x.idx").toString()));
        assertTrue(err.toString().contains("--label needs a conditional model"), err::toString);
        assertEquals(2, gan("generate", run.toString(), "--out", tmp.resolve("x.jpg").toString()));
        assertTrue(err.toString().contains("must end in .png (a grid) or .idx"), err::toString);
        assertEquals(2, gan("generate", run.toString(), "--best", "--out", tmp.resolve("x.png").toString()));
        assertTrue(err.toString().contains("has no checkpoints/best.ckpt"), err::toString);
    }

    @Test
    void aRunWithAGeneratorAverageIsSampledFromTheAverage(@TempDir Path tmp) throws Exception {
        Path run = tmp.resolve("run");
        assertEquals(0, gan(train(run, 3, "--set", "training.generatorAverage=0.9")), err::toString);
        Path idx = tmp.resolve("avg.idx");
        assertEquals(0, gan("generate", run.toString(), "--count", "40", "--out", idx.toString()), err::toString);
        int[] written = IdxReader.standard().read(idx).toIntArray();

        // the same draw by hand: the checkpoint's averages copied into the generator
        Checkpoint checkpoint = CheckpointFiles.read(run.resolve("checkpoints/iter-000003.ckpt"));
        ExperimentConfig config = ExperimentLoader.create().parse(checkpoint.experimentJson(), "run", List.of());
        try (Backend b = Backends.discover().select("ejml").create(Map.of())) {
            GanModel model = GanModel.build(b, config.generator(), config.discriminator(), config.noise().dim(),
                    new int[] {28, 28}, 0, new SeededRandom(config.seed()).fork("init"), LayerRegistry.discover());
            GeneratorAverage average = new GeneratorAverage(b, model.generator().parameters(), 0.9);
            List<Parameter> all = new ArrayList<>(model.parameters());
            all.addAll(average.parameters());
            checkpoint.restoreParameters(all);
            float[] live = Sampling.generate(model, config.noise(), 40, new SeededRandom(1).fork("generate"), null);
            average.copyIntoGenerator();
            float[] averaged = Sampling.generate(model, config.noise(), 40, new SeededRandom(1).fork("generate"), null);
            Transform t = Transform.fromName(config.data().transform().jsonName());
            assertArrayEquals(pixels(tmp.resolve("expected.idx"), averaged, t), written, "drawn from the average");
            assertNotEquals(-1, java.util.Arrays.mismatch(pixels(tmp.resolve("live.idx"), live, t), written),
                    "not from the last iterate");
        }
    }

    private static int[] pixels(Path file, float[] samples, Transform transform) throws java.io.IOException {
        IdxWriter.writeImages(file, samples, samples.length / 784, 28, 28, transform);
        return IdxReader.standard().read(file).toIntArray();
    }

    @Test
    void conditionalModelsWriteTheirLabels(@TempDir Path tmp) throws Exception {
        Path run = tmp.resolve("run");
        assertEquals(0, gan(train(run, 2, "--set", "conditioning=one-hot")), err::toString);
        Path balanced = tmp.resolve("balanced.idx");
        assertEquals(0, gan("generate", run.toString(), "--count", "25", "--out", balanced.toString()), err::toString);
        int[] labels = IdxReader.standard().read(GenerateCommand.labelsFile(balanced)).toIntArray();
        assertArrayEquals(IntStream.range(0, 25).map(i -> i % 10).toArray(), labels);

        Path sevens = tmp.resolve("sevens.idx");
        assertEquals(0, gan("generate", run.toString(), "--count", "20", "--label", "7", "--out", sevens.toString()));
        assertArrayEquals(IntStream.range(0, 20).map(i -> 7).toArray(),
                IdxReader.standard().read(GenerateCommand.labelsFile(sevens)).toIntArray());
        JsonNode scored = evaluate(sevens, "--labels", GenerateCommand.labelsFile(sevens).toString());
        assertTrue(scored.has("conditionalAccuracy") && scored.get("conditionalAccuracy").isNumber(), scored::toString);

        assertEquals(2, gan("generate", run.toString(), "--label", "10", "--out", tmp.resolve("x.idx").toString()));
        assertTrue(err.toString().contains("--label 10 is outside the model's classes 0..9"), err::toString);
    }

    @Test
    void trainingEvaluatesKeepsTheBestAndPrintsTheFinalFigures(@TempDir Path tmp) throws Exception {
        Path run = tmp.resolve("run");
        assertEquals(0, gan(train(run, 5, "--set", "output.evaluateEvery=2", "--set", "output.evaluateSamples=200",
                "--classifier", classifier.toString())), err::toString);
        assertTrue(out.toString().contains("Evaluating every 2 iterations and after the last on 200 samples against "
                + "mnist/test"), out::toString);
        assertTrue(out.toString().contains("(judge: cnn classifier, "), out::toString);
        assertTrue(out.toString().matches("(?s).*Evaluation after iteration 5 \\(judge cnn\\): frechetDistance \\S+, "
                + "classifierScore "
                + "\\S+, precision \\S+, recall \\S+, modes \\S+, klFromUniform \\S+\n.*"), out::toString);
        MetricsHistory history = MetricsFile.read(run.resolve("metrics.jsonl"));
        assertEquals("cnn", history.evaluationJudge());
        MetricsHistory.Series fd = history.evaluations().get("frechetDistance");
        assertEquals(List.of(2, 4, 5), List.of(fd.iteration(0), fd.iteration(1), fd.iteration(2)));
        assertTrue(Files.isRegularFile(run.resolve("checkpoints/best.ckpt")));
        assertEquals(0, gan("generate", run.toString(), "--best", "--out", tmp.resolve("best.png").toString()),
                err::toString);
    }

    @Test
    void experimentsOnTheirOwnIdxFilesAreJudgedAgainstThem(@TempDir Path tmp) throws Exception {
        Path run = tmp.resolve("run");
        assertEquals(0, gan(train(run, 2, "--set", "data.dataset=idx", "--set", "data.split=null", "--set",
                "data.images=" + mnist.resolve(TestData.IMAGES), "--set", "data.labels=" + mnist.resolve(TestData.LABELS),
                "--set", "output.evaluateEvery=2", "--set", "output.evaluateSamples=100", "--judge", "mlp")),
                err::toString);
        assertTrue(out.toString().contains("Evaluation after iteration 2 (judge mlp): frechetDistance"), out::toString);
        try (var files = Files.list(Path.of("target/no-home/.cache/gan4j/idx"))) {
            assertTrue(files.anyMatch(f -> f.getFileName().toString().startsWith("gan4j-classifier-")),
                    "the classifier of the experiment's own files is cached under idx/");
        }
    }

    @Test
    void theJudgeIsChosenByNameAndNamedInTheOutput(@TempDir Path tmp) throws Exception {
        Path images = digits(tmp, "some.idx", IntStream.range(0, 300).toArray());
        JsonNode cnn = evaluate(images);
        assertEquals("cnn", cnn.get("judge").asText());
        assertTrue(cnn.get("classifier").asText().endsWith("gan4j-classifier-mnist-test-cnn-1x28x28-16-32-128-10.json"),
                cnn::toString);
        JsonNode mlp = evaluate(images, "--judge", "mlp");
        assertEquals("mlp", mlp.get("judge").asText());
        assertTrue(mlp.get("classifier").asText().endsWith("gan4j-classifier-mnist-test-784-256-128-10.json"),
                mlp::toString);
        assertTrue(Files.isRegularFile(Path.of(mlp.get("classifier").asText())), "each judge has its cache file");
        assertNotEquals(cnn.get("frechetDistance").asDouble(), mlp.get("frechetDistance").asDouble());

        assertEquals(2, gan("evaluate", images.toString(), "--judge", "resnet"));
        assertTrue(err.toString().contains("--judge resnet: unknown judge 'resnet': expected one of cnn, mlp"),
                err::toString);
        // a named file of the other judge is refused, with the option that takes it
        assertEquals(2, gan("evaluate", images.toString(), "--judge", "mlp", "--classifier", classifier.toString()));
        assertTrue(err.toString().contains(classifier + " holds an evaluation classifier of the cnn judge, not mlp: "
                + "use --judge cnn"), err::toString);
        assertEquals(2, gan(train(tmp.resolve("run"), 2, "--set", "output.evaluateEvery=2", "--judge", "svm")));
        assertTrue(err.toString().contains("--judge svm: unknown judge 'svm'"), err::toString);
    }

    @Test
    void aResumedRunKeepsTheJudgeItWasEvaluatedWith(@TempDir Path tmp) throws Exception {
        Path run = tmp.resolve("run");
        assertEquals(0, gan(train(run, 2, "--set", "output.evaluateEvery=2", "--set", "output.evaluateSamples=100",
                "--judge", "mlp")), err::toString);
        out.getBuffer().setLength(0);
        assertEquals(0, gan("train", "--resume", run.toString(), "--set", "training.iterations=4", "--progress",
                "none"), err::toString);
        assertTrue(out.toString().contains("(judge: mlp classifier, "), out::toString);
        List<String> evaluations = Files.readAllLines(run.resolve("metrics.jsonl")).stream()
                .filter(l -> l.contains("\"evaluation\"")).toList();
        assertEquals(2, evaluations.size(), evaluations::toString);
        assertTrue(evaluations.stream().allMatch(l -> l.contains("\"judge\":\"mlp\"")), evaluations::toString);
    }
}
