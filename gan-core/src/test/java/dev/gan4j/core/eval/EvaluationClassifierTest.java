package dev.gan4j.core.eval;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gan4j.api.Backend;
import dev.gan4j.api.SeededRandom;
import dev.gan4j.core.TestBackends;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Training, saving and caching the classifier on small synthetic data. */
class EvaluationClassifierTest {

    static final int FEATURES = 20;
    static final int CLASSES = 4;
    static final ClassifierArchitecture SMALL = new MlpArchitecture(FEATURES, List.of(16, 8), 0.2f, CLASSES);
    static final ClassifierTraining FAST = new ClassifierTraining(15, 20, 3e-3, 0.25, 7, 0);

    final Backend backend = TestBackends.any();

    @TempDir
    Path dir;

    /** Four Gaussian clusters around random centres, separable but overlapping a little. */
    static InMemoryDataset clusters(int n, long seed) {
        SeededRandom random = new SeededRandom(seed);
        float[] centres = new float[CLASSES * FEATURES];
        new SeededRandom(99).fillUniform(centres, -1, 1);
        float[] x = new float[n * FEATURES];
        int[] y = new int[n];
        for (int i = 0; i < n; i++) {
            y[i] = random.nextInt(CLASSES);
            for (int j = 0; j < FEATURES; j++) {
                x[i * FEATURES + j] = (float) (centres[y[i] * FEATURES + j] + 0.3 * random.nextGaussian());
            }
        }
        return new InMemoryDataset("clusters", x, y, FEATURES, CLASSES);
    }

    static ClassifierData data(InMemoryDataset d) {
        return new ClassifierData(d, Map.of("clusters.bin", "ab".repeat(32)), -2f, 2f);
    }

    @Test
    void learnsSeparableClassesAndReportsTheHeldOutPart() {
        InMemoryDataset d = clusters(800, 1);
        int[] epochs = new int[1];
        EvaluationClassifier c = EvaluationClassifier.train(backend, SMALL, FAST, data(d),
                (e, n, loss, acc) -> epochs[0] = e);
        assertEquals(FAST.epochs(), epochs[0]);
        ClassifierProvenance p = c.provenance();
        assertEquals(200, p.heldOutCount());
        assertEquals(600, p.trainCount());
        assertTrue(p.heldOutAccuracy() > 0.95, p.toString());
        assertEquals("clusters", p.data());
        assertEquals(backend.name() + " " + backend.version(), p.backend());
        // fresh data from the same clusters is classified as well as the held-out part
        InMemoryDataset fresh = clusters(400, 2);
        assertTrue(c.predict(fresh).accuracy(fresh.labels()) > 0.95);
        Predictions pred = c.predict(fresh.values(), 400);
        assertEquals(8, pred.featureSize());
        assertEquals(400 * 8, pred.features().length);
    }

    @Test
    void trainingIsDeterministicForASeed() {
        InMemoryDataset d = clusters(300, 3);
        ClassifierTraining t = new ClassifierTraining(2, 20, 1e-3, 0.2, 5, 0);
        float[] a = EvaluationClassifier.train(backend, SMALL, t, data(d), null).predict(d).logits();
        float[] b = EvaluationClassifier.train(backend, SMALL, t, data(d), null).predict(d).logits();
        assertArrayEquals(a, b);
        float[] other = EvaluationClassifier.train(backend, SMALL, new ClassifierTraining(2, 20, 1e-3, 0.2, 6, 0),
                data(d), null).predict(d).logits();
        assertNotEquals(a[0], other[0]);
    }

    @Test
    void savedClassifierLoadsToIdenticalPredictions() throws IOException {
        InMemoryDataset d = clusters(300, 4);
        EvaluationClassifier c = EvaluationClassifier.train(backend, SMALL, FAST.withEpochs(2), data(d), null);
        Path file = dir.resolve("sub/classifier.json");
        c.save(file);
        EvaluationClassifier loaded = EvaluationClassifier.load(file, backend);
        assertEquals(c.architecture(), loaded.architecture());
        assertEquals(c.provenance(), loaded.provenance());
        assertArrayEquals(c.predict(d).logits(), loaded.predict(d).logits());
        assertArrayEquals(c.predict(d).features(), loaded.predict(d).features());
        try (var files = Files.list(file.getParent())) {
            assertEquals(List.of(file), files.toList(), "no temporary file is left behind");
        }
    }

    @Test
    void damagedFilesAreRejectedNamingTheProblem() throws IOException {
        InMemoryDataset d = clusters(200, 5);
        Path file = dir.resolve("c.json");
        EvaluationClassifier.train(backend, SMALL, FAST.withEpochs(1), data(d), null).save(file);
        ObjectMapper json = new ObjectMapper();
        ObjectNode root = (ObjectNode) json.readTree(file.toFile());

        ObjectNode wrongShape = root.deepCopy();
        ((ArrayNode) wrongShape.get("parameters").get(0).get("shape")).set(0, 21);
        assertLoadFails(wrongShape, "$.parameters[0].shape is [21, 16], expected [20, 16] for C.0.weight");

        ObjectNode missing = root.deepCopy();
        ((ArrayNode) missing.get("parameters")).remove(3);
        assertLoadFails(missing, "$.parameters lacks [C.2.bias]");

        ObjectNode truncated = root.deepCopy();
        ((ObjectNode) truncated.get("parameters").get(1)).put("float32le", "AAAA");
        assertLoadFails(truncated, "$.parameters[1].float32le holds 3 bytes, expected 16 floats = 64 bytes");

        ObjectNode badArchitecture = root.deepCopy();
        ((ObjectNode) badArchitecture.get("architecture")).put("classes", 1);
        assertLoadFails(badArchitecture, "$.architecture is invalid: a classifier needs at least 2 classes, got 1");

        ObjectNode otherFormat = root.deepCopy();
        otherFormat.put("formatVersion", 3);
        assertLoadFails(otherFormat, "$.formatVersion is 3, this gan4j reads versions 1 and 2");

        Files.writeString(file, "{\"format\": \"gan4j-evaluation-classifier\",\n  \"formatVersion\": ");
        var e = assertThrows(IOException.class, () -> EvaluationClassifier.load(file, backend));
        assertTrue(e.getMessage().startsWith(file + ": not valid JSON"), e.getMessage());
        assertTrue(e.getMessage().contains("line 2"), e.getMessage());
    }

    private void assertLoadFails(ObjectNode content, String expected) throws IOException {
        assertLoadFails(dir, backend, content, expected);
    }

    /** Writes {@code content} to a file in {@code dir}; loading it must fail with {@code expected} after the file name. */
    static void assertLoadFails(Path dir, Backend backend, ObjectNode content, String expected) throws IOException {
        Path file = dir.resolve("damaged.json");
        new ObjectMapper().writeValue(file.toFile(), content);
        var e = assertThrows(IOException.class, () -> EvaluationClassifier.load(file, backend));
        assertEquals(file + ": " + expected, e.getMessage());
    }

    @Test
    void cacheTrainsOnceAndRetrainsWhenTheRequestChanges() throws IOException {
        InMemoryDataset d = clusters(200, 6);
        Path file = dir.resolve(ClassifierCache.fileName(d.name(), SMALL));
        assertEquals("gan4j-classifier-clusters-20-16-8-4.json", file.getFileName().toString());
        ClassifierTraining t = FAST.withEpochs(1);
        EvaluationClassifier first = ClassifierCache.loadOrTrain(file, backend, SMALL, t, data(d), null);
        String saved = Files.readString(file);
        int[] epochs = new int[1];
        EvaluationClassifier second = ClassifierCache.loadOrTrain(file, backend, SMALL, t, data(d),
                (e, n, l, a) -> epochs[0]++);
        assertEquals(0, epochs[0], "a matching cached classifier is not retrained");
        assertArrayEquals(first.predict(d).logits(), second.predict(d).logits());
        assertEquals(saved, Files.readString(file));

        ClassifierData otherHashes = new ClassifierData(d, Map.of("clusters.bin", "cd".repeat(32)), -2f, 2f);
        ClassifierCache.loadOrTrain(file, backend, SMALL, t, otherHashes, (e, n, l, a) -> epochs[0]++);
        assertEquals(1, epochs[0], "other data files mean retraining");
        ClassifierCache.loadOrTrain(file, backend, SMALL, t.withEpochs(2), otherHashes, (e, n, l, a) -> epochs[0]++);
        assertEquals(3, epochs[0], "another training configuration means retraining");

        Files.writeString(file, "not json");
        ClassifierCache.loadOrTrain(file, backend, SMALL, t, data(d), (e, n, l, a) -> epochs[0]++);
        assertEquals(4, epochs[0], "an unreadable cache file is replaced");
        assertEquals(t, EvaluationClassifier.load(file, backend).provenance().training());
    }

    @Test
    void dataThatDoesNotFitIsRejected() {
        InMemoryDataset d = clusters(200, 7);
        var wrongSize = new MlpArchitecture(21, List.of(4), 0.2f, CLASSES);
        var e = assertThrows(IllegalArgumentException.class,
                () -> EvaluationClassifier.train(backend, wrongSize, FAST, data(d), null));
        assertEquals("clusters has samples of 20 values [20] but the classifier takes 21", e.getMessage());
        var wrongClasses = new MlpArchitecture(FEATURES, List.of(4), 0.2f, 10);
        e = assertThrows(IllegalArgumentException.class,
                () -> EvaluationClassifier.train(backend, wrongClasses, FAST, data(d), null));
        assertEquals("the classifier needs labelled data with 10 classes, but clusters has 4", e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> EvaluationClassifier.train(backend, SMALL, FAST, data(d),
                        null).predict(new float[FEATURES * 2 - 1], 2));
        assertEquals("samples hold 39 values, expected 2 × 20 = 40", e.getMessage());
    }

    @Test
    void evaluatorScoresSamplesAgainstTheReference() {
        InMemoryDataset d = clusters(600, 8);
        EvaluationClassifier c = EvaluationClassifier.train(backend, SMALL, FAST, data(d), null);
        Evaluator evaluator = Evaluator.of(c, clusters(500, 9));
        InMemoryDataset samples = clusters(400, 10);
        EvaluationReport r = evaluator.evaluate(samples.values(), 400, samples.labels(), new SeededRandom(1));
        assertEquals(400, r.samples());
        assertEquals(500, r.referenceSamples());
        assertEquals(400, r.precisionRecallSamples());
        assertEquals(4, r.modes());
        assertTrue(r.classifierScore() > 3.5, r.toJson());
        assertTrue(r.conditionalAccuracy() > 0.95, r.toJson());
        assertTrue(r.precision() > 0.8 && r.recall() > 0.8, r.toJson());
        assertEquals(c.provenance().heldOutAccuracy(), r.classifierAccuracy());
        // the same request gives the same figures
        assertEquals(r, evaluator.evaluate(samples.values(), 400, samples.labels(), new SeededRandom(1)));

        // wrong labels count against conditional accuracy only
        int[] shifted = samples.labels().clone();
        for (int i = 0; i < shifted.length; i++) {
            shifted[i] = (shifted[i] + 1) % CLASSES;
        }
        EvaluationReport wrong = evaluator.evaluate(samples.values(), 400, shifted, new SeededRandom(1));
        assertTrue(wrong.conditionalAccuracy() < 0.05, wrong.toJson());
        assertEquals(r.classifierScore(), wrong.classifierScore());

        var e = assertThrows(IllegalArgumentException.class,
                () -> evaluator.evaluate(samples.values(), 400, new int[399], new SeededRandom(1)));
        assertEquals("expected one label per sample: 400 samples, 399 labels", e.getMessage());
        int[] outOfRange = samples.labels().clone();
        outOfRange[17] = 4;
        e = assertThrows(IllegalArgumentException.class,
                () -> evaluator.evaluate(samples.values(), 400, outOfRange, new SeededRandom(1)));
        assertEquals("label 4 at index 17 is outside [0, 4)", e.getMessage());
    }

    @Test
    void reportIsOneJsonObject() throws IOException {
        EvaluationReport r = new EvaluationReport(10, 20, 9.5, 1.25, new int[] {5, 5}, 0.0, 2, 0.02, 0.75, 0.5, 3, 10,
                null, "cnn", 0.97);
        var node = new ObjectMapper().readTree(r.toJson());
        assertEquals(List.of("samples", "referenceSamples", "classifierScore", "frechetDistance", "classHistogram",
                "klFromUniform", "modes", "modeThreshold", "precision", "recall", "k", "precisionRecallSamples",
                "conditionalAccuracy", "judge", "classifierAccuracy"), iterable(node.fieldNames()));
        assertEquals("cnn", node.get("judge").textValue());
        assertEquals(9.5, node.get("classifierScore").doubleValue());
        assertTrue(node.get("conditionalAccuracy").isNull());
        assertEquals(5, node.get("classHistogram").get(1).intValue());
    }

    @Test
    void toInputRangeMapsLinearly() {
        InMemoryDataset d = clusters(200, 11);
        EvaluationClassifier c = EvaluationClassifier.train(backend, SMALL, FAST.withEpochs(1), data(d), null);
        // the classifier's data range is [−2, 2]
        assertArrayEquals(new float[] {-2f, 0f, 2f}, c.toInputRange(new float[] {0f, 0.5f, 1f}, 0f, 1f), 1e-6f);
    }

    static List<String> iterable(java.util.Iterator<String> it) {
        List<String> out = new java.util.ArrayList<>();
        it.forEachRemaining(out::add);
        return out;
    }
}
