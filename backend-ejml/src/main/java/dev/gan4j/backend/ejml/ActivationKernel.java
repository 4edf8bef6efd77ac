package dev.gan4j.backend.ejml;

/**
 * Sigmoid and tanh over float arrays: the two transcendental activations on every training step's
 * hot path (the tutorial's generator alone applies a sigmoid to 1.6 million values per
 * iteration). {@link #choose()} picks the fastest one the JVM can run.
 *
 * <p>Implementations are within a few float ulps of the exact values (tiny results excepted, see
 * {@link FastExp}), give the same bits in every JIT tier (a run must not depend on when the JIT
 * compiled what), may run in place ({@code x == y}) and allocate nothing once warmed up.
 */
interface ActivationKernel {

    /** {@code y[i] = 1 / (1 + e^(−x[i]))} for {@code i < x.length}. */
    void sigmoid(float[] x, float[] y);

    /** {@code y[i] = tanh x[i]} for {@code i < x.length}. */
    void tanh(float[] x, float[] y);

    /** What runs, for the backend's settings, e.g. {@code "gan4j FastExp, sigmoid on the Vector API (16 float lanes)"}. */
    String describe();

    /**
     * {@link NativeActivations} when its library loads (about 0.6 ns per sigmoid on an AVX-512
     * core), else {@link FastExp} (about 1.3 ns); the two give the same bits, so a run's numbers
     * do not depend on the choice.
     *
     * <p>Not {@link VectorActivations}, though it is as fast: Java 17's C2 sometimes compiles its
     * loop so that it boxes one vector per iteration for the life of the JVM (depending on JIT
     * order; under load, in three fresh JVMs out of three in a CI run), and a training step must
     * not allocate. It stays, tested, for a Java whose C2 does not do that.
     */
    static ActivationKernel choose() {
        return NativeActivations.availability() == null ? new NativeActivations() : new FastExp();
    }
}
