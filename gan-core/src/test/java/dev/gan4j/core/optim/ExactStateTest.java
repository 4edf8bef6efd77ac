package dev.gan4j.core.optim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.gan4j.api.SeededRandom;
import org.junit.jupiter.api.Test;

/** Learning rates and step counts survive a checkpoint's float32 arrays exactly. */
class ExactStateTest {

    @Test
    void doublesRoundTripExactlyThroughThreeFloats() {
        SeededRandom r = new SeededRandom(3);
        for (int i = 0; i < 100_000; i++) {
            // learning rates from 1e-12 to 1e6, scaled by arbitrary factors
            double v = Math.pow(10, -12 + 18 * r.nextDouble()) * (0.5 + r.nextDouble());
            assertEquals(v, OptimizerState.exactValue("x", OptimizerState.exact(v)), "value " + v);
        }
        for (double v : new double[] {0, 2, 0.0002, 0.1 * 0.3 * 0.3, 1e-4 / 3}) {
            assertEquals(v, OptimizerState.exactValue("x", OptimizerState.exact(v)));
        }
        for (long steps : new long[] {0, 1, (1L << 24) + 1, 123_456_789_012L, (1L << 53) - 1}) {
            assertEquals(steps, (long) OptimizerState.exactValue("step", OptimizerState.exact(steps)));
        }
    }

    @Test
    void readsTheOlderSingleFloatFormAndRejectsOtherLengths() {
        assertEquals(0.5f, OptimizerState.exactValue("learningRate", new float[] {0.5f}));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> OptimizerState.exactValue("learningRate", new float[2]));
        assertEquals("optimizer state 'learningRate' must have 1 or 3 values, got 2", e.getMessage());
    }
}
