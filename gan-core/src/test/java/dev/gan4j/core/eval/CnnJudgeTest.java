package dev.gan4j.core.eval;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gan4j.api.Backend;
import dev.gan4j.api.SeededRandom;
import dev.gan4j.core.TestBackends;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The judges: the CNN's architecture, file, cache name and training, and the MLP kept beside it. */
class CnnJudgeTest {

    static final int CLASSES = 4;
    /** Two-channel 8 × 8 images: the shift augmentation and the convolutions see channels. */
    static final CnnArchitecture TINY = new CnnArchitecture(2, 8, 8, List.of(4, 8), 16, 0.2f, CLASSES);
    static final ClassifierTraining FAST = new ClassifierTraining(6, 20, 3e-3, 0.25, 7, 1);

    final Backend backend = TestBackends.any();

    @TempDir
    Path dir;

    /**
     * A bright 3 × 3 blob on noise, in the quadrant its class names (channel 0 for classes 0 and
     * 1, channel 1 for 2 and 3), at a random place within the quadrant.
     */
    static InMemoryDataset blobs(int n, long seed) {
        SeededRandom random = new SeededRandom(seed);
        int size = 2 * 8 * 8;
        float[] x = new float[n * size];
        int[] y = new int[n];
        for (int i = 0; i < n; i++) {
            int c = random.nextInt(CLASSES);
            y[i] = c;
            for (int j = 0; j < size; j++) {
                x[i * size + j] = (float) (0.2 * random.nextDouble());
            }
            int top = (c % 2) * 4 + random.nextInt(2);
            int left = (c / 2) * 4 + random.nextInt(2);
            int channel = c / 2;
            for (int r = top; r < top + 3; r++) {
                for (int col = left; col < left + 3; col++) {
                    x[i * size + channel * 64 + r * 8 + col] = 1f;
                }
            }
        }
        return new InMemoryDataset("blobs", x, y, size, CLASSES);
    }

    static ClassifierData data(InMemoryDataset d) {
        return new ClassifierData(d, Map.of("blobs.bin", "ef".repeat(32)), 0f, 1f);
    }

    @Test
    void architectureChecksItsShapeAndNamesItself() {
        assertEquals(Judge.CNN, TINY.judge());
        assertEquals(128, TINY.inputSize());
        assertEquals(16, TINY.featureSize());
        assertEquals("cnn-2x8x8-4-8-16-4", TINY.signature());
        CnnArchitecture mnist = CnnArchitecture.mnist();
        assertEquals("cnn-1x28x28-16-32-128-10", mnist.signature());
        assertEquals(784, mnist.inputSize());
        assertEquals("784-256-128-10", MlpArchitecture.mnist().signature());

        assertRejected(() -> new CnnArchitecture(0, 8, 8, List.of(4), 16, 0.2f, 4),
                "classifier images must have positive channels, height and width, got 0x8x8");
        assertRejected(() -> new CnnArchitecture(1, 8, 8, List.of(), 16, 0.2f, 4),
                "classifier filters must be one or more positive channel counts, got []");
        assertRejected(() -> new CnnArchitecture(1, 8, 8, List.of(4, 0), 16, 0.2f, 4),
                "classifier filters must be one or more positive channel counts, got [4, 0]");
        assertRejected(() -> new CnnArchitecture(1, 8, 4, List.of(4, 4, 4), 16, 0.2f, 4),
                "3 blocks halve a 8x4 image below one pixel; use fewer filters entries");
        assertRejected(() -> new CnnArchitecture(1, 8, 8, List.of(4), 0, 0.2f, 4),
                "classifier features must be positive, got 0");
        assertRejected(() -> new CnnArchitecture(1, 8, 8, List.of(4), 16, 1f, 4),
                "classifier leakySlope must be in [0, 1), got 1.0");
        assertRejected(() -> new CnnArchitecture(1, 8, 8, List.of(4), 16, 0.2f, 1),
                "a classifier needs at least 2 classes, got 1");
    }

    @Test
    void judgesAreChosenByNameAndBuildTheirNetworkForTheData() {
        assertEquals(Judge.CNN, Judge.of("cnn"));
        assertEquals(Judge.MLP, Judge.of(" MLP "));
        assertEquals(Judge.CNN, Judge.DEFAULT);
        assertRejected(() -> Judge.of("resnet"), "unknown judge 'resnet': expected one of cnn, mlp");
        assertEquals(CnnArchitecture.mnist(), Judge.CNN.architecture(new int[] {1, 28, 28}, 10));
        assertEquals(CnnArchitecture.standard(1, 28, 28, 10), Judge.CNN.architecture(new int[] {28, 28}, 10));
        assertEquals(MlpArchitecture.mnist(), Judge.MLP.architecture(new int[] {1, 28, 28}, 10));
        assertRejected(() -> Judge.CNN.architecture(new int[] {784}, 10),
                "the cnn judge needs images, but the samples have shape [784]; use the mlp judge");
        // the MLP keeps its training; the CNN sees fewer samples (each costs more)
        assertEquals(ClassifierTraining.defaultsFor(10_000), Judge.MLP.training(10_000));
        assertEquals(10, Judge.CNN.training(10_000).epochs());
        assertEquals(2, Judge.CNN.training(60_000).epochs());
        assertEquals(2, Judge.CNN.training(1_000_000).epochs());
    }

    @Test
    void cacheFileNamesSayWhichJudge() {
        assertEquals("gan4j-classifier-mnist-test-cnn-1x28x28-16-32-128-10.json",
                ClassifierCache.fileName("mnist/test", CnnArchitecture.mnist()));
        // the perceptron's name from before there were judges: its cached files stay in use
        assertEquals("gan4j-classifier-mnist-test-784-256-128-10.json",
                ClassifierCache.fileName("mnist/test", MlpArchitecture.mnist()));
    }

    @Test
    void learnsImagesAndSavesTheJudgeWithTheWeights() throws IOException {
        InMemoryDataset d = blobs(400, 1);
        EvaluationClassifier c = EvaluationClassifier.train(backend, TINY, FAST, data(d), null);
        assertTrue(c.provenance().heldOutAccuracy() > 0.95, c.provenance().toString());
        Predictions p = c.predict(d);
        assertEquals(16, p.featureSize());

        Path file = dir.resolve("cnn.json");
        c.save(file);
        ObjectNode root = (ObjectNode) new ObjectMapper().readTree(file.toFile());
        assertEquals(2, root.get("formatVersion").intValue());
        assertEquals("cnn", root.get("architecture").get("judge").textValue());
        assertEquals(List.of("judge", "channels", "height", "width", "filters", "features", "leakySlope", "classes"),
                EvaluationClassifierTest.iterable(root.get("architecture").fieldNames()));
        // conv, act, pool, conv, act, pool, flatten, dense, act | dense
        assertEquals(List.of("C.0.weight", "C.0.bias", "C.3.weight", "C.3.bias", "C.7.weight", "C.7.bias",
                "C.9.weight", "C.9.bias"), c.parameters().stream().map(x -> x.id()).toList());
        EvaluationClassifier loaded = EvaluationClassifier.load(file, backend);
        assertEquals(TINY, loaded.architecture());
        assertArrayEquals(p.logits(), loaded.predict(d).logits());
        assertArrayEquals(p.features(), loaded.predict(d).features());

        ObjectNode unknown = root.deepCopy();
        ((ObjectNode) unknown.get("architecture")).put("judge", "rnn");
        assertLoadFails(unknown, "$.architecture.judge: unknown judge 'rnn': expected one of cnn, mlp");
        ObjectNode noJudge = root.deepCopy();
        ((ObjectNode) noJudge.get("architecture")).remove("judge");
        assertLoadFails(noJudge, "$.architecture.judge must be a string");
        ObjectNode tooDeep = root.deepCopy();
        ((ObjectNode) tooDeep.get("architecture")).putArray("filters").add(4).add(4).add(4).add(4);
        assertLoadFails(tooDeep, "$.architecture is invalid: 4 blocks halve a 8x8 image below one pixel; use fewer "
                + "filters entries");
    }

    @Test
    void perceptronFilesFromBeforeJudgesLoadAsTheMlpJudge() throws IOException {
        InMemoryDataset d = EvaluationClassifierTest.clusters(200, 3);
        EvaluationClassifier mlp = EvaluationClassifier.train(backend, EvaluationClassifierTest.SMALL,
                EvaluationClassifierTest.FAST.withEpochs(1), EvaluationClassifierTest.data(d), null);
        Path file = dir.resolve("mlp.json");
        mlp.save(file);
        ObjectNode root = (ObjectNode) new ObjectMapper().readTree(file.toFile());
        assertEquals("mlp", root.get("architecture").get("judge").textValue());
        // a version 1 file, as gan4j wrote them before: no judge
        root.put("formatVersion", 1);
        ((ObjectNode) root.get("architecture")).remove("judge");
        new ObjectMapper().writeValue(file.toFile(), root);
        EvaluationClassifier old = EvaluationClassifier.load(file, backend);
        assertEquals(Judge.MLP, old.architecture().judge());
        assertEquals(EvaluationClassifierTest.SMALL, old.architecture());
        assertArrayEquals(mlp.predict(d).logits(), old.predict(d).logits());
        // and the cache takes it as the perceptron it asked for
        assertTrue(ClassifierCache.loadIfMatching(file, backend, EvaluationClassifierTest.SMALL,
                EvaluationClassifierTest.FAST.withEpochs(1), EvaluationClassifierTest.data(d)).isPresent());
    }

    @Test
    void cacheRetrainsWhenAnotherJudgeIsAsked() throws IOException {
        InMemoryDataset d = blobs(200, 2);
        Path file = dir.resolve("shared.json");
        ClassifierTraining t = FAST.withEpochs(1);
        ClassifierCache.loadOrTrain(file, backend, TINY, t, data(d), null);
        MlpArchitecture mlp = new MlpArchitecture(128, List.of(8), 0.2f, CLASSES);
        assertTrue(ClassifierCache.loadIfMatching(file, backend, mlp, t, data(d)).isEmpty());
        assertInstanceOf(CnnArchitecture.class, ClassifierCache.loadIfMatching(file, backend, TINY, t, data(d))
                .orElseThrow().architecture());
    }

    @Test
    void trainingIsDeterministicToTheByte() throws IOException {
        InMemoryDataset d = blobs(200, 4);
        ClassifierTraining t = FAST.withEpochs(2);
        Path a = dir.resolve("a.json");
        Path b = dir.resolve("b.json");
        EvaluationClassifier.train(backend, TINY, t, data(d), null).save(a);
        EvaluationClassifier.train(backend, TINY, t, data(d), null).save(b);
        assertEquals(withoutCreated(a), withoutCreated(b));
        ClassifierTraining otherSeed = new ClassifierTraining(2, 20, 3e-3, 0.25, 8, 1);
        Path c = dir.resolve("c.json");
        EvaluationClassifier.train(backend, TINY, otherSeed, data(d), null).save(c);
        assertNotEquals(withoutCreated(a).get("parameters"), withoutCreated(c).get("parameters"));
    }

    /** The file's JSON without the one field that is meant to differ between two trainings: when. */
    private static ObjectNode withoutCreated(Path file) throws IOException {
        ObjectNode root = (ObjectNode) new ObjectMapper().readTree(file.toFile());
        ((ObjectNode) root.get("provenance")).remove("created");
        return root;
    }

    @Test
    void aTrainingStepAllocatesNothing() {
        java.lang.management.ThreadMXBean bean = ManagementFactory.getThreadMXBean();
        assumeTrue(bean instanceof com.sun.management.ThreadMXBean, "no allocation counter on this JVM");
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) bean;
        assumeTrue(threads.isThreadAllocatedMemorySupported() && threads.isThreadAllocatedMemoryEnabled());
        InMemoryDataset images = blobs(400, 5);
        InMemoryDataset clusters = EvaluationClassifierTest.clusters(400, 5);
        var cnn = new EvaluationClassifier.Training(backend, TINY, FAST, data(images));
        var mlp = new EvaluationClassifier.Training(backend, EvaluationClassifierTest.SMALL,
                EvaluationClassifierTest.FAST, EvaluationClassifierTest.data(clusters));
        for (EvaluationClassifier.Training t : List.of(cnn, mlp)) {
            t.startEpoch(1);
            // InMemoryDataset.gather stages through a new array, as a test double may: measured apart
            long least = Long.MAX_VALUE;
            for (int round = 0; round < 5 && least > 0; round++) {
                for (int b = 0; b < t.batches; b++) {
                    t.step(b);
                }
                long before = threads.getCurrentThreadAllocatedBytes();
                for (int b = 0; b < t.batches; b++) {
                    t.step(b);
                }
                least = Math.min(least, threads.getCurrentThreadAllocatedBytes() - before);
            }
            long staging = (long) t.batches * (16 + 4L * t.batch * (t == cnn ? TINY.inputSize() : 20));
            assertTrue(least <= staging + 1024, "a step allocated " + (least - staging) / t.batches
                    + " bytes besides the data's staging");
        }
    }

    @Test
    void convolutionalJudgeLearnsRealDigitsFromAFewHundred() {
        // a fast guard on the real default network: 1,600 digits, 3 epochs (about 92% on ejml); chance
        // is 10%, and a network wired wrongly or not learning would not come near the floor
        InMemoryDataset mnist = MnistTestData.load();
        int[] first = new int[2000];
        Arrays.setAll(first, i -> i);
        InMemoryDataset some = mnist.subset("mnist/test-2000", first);
        ClassifierTraining t = ClassifierTraining.defaults().withEpochs(3);
        EvaluationClassifier c = EvaluationClassifier.train(backend, CnnArchitecture.mnist(), t,
                new ClassifierData(some, Map.of(), 0f, 1f), null);
        assertTrue(c.provenance().heldOutAccuracy() >= 0.9, c.provenance().toString());
    }

    private void assertLoadFails(ObjectNode content, String expected) throws IOException {
        EvaluationClassifierTest.assertLoadFails(dir, backend, content, expected);
    }

    private static void assertRejected(org.junit.jupiter.api.function.Executable e, String message) {
        assertEquals(message, assertThrows(IllegalArgumentException.class, e).getMessage());
    }
}
