package dev.gan4j.backend.ejml;

import static dev.gan4j.backend.ejml.FastExp.LN2_HI;
import static dev.gan4j.backend.ejml.FastExp.LN2_LO;
import static dev.gan4j.backend.ejml.FastExp.LOG2E;
import static dev.gan4j.backend.ejml.FastExp.MAX_ARG;
import static dev.gan4j.backend.ejml.FastExp.MIN_ARG;
import static dev.gan4j.backend.ejml.FastExp.P0;
import static dev.gan4j.backend.ejml.FastExp.P1;
import static dev.gan4j.backend.ejml.FastExp.P2;
import static dev.gan4j.backend.ejml.FastExp.P3;
import static dev.gan4j.backend.ejml.FastExp.P4;
import static dev.gan4j.backend.ejml.FastExp.P5;
import static dev.gan4j.backend.ejml.FastExp.ROUND;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@link FastExp}'s sigmoid on the Vector API, with or without a bias added first: the same float
 * operations in the same order, in the vector body and in the scalar tail alike, so the bits are
 * FastExp's in every JIT tier (basic float arithmetic is exact everywhere; the Vector API's own
 * {@code EXP} is not, its scalar fallback differs from SVML in the last bit). One pass instead of
 * FastExp's two, because the Vector API does what C2's auto-vectoriser cannot on Java 17: read the
 * bits of {@code k + 1.5·2²³}, which hold the integer {@code k}, and shift them into the exponent
 * field of {@code 2ᵏ}; and the bias is added in the same pass. Measured 0.63 ns per element with
 * the bias against FastExp's 1.3 plus 0.15 for the bias pass (1000×784, AVX-512, 16 lanes).
 *
 * <p>Interpreted or C1-compiled, every vector here is a heap object, and even C2 has been seen to
 * box one per iteration in some JVMs: so nothing calls this class but {@link SafeVectorSigmoid},
 * which measures that it allocates nothing. Only loaded when {@link VectorApi#available()}: its
 * static fields are Vector API objects.
 */
final class VectorSigmoid implements SigmoidKernel {

    private static final VectorSpecies<Float> SPECIES = FloatVector.SPECIES_PREFERRED;
    /** The bits of {@link FastExp#ROUND} minus the float exponent bias. */
    private static final int ROUND_BITS_MINUS_BIAS = Float.floatToRawIntBits(ROUND) - 127;

    @Override
    public void sigmoid(float[] x, float[] y) {
        run(x, null, y, x.length);
    }

    @Override
    public void addRowVectorSigmoid(float[] x, float[] bias, float[] y) {
        run(x, bias, y, bias.length);
    }

    /** Lanes per vector, for the settings. */
    static int lanes() {
        return SPECIES.length();
    }

    /**
     * {@code y[i·cols + j] = sigmoid(x[i·cols + j] + bias[j])} row by row, without the addition
     * when {@code bias} is null (then one row, {@code cols = x.length}).
     *
     * <p>One method holds the whole kernel, rows loop included, with no helper taking or
     * returning a vector: a vector passed to a call that is not inlined is boxed. And its
     * bytecode (about 360 bytes) is over C2's {@code FreqInlineSize} (325), so C2 compiles it
     * on its own and never inlines it into a caller: a caller's compilation cannot change its
     * code, and a deoptimisation in a caller's code cannot land inside
     * {@link SafeVectorSigmoid}'s measurement and show up as this kernel's allocation (seen as
     * 488 bytes at the 5,500th call when the rows loop was a small method of its own).
     */
    private static void run(float[] x, float[] bias, float[] y, int cols) {
        int bound = SPECIES.loopBound(cols);
        for (int off = 0; off < x.length; off += cols) {
            int i = 0;
            for (; i < bound; i += SPECIES.length()) {
                FloatVector s = FloatVector.fromArray(SPECIES, x, off + i);
                if (bias != null) {
                    s = s.add(FloatVector.fromArray(SPECIES, bias, i));
                }
                FloatVector v = s.mul(-1f).max(MIN_ARG).min(MAX_ARG);
                FloatVector kr = v.mul(LOG2E).add(ROUND);
                FloatVector k = kr.sub(ROUND);
                // 2^k: the low bits of k + 1.5·2²³ hold k; shift them into the exponent field
                FloatVector scale = kr.reinterpretAsInts().sub(ROUND_BITS_MINUS_BIAS)
                        .lanewise(VectorOperators.LSHL, 23).reinterpretAsFloats();
                FloatVector r = v.sub(k.mul(LN2_HI)).sub(k.mul(LN2_LO));
                FloatVector p = FloatVector.broadcast(SPECIES, P0);
                p = p.mul(r).add(P1);
                p = p.mul(r).add(P2);
                p = p.mul(r).add(P3);
                p = p.mul(r).add(P4);
                p = p.mul(r).add(P5);
                FloatVector q = p.mul(r).mul(r).add(r);
                // 1 + e^v = 2 + expm1(v)
                FloatVector.broadcast(SPECIES, 1f).div(scale.mul(q).add(scale).add(1f)).intoArray(y, off + i);
            }
            for (; i < cols; i++) {
                y[off + i] = scalar(bias == null ? x[off + i] : x[off + i] + bias[i]);
            }
        }
    }

    /** The vector body's operations on one float, for the tail shorter than a vector. */
    private static float scalar(float s) {
        float v = Math.min(Math.max(-1f * s, MIN_ARG), MAX_ARG);
        float kr = v * LOG2E + ROUND;
        float k = kr - ROUND;
        float scale = Float.intBitsToFloat((Float.floatToRawIntBits(kr) - ROUND_BITS_MINUS_BIAS) << 23);
        float q = FastExp.expm1Reduced(v - k * LN2_HI - k * LN2_LO);
        return 1f / (scale * q + scale + 1f);
    }
}
