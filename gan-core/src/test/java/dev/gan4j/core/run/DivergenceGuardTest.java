package dev.gan4j.core.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gan4j.api.Backend;
import dev.gan4j.api.Parameter;
import dev.gan4j.core.TestBackends;
import dev.gan4j.core.config.DivergenceConfig;
import dev.gan4j.core.train.IterationStats;
import java.util.List;
import org.junit.jupiter.api.Test;

class DivergenceGuardTest {

    private static IterationStats stats(int i, double d, double g) {
        return new IterationStats(i, d, g, 0.5, 0.5, 0.01);
    }

    private static DivergenceConfig runaway(double factor) {
        return new DivergenceConfig(DivergenceConfig.Policy.STOP, 0.5, 3, factor, 10);
    }

    @Test
    void nonFiniteLossesAreDivergenceFromTheFirstIteration() {
        DivergenceGuard guard = new DivergenceGuard(runaway(0));
        assertEquals("the D loss is NaN", guard.checkLosses(stats(1, Double.NaN, 1)));
        assertEquals("the G loss is +infinite", guard.checkLosses(stats(1, 1, Double.POSITIVE_INFINITY)));
        assertEquals("the D loss is -infinite", guard.checkLosses(stats(1, Double.NEGATIVE_INFINITY, 1)));
        assertNull(guard.checkLosses(stats(1, 1e30, -1e30)), "runaway detection is off");
    }

    @Test
    void aLossFarAboveItsRunningMedianRunsAway() {
        DivergenceGuard guard = new DivergenceGuard(runaway(100));
        // the first loss has no median to compare with: the limit is the factor
        assertEquals("the D loss ran away: |101.000| is above 100 (output.divergence.runawayFactor; no earlier "
                + "iteration to compare with)", guard.checkLosses(stats(1, 101, 0.7)));
        assertNull(guard.checkLosses(stats(1, 2, 0.7)));
        assertNull(guard.checkLosses(stats(2, 150, 0.7)), "100 × the median 2");
        for (int i = 3; i <= 6; i++) {
            assertNull(guard.checkLosses(stats(i, 2, 0.7)), "iteration " + i);
        }
        // the median of |D loss| is still 2: the threshold is 100 × 2
        assertNull(guard.checkLosses(stats(7, -199, 0.7)));
        String problem = guard.checkLosses(stats(8, 201, 0.7));
        assertTrue(problem.startsWith("the D loss ran away: |201.000| is above 100 × max(1, "), problem);
        // the floor: a median below 1 counts as 1, so small losses may grow to 100
        DivergenceGuard small = new DivergenceGuard(runaway(100));
        for (int i = 1; i <= 5; i++) {
            assertNull(small.checkLosses(stats(i, 0.7, 0.001)));
        }
        assertNull(small.checkLosses(stats(6, 0.7, 99)));
        assertTrue(small.checkLosses(stats(7, 0.7, 101)).startsWith("the G loss ran away"));
    }

    @Test
    void aRunawayValueDoesNotEnterTheWindow() {
        DivergenceGuard guard = new DivergenceGuard(runaway(10));
        for (int i = 1; i <= 5; i++) {
            assertNull(guard.checkLosses(stats(i, 1, 1)));
        }
        for (int i = 6; i < 100; i++) {
            assertTrue(guard.checkLosses(stats(i, 50, 1)) != null, "iteration " + i);
        }
    }

    @Test
    void resetRefillsTheWindowFromTheHistory() {
        MetricsHistory h = new MetricsHistory();
        for (int i = 1; i <= 200; i++) {
            h.add(i, i <= 100 ? 1000 : 2, 1, 0.5, 0.5);
        }
        DivergenceGuard guard = new DivergenceGuard(runaway(100));
        guard.reset(h);
        // only the last 100 iterations count: their median is 2
        assertTrue(guard.checkLosses(stats(201, 500, 1)) != null);
    }

    @Test
    void parametersHoldingNaNOrInfinityAreNamed() {
        Backend b = TestBackends.any();
        Parameter w = new Parameter("D.0.weight", Parameter.Kind.WEIGHT, b.fromArray(new float[] {1, 2, 3, 4}, 2, 2));
        Parameter bias = new Parameter("D.0.bias", Parameter.Kind.BIAS, b.fromArray(new float[] {1, 2}, 2));
        assertNull(DivergenceGuard.checkParameters(b, List.of(w, bias)));
        bias.value().copyFrom(new float[] {1, Float.POSITIVE_INFINITY});
        assertEquals("parameter D.0.bias [2] holds NaN or infinite values",
                DivergenceGuard.checkParameters(b, List.of(w, bias)));
        bias.value().copyFrom(new float[] {1, 2});
        w.value().copyFrom(new float[] {1, Float.NaN, 3, 4});
        assertEquals("parameter D.0.weight [2, 2] holds NaN or infinite values",
                DivergenceGuard.checkParameters(b, List.of(w, bias)));
    }
}
