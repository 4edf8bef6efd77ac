package dev.gan4j.core.train;

import dev.gan4j.api.SeededRandom;

/**
 * The {@code shuffle} stream and the one permutation buffer that D's rounds and G's epoch draw
 * their mini-batch orders into, in turn.
 */
final class Shuffles {

    private final SeededRandom random;
    private final int[] perm;

    /** @param capacity the longest permutation asked for */
    Shuffles(SeededRandom random, int capacity) {
        this.random = random;
        this.perm = new int[capacity];
    }

    /** A random permutation of {@code 0..len-1} in the first {@code len} places of the shared buffer. */
    int[] permutation(int len) {
        for (int i = 0; i < len; i++) {
            perm[i] = i;
        }
        partialShuffle(perm, len, random, len);
        return perm;
    }

    /** Sets {@code a} to the identity and shuffles its first {@code count} places: {@code count} distinct picks. */
    static void pick(int[] a, int count, SeededRandom random) {
        for (int i = 0; i < a.length; i++) {
            a[i] = i;
        }
        partialShuffle(a, count, random, a.length);
    }

    /** Fisher–Yates over the first {@code count} places of {@code a[0..len)}. */
    private static void partialShuffle(int[] a, int count, SeededRandom random, int len) {
        for (int i = 0; i < count && i < len - 1; i++) {
            int j = i + random.nextInt(len - i);
            int t = a[i];
            a[i] = a[j];
            a[j] = t;
        }
    }
}
