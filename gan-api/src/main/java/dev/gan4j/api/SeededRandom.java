package dev.gan4j.api;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A seeded pseudo-random generator (xoshiro256**) whose whole state can be saved and restored,
 * so that a checkpointed run resumes to the same numbers.
 *
 * <p>gan4j never uses a global or backend RNG. Each consumer (initial weights, noise, shuffles,
 * dropout masks) takes its own stream with {@link #fork(String)}, so adding draws in one place
 * does not shift the numbers seen in another. The generator is not thread-safe.
 */
public final class SeededRandom {

    private long s0;
    private long s1;
    private long s2;
    private long s3;

    /** A generator whose state is derived from {@code seed} with SplitMix64. */
    public SeededRandom(long seed) {
        long x = seed;
        s0 = splitMix(x += 0x9E3779B97F4A7C15L);
        s1 = splitMix(x += 0x9E3779B97F4A7C15L);
        s2 = splitMix(x += 0x9E3779B97F4A7C15L);
        s3 = splitMix(x + 0x9E3779B97F4A7C15L);
    }

    private SeededRandom(long[] state) {
        restore(state);
    }

    /** A generator in exactly the state {@code state} (as returned by {@link #state()}). */
    public static SeededRandom fromState(long[] state) {
        return new SeededRandom(state);
    }

    /**
     * An independent stream named {@code name}: the same parent state and name always give the
     * same stream. The parent's state is not changed.
     */
    public SeededRandom fork(String name) {
        long h = 0xCBF29CE484222325L;
        for (byte b : name.getBytes(StandardCharsets.UTF_8)) {
            h = (h ^ (b & 0xFF)) * 0x100000001B3L;
        }
        return new SeededRandom(splitMix(s0 ^ h) ^ Long.rotateLeft(s1, 17) ^ Long.rotateLeft(s2, 31)
                ^ Long.rotateLeft(s3, 47));
    }

    /** The four state words; {@link #restore(long[])} or {@link #fromState(long[])} bring it back. */
    public long[] state() {
        return new long[] {s0, s1, s2, s3};
    }

    /** Sets the state to one previously returned by {@link #state()}. */
    public void restore(long[] state) {
        if (state == null || state.length != 4) {
            throw new IllegalArgumentException("random state must have 4 words, got "
                    + (state == null ? "null" : Arrays.toString(state)));
        }
        if ((state[0] | state[1] | state[2] | state[3]) == 0) {
            throw new IllegalArgumentException("random state must not be all zero");
        }
        s0 = state[0];
        s1 = state[1];
        s2 = state[2];
        s3 = state[3];
    }

    /** 64 uniformly random bits. */
    public long nextLong() {
        long result = Long.rotateLeft(s1 * 5, 7) * 9;
        long t = s1 << 17;
        s2 ^= s0;
        s3 ^= s1;
        s1 ^= s2;
        s0 ^= s3;
        s2 ^= t;
        s3 = Long.rotateLeft(s3, 45);
        return result;
    }

    /** Uniform in {@code [0, bound)}, without modulo bias. */
    public int nextInt(int bound) {
        if (bound <= 0) {
            throw new IllegalArgumentException("bound must be positive, got " + bound);
        }
        // Lemire's multiply-and-reject on 32 random bits.
        long m = (nextLong() >>> 32) * bound;
        long low = m & 0xFFFFFFFFL;
        if (low < bound) {
            long threshold = (0x100000000L - bound) % bound;
            while (low < threshold) {
                m = (nextLong() >>> 32) * bound;
                low = m & 0xFFFFFFFFL;
            }
        }
        return (int) (m >>> 32);
    }

    /** Uniform in {@code [0, 1)} with 53 random bits. */
    public double nextDouble() {
        return (nextLong() >>> 11) * 0x1.0p-53;
    }

    /** Uniform in {@code [0, 1)} with 24 random bits. */
    public float nextFloat() {
        return (nextLong() >>> 40) * 0x1.0p-24f;
    }

    /** Standard normal N(0, 1), by the Box–Muller transform (two uniforms per draw). */
    public double nextGaussian() {
        double u1 = 1.0 - nextDouble(); // (0, 1]: log is finite
        double u2 = nextDouble();
        return Math.sqrt(-2.0 * Math.log(u1)) * Math.cos(2.0 * Math.PI * u2);
    }

    /** Fills {@code dst} with N(mean, std²) draws. */
    public void fillGaussian(float[] dst, double mean, double std) {
        for (int i = 0; i < dst.length; i++) {
            dst[i] = (float) (mean + std * nextGaussian());
        }
    }

    /** Fills {@code dst} with draws uniform in {@code [lo, hi)}. */
    public void fillUniform(float[] dst, double lo, double hi) {
        double width = hi - lo;
        for (int i = 0; i < dst.length; i++) {
            dst[i] = (float) (lo + width * nextDouble());
        }
    }

    /** Shuffles {@code a} in place (Fisher–Yates). */
    public void shuffle(int[] a) {
        for (int i = a.length - 1; i > 0; i--) {
            int j = nextInt(i + 1);
            int t = a[i];
            a[i] = a[j];
            a[j] = t;
        }
    }

    /** A random permutation of {@code 0 .. n-1}. */
    public int[] permutation(int n) {
        int[] p = new int[n];
        for (int i = 0; i < n; i++) {
            p[i] = i;
        }
        shuffle(p);
        return p;
    }

    private static long splitMix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
