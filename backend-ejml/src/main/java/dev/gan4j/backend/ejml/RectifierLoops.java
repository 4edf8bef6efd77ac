package dev.gan4j.backend.ejml;

/**
 * ReLU and LeakyReLU, forward and backward, written so that C2 vectorises them and still gives
 * the bits of {@code x > 0 ? x : p·x} and {@code go · (x > 0 ? 1 : p)}.
 *
 * <p>C2 on Java 17 compiles a float select such as {@code v > 0f ? v : 0f} to a branch, never to a
 * vector blend (that needs the experimental {@code UseVectorCmov}), and on activations whose signs
 * are random the branch mispredicts about every other element; nor does it vectorise
 * {@code Float.floatToRawIntBits}, so sign-bit masks stay scalar. It does vectorise
 * {@link Math#max}/{@link Math#min} and multiplications, and for every input that is not NaN these
 * give the select's bits exactly:
 * <ul>
 *   <li>ReLU: {@code max(v, +0)}, +0 for −0 and for every negative, as the select;</li>
 *   <li>LeakyReLU for a slope {@code p} in (0, 1]: {@code max(v, p·v)}, since {@code p·v ≤ v} for
 *       {@code v > 0} and {@code p·v ≥ v} otherwise, with equal values having equal bits (−0 stays
 *       −0, infinities keep their sign);</li>
 *   <li>the derivative: {@code s = min(max(x·2¹²⁶·2²⁴, +0), 1)} is exactly 1 for every
 *       {@code x > 0} (the scaling is exact, and even the smallest subnormal reaches 2) and +0
 *       otherwise; {@code max(s, p)} is then 1 or p.</li>
 * </ul>
 * NaN is where these differ (the select turns it into 0 or p, {@code max} propagates it), so each
 * block of {@link #BLOCK} values is first checked: the block's sum is NaN when it holds a NaN
 * (and, harmlessly, when finite values overflow to both infinities), and such a block runs the
 * plain select instead. The check reads the block before anything is written, so the output may
 * be the input (in-place use). Other slopes (0, negative, above 1, NaN) always take the plain loops.
 */
final class RectifierLoops {

    /** Values per block: checked and then rectified while they sit in the L1 cache. */
    static final int BLOCK = 2048;
    /** 2¹²⁶ · 2²⁴ takes the smallest positive subnormal, 2⁻¹⁴⁹, to 2 without rounding. */
    private static final float SCALE_A = 0x1p126f;
    private static final float SCALE_B = 0x1p24f;

    private RectifierLoops() {
    }

    /** {@code y[i] = x[i] > 0 ? x[i] : 0}. */
    static void relu(float[] x, float[] y) {
        for (int from = 0; from < x.length; from += BLOCK) {
            int to = Math.min(x.length, from + BLOCK);
            if (noNaN(x, from, to)) {
                for (int i = from; i < to; i++) {
                    y[i] = Math.max(x[i], 0f);
                }
            } else {
                for (int i = from; i < to; i++) {
                    float v = x[i];
                    y[i] = v > 0f ? v : 0f;
                }
            }
        }
    }

    /** {@code y[i] = x[i] > 0 ? x[i] : p·x[i]}. */
    static void leakyRelu(float p, float[] x, float[] y) {
        boolean slopeFits = unitSlope(p);
        for (int from = 0; from < x.length; from += BLOCK) {
            int to = Math.min(x.length, from + BLOCK);
            if (slopeFits && noNaN(x, from, to)) {
                for (int i = from; i < to; i++) {
                    float v = x[i];
                    y[i] = Math.max(v, p * v);
                }
            } else {
                for (int i = from; i < to; i++) {
                    float v = x[i];
                    y[i] = v > 0f ? v : p * v;
                }
            }
        }
    }

    /** {@code gi[i] = go[i] · (x[i] > 0 ? 1 : 0)}. */
    static void reluBackward(float[] x, float[] go, float[] gi) {
        for (int from = 0; from < x.length; from += BLOCK) {
            int to = Math.min(x.length, from + BLOCK);
            if (noNaN(x, from, to)) {
                for (int i = from; i < to; i++) {
                    gi[i] = go[i] * Math.min(Math.max(x[i] * SCALE_A * SCALE_B, 0f), 1f);
                }
            } else {
                for (int i = from; i < to; i++) {
                    gi[i] = go[i] * (x[i] > 0f ? 1f : 0f);
                }
            }
        }
    }

    /** {@code gi[i] = go[i] · (x[i] > 0 ? 1 : p)}. */
    static void leakyReluBackward(float p, float[] x, float[] go, float[] gi) {
        boolean slopeFits = unitSlope(p);
        for (int from = 0; from < x.length; from += BLOCK) {
            int to = Math.min(x.length, from + BLOCK);
            if (slopeFits && noNaN(x, from, to)) {
                for (int i = from; i < to; i++) {
                    gi[i] = go[i] * Math.max(Math.min(Math.max(x[i] * SCALE_A * SCALE_B, 0f), 1f), p);
                }
            } else {
                for (int i = from; i < to; i++) {
                    gi[i] = go[i] * (x[i] > 0f ? 1f : p);
                }
            }
        }
    }

    /** 0 < p ≤ 1 (false for NaN). */
    static boolean unitSlope(float p) {
        return p > 0f && p <= 1f;
    }

    /**
     * False if {@code x[from..to)} holds a NaN, since NaN survives any sum; also false, needlessly
     * but rarely, when the sum meets both infinities. Eight accumulators so the additions overlap
     * (C2 keeps a float sum in order and does not vectorise it).
     */
    static boolean noNaN(float[] x, int from, int to) {
        float a0 = 0f;
        float a1 = 0f;
        float a2 = 0f;
        float a3 = 0f;
        float a4 = 0f;
        float a5 = 0f;
        float a6 = 0f;
        float a7 = 0f;
        int i = from;
        for (; i + 7 < to; i += 8) {
            a0 += x[i];
            a1 += x[i + 1];
            a2 += x[i + 2];
            a3 += x[i + 3];
            a4 += x[i + 4];
            a5 += x[i + 5];
            a6 += x[i + 6];
            a7 += x[i + 7];
        }
        for (; i < to; i++) {
            a0 += x[i];
        }
        return !Float.isNaN(((a0 + a1) + (a2 + a3)) + ((a4 + a5) + (a6 + a7)));
    }
}
