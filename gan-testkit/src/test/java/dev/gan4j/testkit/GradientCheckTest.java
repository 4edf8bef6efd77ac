package dev.gan4j.testkit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gan4j.api.Backend;
import dev.gan4j.api.ForwardContext;
import dev.gan4j.api.GradientSink;
import dev.gan4j.api.Layer;
import dev.gan4j.api.LayerCache;
import dev.gan4j.api.LayerContext;
import dev.gan4j.api.Parameter;
import dev.gan4j.api.SeededRandom;
import dev.gan4j.api.Tensor;
import dev.gan4j.backend.ejml.EjmlBackendProvider;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.opentest4j.AssertionFailedError;

/** The gradient check passes a right layer and fails a wrong one with a message that locates the error. */
class GradientCheckTest {

    static final Backend BACKEND = new EjmlBackendProvider().create(Map.of());

    @AfterAll
    static void close() {
        BACKEND.close();
    }

    static Scale scale() {
        return new Scale(0.5f, new LayerContext(BACKEND, new int[] {5}, new SeededRandom(1), "scale"));
    }

    @Test
    void aRightLayerPassesAndGetsItsParametersBack() {
        Scale scale = scale();
        float[] before = scale.factors().value().toArray();
        GradientCheck.of(scale).check();
        assertArrayEquals(before, scale.factors().value().toArray());
    }

    @Test
    void aWrongInputGradientIsReportedWithLayerIndexAndBothValues() {
        AssertionFailedError e = assertThrows(AssertionFailedError.class, () -> GradientCheck.of(
                new FlawedLayer(FlawedLayer.Flaw.WRONG_INPUT_GRADIENT, BACKEND)).check());
        String m = e.getMessage();
        assertTrue(m.startsWith("FlawedLayer flawed: 20 of 25 gradient elements differ"), m);
        assertTrue(m.contains("df/d input[0, 0]: numeric "), m);
        assertTrue(m.contains(", analytic "), m);
        assertTrue(m.contains("… and 10 more"), m);
    }

    @Test
    void aWrongParameterGradientNamesTheParameterAndElement() {
        AssertionFailedError e = assertThrows(AssertionFailedError.class, () -> GradientCheck.of(
                new FlawedLayer(FlawedLayer.Flaw.WRONG_PARAMETER_GRADIENT, BACKEND), BACKEND).named("my layer").check());
        String m = e.getMessage();
        assertTrue(m.startsWith("my layer: 5 of 25 gradient elements differ"), m);
        assertTrue(m.contains("df/d flawed.factors[3]: numeric "), m);
        assertTrue(!m.contains("df/d input"), m);
    }

    @Test
    void askingForTheGradientOfABufferFails() {
        AssertionFailedError e = assertThrows(AssertionFailedError.class, () -> GradientCheck.of(
                new FlawedLayer(FlawedLayer.Flaw.GRADIENT_OF_A_BUFFER, BACKEND)).check());
        assertTrue(e.getMessage().contains("asked the gradient sink for flawed.count, a BUFFER"), e.getMessage());
    }

    @Test
    void aSampleOfElementsIsCheckedWhenAsked() {
        AssertionFailedError e = assertThrows(AssertionFailedError.class, () -> GradientCheck.of(
                new FlawedLayer(FlawedLayer.Flaw.WRONG_INPUT_GRADIENT, BACKEND)).maxElementsPerTensor(3).check());
        assertTrue(e.getMessage().contains("3 of 6 gradient elements differ"), e.getMessage());
    }

    @Test
    void theToleranceDecides() {
        // a gradient 1% off passes the default 2% and fails 0.5%
        Layer offByOnePercent = new Scaled(BACKEND, 1.01f);
        GradientCheck.of(offByOnePercent, BACKEND).check();
        assertThrows(AssertionFailedError.class,
                () -> GradientCheck.of(offByOnePercent, BACKEND).tolerance(1e-4, 5e-3).check());
    }

    @Test
    void everyForwardPassDrawsFromTheSameSeedSoAStochasticLayerIsDifferentiable() {
        AtomicInteger passes = new AtomicInteger();
        // y = x·u for one u drawn per pass: differentiable only if u is the same in every pass
        Layer noisy = new Scaled(BACKEND, 1f) {
            @Override
            public Tensor forward(Tensor input, ForwardContext context, LayerCache cache) {
                passes.incrementAndGet();
                return forwardWith(input, (float) (0.5 + context.random().nextDouble()), cache);
            }
        };
        GradientCheck.of(noisy, BACKEND).batchSize(2).check();
        assertTrue(passes.get() == 1 + 2 * 2 * 3, passes + " forward passes");
    }

    @Test
    void aLayerWithoutParametersNeedsItsBackendNamed() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> GradientCheck.of(new Scaled(BACKEND, 1f)));
        assertTrue(e.getMessage().contains("has no parameters to tell its backend"), e.getMessage());
    }

    /**
     * {@code y = 2x} whose backward returns {@code 2·gradientFactor·dy}, over 3 features; a test's
     * subclass may draw its own factor.
     */
    static class Scaled implements Layer {
        private final Backend backend;
        private final float gradientFactor;

        Scaled(Backend backend, float gradientFactor) {
            this.backend = backend;
            this.gradientFactor = gradientFactor;
        }

        @Override
        public int[] inputShape() {
            return new int[] {3};
        }

        @Override
        public int[] outputShape() {
            return new int[] {3};
        }

        @Override
        public List<Parameter> parameters() {
            return List.of();
        }

        @Override
        public LayerCache newCache() {
            return new Cache();
        }

        @Override
        public Tensor forward(Tensor input, ForwardContext context, LayerCache cache) {
            return forwardWith(input, 2f, cache);
        }

        Tensor forwardWith(Tensor input, float factor, LayerCache cache) {
            Cache c = (Cache) cache;
            c.factor = factor;
            c.output = backend.zeros(input.shape());
            backend.affine(factor, 0f, input, c.output);
            return c.output;
        }

        @Override
        public Tensor backward(Tensor gradOutput, LayerCache cache, GradientSink sink) {
            Cache c = (Cache) cache;
            Tensor g = backend.zeros(gradOutput.shape());
            backend.affine(c.factor * gradientFactor, 0f, gradOutput, g);
            return g;
        }

        private static final class Cache implements LayerCache {
            float factor;
            Tensor output;
        }
    }
}
