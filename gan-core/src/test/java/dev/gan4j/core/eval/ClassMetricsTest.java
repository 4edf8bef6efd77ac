package dev.gan4j.core.eval;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class ClassMetricsTest {

    /** Logits that put probability ≈ 1 on {@code classOf[i]} for each sample. */
    static float[] confident(int[] classOf, int classes) {
        float[] logits = new float[classOf.length * classes];
        for (int i = 0; i < classOf.length; i++) {
            logits[i * classes + classOf[i]] = 40f;
        }
        return logits;
    }

    @Test
    void confidentBalancedPredictionsScoreTheClassCount() {
        int[] classes = new int[1000];
        for (int i = 0; i < classes.length; i++) {
            classes[i] = i % 10;
        }
        assertEquals(10.0, ClassMetrics.classifierScore(confident(classes, 10), 1000, 10), 1e-9);
    }

    @Test
    void oneClassScoresOne() {
        int[] classes = new int[500];
        java.util.Arrays.fill(classes, 7);
        assertEquals(1.0, ClassMetrics.classifierScore(confident(classes, 10), 500, 10), 1e-12);
        // identical but unsure predictions also score 1: p(y|x) = p(y)
        assertEquals(1.0, ClassMetrics.classifierScore(new float[10 * 50], 50, 10), 1e-12);
    }

    @Test
    void twoEqualClassesScoreTwo() {
        int[] classes = new int[400];
        for (int i = 0; i < classes.length; i++) {
            classes[i] = i % 2 == 0 ? 3 : 8;
        }
        assertEquals(2.0, ClassMetrics.classifierScore(confident(classes, 10), 400, 10), 1e-9);
    }

    @Test
    void histogramKlAndModes() {
        int[] predicted = new int[100];
        for (int i = 0; i < 100; i++) {
            predicted[i] = i < 50 ? 0 : i < 98 ? 1 : 2;
        }
        int[] h = ClassMetrics.histogram(predicted, 4);
        assertArrayEquals(new int[] {50, 48, 2, 0}, h);
        assertEquals(3, ClassMetrics.modes(h, 0.02));
        assertEquals(2, ClassMetrics.modes(h, 0.021));
        double kl = 0.5 * Math.log(0.5 * 4) + 0.48 * Math.log(0.48 * 4) + 0.02 * Math.log(0.02 * 4);
        assertEquals(kl, ClassMetrics.klFromUniform(h), 1e-12);
        assertEquals(0, ClassMetrics.klFromUniform(new int[] {5, 5, 5}), 1e-15);
        assertEquals(Math.log(10), ClassMetrics.klFromUniform(new int[] {0, 0, 9, 0, 0, 0, 0, 0, 0, 0}), 1e-12);
    }
}
