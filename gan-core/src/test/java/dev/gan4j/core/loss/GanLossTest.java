package dev.gan4j.core.loss;

import dev.gan4j.api.GanLoss;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gan4j.api.SeededRandom;
import dev.gan4j.core.config.TypeRegistries;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class GanLossTest {

    static final TypeRegistries TYPES = TypeRegistries.discover();

    /** Every registered loss, each as its type makes it: none of gan4j's has settings. */
    static Stream<String> losses() {
        return TYPES.losses().names().stream();
    }

    static GanLoss create(String name) throws ReflectiveOperationException {
        return TYPES.loss(TYPES.losses().find(name).orElseThrow().configClass().getDeclaredConstructor().newInstance());
    }

    @Test
    void everyBuiltInLossIsRegisteredByName() {
        assertEquals(List.of("bce", "hinge", "least-squares", "minimax", "non-saturating", "squared-error",
                "wasserstein"), TYPES.losses().names());
    }

    /** Outputs in (0.05, 0.95) suit every loss, probabilities included. */
    static float[] outputs(int n, long seed) {
        float[] y = new float[n];
        new SeededRandom(seed).fillUniform(y, 0.05, 0.95);
        return y;
    }

    @ParameterizedTest
    @MethodSource("losses")
    void discriminatorGradientMatchesFiniteDifferences(String config) throws Exception {
        GanLoss loss = create(config);
        int n = 8;
        float[] y = outputs(n, 1);
        float[] t = {1, 0, 1, 0, 0.9f, 0, 1, 0};
        float[] grad = new float[n];
        loss.discriminator(y, t, n, grad);
        for (int i = 0; i < n; i++) {
            double eps = 1e-3;
            float[] p = y.clone();
            p[i] += (float) eps;
            float[] m = y.clone();
            m[i] -= (float) eps;
            float[] scratch = new float[n];
            double numeric = (loss.discriminator(p, t, n, scratch) - loss.discriminator(m, t, n, scratch))
                    / ((double) p[i] - m[i]);
            assertEquals(numeric, grad[i], 1e-4 + 1e-3 * Math.abs(numeric), config + " D grad " + i);
        }
    }

    @ParameterizedTest
    @MethodSource("losses")
    void generatorGradientMatchesFiniteDifferences(String config) throws Exception {
        GanLoss loss = create(config);
        int n = 6;
        float[] y = outputs(n, 2);
        float[] grad = new float[n];
        loss.generator(y, n, grad);
        for (int i = 0; i < n; i++) {
            float[] p = y.clone();
            p[i] += 1e-3f;
            float[] m = y.clone();
            m[i] -= 1e-3f;
            float[] scratch = new float[n];
            double numeric = (loss.generator(p, n, scratch) - loss.generator(m, n, scratch))
                    / ((double) p[i] - m[i]);
            assertEquals(numeric, grad[i], 1e-4 + 1e-3 * Math.abs(numeric), config + " G grad " + i);
        }
    }

    @Test
    void squaredErrorIsTheToolboxDefinition() {
        // L = ½·Σ(y−ŷ)²/m: outputs 0.2 and 0.9 against targets 1 and 0
        float[] grad = new float[2];
        double l = new SquaredErrorLoss().discriminator(new float[] {0.2f, 0.9f}, new float[] {1, 0}, 2, grad);
        assertEquals(0.5 * (0.64 + 0.81) / 2, l, 1e-6);
        assertEquals((0.2 - 1) / 2, grad[0], 1e-6);
        // the generator's target is REAL = 1
        double g = new SquaredErrorLoss().generator(new float[] {0.2f}, 1, grad);
        assertEquals(0.5 * 0.64, g, 1e-6);
    }

    @Test
    void logitLossIsFiniteAndExactForSaturatedLogits() {
        float[] grad = new float[2];
        double l = new LogitLoss(true).discriminator(new float[] {100f, -100f}, new float[] {0, 1}, 2, grad);
        assertEquals(100.0, l, 1e-9);
        assertEquals(0.5, grad[0], 1e-6);
        assertEquals(-0.5, grad[1], 1e-6);
        double g = new LogitLoss(true).generator(new float[] {-100f}, 1, grad);
        assertEquals(100.0, g, 1e-9);
        assertEquals(-1.0, grad[0], 1e-6);
    }

    @Test
    void minimaxGeneratorSaturatesWhereNonSaturatingDoesNot() {
        float[] minimax = new float[1];
        float[] nonSat = new float[1];
        // D is sure the sample is fake (logit −10): the minimax gradient vanishes
        new LogitLoss(false).generator(new float[] {-10f}, 1, minimax);
        new LogitLoss(true).generator(new float[] {-10f}, 1, nonSat);
        assertTrue(Math.abs(minimax[0]) < 1e-4, "minimax gradient " + minimax[0]);
        assertTrue(Math.abs(nonSat[0]) > 0.99, "non-saturating gradient " + nonSat[0]);
    }

    @Test
    void realIsOneAndFakeIsZero() {
        assertEquals(1f, Labels.REAL);
        assertEquals(0f, Labels.FAKE);
        for (float smoothed : List.of(1f, 0.9f, 0.75f)) {
            assertTrue(Labels.isReal(smoothed));
        }
        assertTrue(!Labels.isReal(Labels.FAKE));
    }

    @Test
    void wassersteinAndHingeSeparateRealFromFake() {
        float[] grad = new float[2];
        double w = new WassersteinLoss().discriminator(new float[] {3f, 1f}, new float[] {1, 0}, 2, grad);
        assertEquals((-3 + 1) / 2.0, w, 1e-9);
        double h = new HingeLoss().discriminator(new float[] {0.5f, -2f}, new float[] {1, 0}, 2, grad);
        assertEquals((0.5 + 0) / 2.0, h, 1e-9);
        assertEquals(0f, grad[1], "a fake scored below −1 is past the margin");
    }
}
