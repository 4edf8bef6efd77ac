package dev.gan4j.backend.ejml;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gan4j.api.SeededRandom;
import org.junit.jupiter.api.Test;

/**
 * {@link RectifierLoops} against the plain selects they replace, bit for bit: on every special
 * float (signed zeros, subnormals, infinities, quiet NaNs with either sign and a payload), on many
 * slopes, in place and not, on lengths that end inside a block, interpreted and compiled (300
 * rounds). Signaling NaNs are left out: arithmetic never makes one, and even the plain loop does
 * not keep one's bits across JIT tiers (C2 folds {@code g · 1} to {@code g}, which does not quiet it).
 * Nor does it keep a NaN's payload when both factors are NaN (C2 may swap them), so a NaN matches
 * any NaN; every other value must have the plain select's bits.
 */
class RectifierLoopsTest {

    private static final float[] SPECIAL = {0f, -0f, Float.MIN_VALUE, -Float.MIN_VALUE, Float.MIN_NORMAL,
        -Float.MIN_NORMAL, 1e-40f, -1e-40f, 1f, -1f, 3.5f, -3.5f, Float.MAX_VALUE, -Float.MAX_VALUE,
        Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY, Float.NaN, Float.intBitsToFloat(0xffc00001),
        Float.intBitsToFloat(0x7fc00123)};
    private static final float[] SLOPES = {0.2f, 0f, 1f, 0.01f, 0.5f, Float.MIN_VALUE, -0f, -0.5f, 1.5f, Float.NaN};

    /** Gaussians, with every special paired with every special gradient in blocks 1 and 2. */
    private static float[][] inputs(int n, long seed) {
        SeededRandom random = new SeededRandom(seed);
        float[] x = new float[n];
        float[] go = new float[n];
        for (int i = 0; i < n; i++) {
            x[i] = (float) random.nextGaussian();
            go[i] = (float) random.nextGaussian();
        }
        // block 0 stays Gaussian; block 1 holds NaNs (the plain path); block 2 every other special (the fast path)
        int at = RectifierLoops.BLOCK;
        for (float v : SPECIAL) {
            for (float g : SPECIAL) {
                if (at < n) {
                    x[at] = v;
                    go[at++] = g;
                }
            }
        }
        at = 2 * RectifierLoops.BLOCK;
        for (float v : SPECIAL) {
            for (float g : SPECIAL) {
                if (at < n && !Float.isNaN(v)) {
                    x[at] = v;
                    go[at++] = g;
                }
            }
        }
        return new float[][] {x, go};
    }

    /** Same bits; a NaN matches any NaN (below). */
    private static void assertSameBits(float[] expected, float[] actual, String what) {
        for (int i = 0; i < expected.length; i++) {
            int at = i;
            if (Float.isNaN(expected[i])) {
                assertTrue(Float.isNaN(actual[i]), () -> what + ": NaN expected at " + at);
            } else {
                assertEquals(Float.floatToRawIntBits(expected[i]), Float.floatToRawIntBits(actual[i]),
                        () -> what + ": bits differ from the plain select at " + at);
            }
        }
    }

    @Test
    void forwardGivesThePlainSelectsBits() {
        for (int n : new int[] {1, 7, RectifierLoops.BLOCK + 500, 3 * RectifierLoops.BLOCK + 13}) {
            float[] x = inputs(n, n)[0];
            float[] expected = new float[n];
            for (int i = 0; i < n; i++) {
                expected[i] = x[i] > 0f ? x[i] : 0f;
            }
            float[] y = new float[n];
            for (int round = 0; round < 300; round++) {
                RectifierLoops.relu(x, y);
            }
            assertSameBits(expected, y, "relu, n " + n);
            float[] inPlace = x.clone();
            RectifierLoops.relu(inPlace, inPlace);
            assertSameBits(expected, inPlace, "relu in place, n " + n);
            for (float p : SLOPES) {
                for (int i = 0; i < n; i++) {
                    expected[i] = x[i] > 0f ? x[i] : p * x[i];
                }
                for (int round = 0; round < 300; round++) {
                    RectifierLoops.leakyRelu(p, x, y);
                }
                assertSameBits(expected, y, "leaky relu, slope " + p + ", n " + n);
                inPlace = x.clone();
                RectifierLoops.leakyRelu(p, inPlace, inPlace);
                assertSameBits(expected, inPlace, "leaky relu in place, slope " + p + ", n " + n);
            }
        }
    }

    @Test
    void backwardGivesThePlainSelectsBits() {
        for (int n : new int[] {1, 7, RectifierLoops.BLOCK + 500, 3 * RectifierLoops.BLOCK + 13}) {
            float[][] in = inputs(n, 31L * n);
            float[] x = in[0];
            float[] go = in[1];
            float[] expected = new float[n];
            for (int i = 0; i < n; i++) {
                expected[i] = go[i] * (x[i] > 0f ? 1f : 0f);
            }
            float[] gi = new float[n];
            for (int round = 0; round < 300; round++) {
                RectifierLoops.reluBackward(x, go, gi);
            }
            assertSameBits(expected, gi, "relu backward, n " + n);
            float[] inPlace = go.clone();
            RectifierLoops.reluBackward(x, inPlace, inPlace);
            assertSameBits(expected, inPlace, "relu backward into the gradient, n " + n);
            for (float p : SLOPES) {
                for (int i = 0; i < n; i++) {
                    expected[i] = go[i] * (x[i] > 0f ? 1f : p);
                }
                for (int round = 0; round < 300; round++) {
                    RectifierLoops.leakyReluBackward(p, x, go, gi);
                }
                assertSameBits(expected, gi, "leaky relu backward, slope " + p + ", n " + n);
                inPlace = x.clone();
                RectifierLoops.leakyReluBackward(p, inPlace, go, inPlace);
                assertSameBits(expected, inPlace, "leaky relu backward into x, slope " + p + ", n " + n);
            }
        }
    }

    @Test
    void noNanFindsEveryNan() {
        float[] x = new float[37];
        x[5] = Float.MAX_VALUE;
        x[6] = Float.POSITIVE_INFINITY;
        assertTrue(RectifierLoops.noNaN(x, 0, x.length), "huge values and one infinity are no NaN");
        for (int at = 0; at < x.length; at++) {
            float[] y = x.clone();
            y[at] = Float.intBitsToFloat(0xffc00001);
            assertFalse(RectifierLoops.noNaN(y, 0, y.length), "a NaN at " + at);
            assertTrue(RectifierLoops.noNaN(y, 0, at), "none before " + at);
        }
    }

    @Test
    void theSlopeRangeIsZeroExcludedToOneIncluded() {
        assertTrue(RectifierLoops.unitSlope(1f));
        assertTrue(RectifierLoops.unitSlope(Float.MIN_VALUE));
        assertFalse(RectifierLoops.unitSlope(0f));
        assertFalse(RectifierLoops.unitSlope(-0f));
        assertFalse(RectifierLoops.unitSlope(Float.NaN));
        assertFalse(RectifierLoops.unitSlope(1.0000001f));
    }
}
