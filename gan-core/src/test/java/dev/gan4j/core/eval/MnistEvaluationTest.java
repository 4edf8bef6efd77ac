package dev.gan4j.core.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gan4j.api.SeededRandom;
import dev.gan4j.core.TestBackends;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The sanity anchors of issue 4 on real digits (the shared MNIST test split): real digits score
 * near the top and close to a disjoint half of themselves, uniform noise scores near the
 * bottom and far away, and a single digit class covers one mode.
 *
 * <p>Each judge is checked as users get it ({@link Judge#architecture}, {@link Judge#training}: about
 * 35 s of CPU for the cnn, 10 s for the mlp), cached in {@code target/} so that later runs skip
 * training.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class MnistEvaluationTest {

    static final int SAMPLES = 2000;

    InMemoryDataset mnist;
    EvaluationClassifier classifier;
    EvaluationReport real;
    EvaluationReport noise;
    EvaluationReport threes;

    /** The judge under test. */
    abstract Judge judge();

    @BeforeAll
    void evaluate() throws IOException {
        mnist = MnistTestData.load();
        Judge judge = judge();
        classifier = ClassifierCache.loadOrTrain(Path.of("target", "test-classifier-" + judge.id() + ".json"),
                TestBackends.any(), judge.architecture(new int[] {1, 28, 28}, 10), judge.training(mnist.size()),
                new ClassifierData(mnist, Map.of(), 0f, 1f), null);
        // a random split: the file's first and second halves differ in writers and difficulty
        int[] order = new SeededRandom(11).permutation(mnist.size());
        Evaluator halfA = Evaluator.of(classifier, mnist.subset("mnist/test-a", Arrays.copyOf(order, 5000)));
        int[] halfB = Arrays.copyOfRange(order, 5000, 5000 + SAMPLES);
        real = halfA.evaluate(mnist.rows(halfB), SAMPLES, mnist.subset("b", halfB).labels(), new SeededRandom(1));
        float[] uniform = new float[SAMPLES * 784];
        new SeededRandom(5).fillUniform(uniform, 0, 1);
        noise = halfA.evaluate(uniform, SAMPLES, null, new SeededRandom(1));
        int[] three = IntStream.range(0, mnist.size()).filter(i -> mnist.labels()[i] == 3).toArray();
        threes = halfA.evaluate(mnist.rows(three), three.length, null, new SeededRandom(1));
    }

    @Test
    void classifierGeneralisesToTheHeldOutDigits() {
        ClassifierProvenance p = classifier.provenance();
        assertEquals(8000, p.trainCount());
        assertEquals(2000, p.heldOutCount());
        assertTrue(p.heldOutAccuracy() >= (judge() == Judge.CNN ? 0.985 : 0.98), p.toString());
        assertEquals("mnist/test", p.data());
    }

    @Test
    void realDigitsScoreNearTheTopAndCloseToTheOtherHalf() {
        assertTrue(real.classifierScore() > 9.5, real.toJson());
        assertEquals(10, real.modes(), real.toJson());
        assertTrue(real.klFromUniform() < 0.02, real.toJson());
        // the distance's scale is the feature space's; what matters is small against the others
        assertTrue(real.frechetDistance() < 0.02 * threes.frechetDistance(), real + " vs " + threes);
        assertTrue(real.precision() > 0.8 && real.recall() > 0.8, real.toJson());
        assertTrue(real.conditionalAccuracy() > 0.97, real.toJson());
        assertEquals(SAMPLES, real.precisionRecallSamples());
    }

    @Test
    void uniformNoiseScoresNearOneAndFarAway() {
        assertTrue(noise.classifierScore() < 1.5, noise.toJson());
        assertTrue(noise.modes() <= 2, noise.toJson());
        assertTrue(noise.frechetDistance() > 100 * real.frechetDistance(), noise + " vs " + real);
        assertTrue(noise.recall() < 0.01, noise.toJson());
        // the cnn maps noise near the boldest real digits, inside some of their k-NN balls
        assertTrue(noise.precision() < (judge() == Judge.CNN ? 0.3 : 0.01), noise.toJson());
        assertNull(noise.conditionalAccuracy());
    }

    @Test
    void oneDigitClassCoversOneMode() {
        for (int digit = 0; digit < 10; digit++) {
            int d = digit;
            int[] set = IntStream.range(0, mnist.size()).filter(i -> mnist.labels()[i] == d).toArray();
            int[] histogram = ClassMetrics.histogram(classifier.predict(mnist, set).predictedClasses(), 10);
            assertEquals(1, ClassMetrics.modes(histogram, ClassMetrics.MODE_THRESHOLD),
                    "digit " + d + ": " + Arrays.toString(histogram));
        }
        assertEquals(1, threes.modes(), threes.toJson());
        assertTrue(threes.classifierScore() < 1.5, threes.toJson());
        assertTrue(threes.klFromUniform() > 0.9 * Math.log(10), threes.toJson());
        // real threes are realistic, but cover only a tenth of the digits
        assertTrue(threes.precision() > 0.8 && threes.recall() < 0.35, threes.toJson());
        assertTrue(threes.frechetDistance() > 20 * real.frechetDistance(), threes + " vs " + real);
    }
}
