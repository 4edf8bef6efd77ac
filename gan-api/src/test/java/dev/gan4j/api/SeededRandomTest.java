package dev.gan4j.api;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** Reproducibility, checkpointing and loose statistical sanity of {@link SeededRandom}. */
class SeededRandomTest {

    private static long[] draw(SeededRandom r, int n) {
        long[] x = new long[n];
        for (int i = 0; i < n; i++) {
            x[i] = r.nextLong();
        }
        return x;
    }

    @Test
    void sameSeedGivesSameStreamAndDifferentSeedsDiffer() {
        assertArrayEquals(draw(new SeededRandom(42), 100), draw(new SeededRandom(42), 100));
        assertNotEquals(Arrays.toString(draw(new SeededRandom(42), 4)), Arrays.toString(draw(new SeededRandom(43), 4)));
        // seed 0 must still give a usable (non-zero) state
        long[] zero = draw(new SeededRandom(0), 4);
        assertTrue(Arrays.stream(zero).anyMatch(v -> v != 0), Arrays.toString(zero));
    }

    @Test
    void stateAndRestoreRoundTrip() {
        SeededRandom r = new SeededRandom(7);
        draw(r, 13);
        long[] saved = r.state();
        long[] next = draw(r, 50);
        r.restore(saved);
        assertArrayEquals(next, draw(r, 50), "restore");
        assertArrayEquals(next, draw(SeededRandom.fromState(saved), 50), "fromState");
        saved[0] ^= 1;
        assertArrayEquals(r.state(), r.state(), "state() returns a copy");
    }

    @Test
    void invalidStatesAreRejected() {
        SeededRandom r = new SeededRandom(1);
        assertThrows(IllegalArgumentException.class, () -> r.restore(new long[3]));
        assertThrows(IllegalArgumentException.class, () -> r.restore(null));
        var e = assertThrows(IllegalArgumentException.class, () -> r.restore(new long[4]));
        assertTrue(e.getMessage().contains("zero"), e.getMessage());
    }

    @Test
    void forksAreReproducibleIndependentAndLeaveTheParentAlone() {
        SeededRandom parent = new SeededRandom(99);
        long[] before = parent.state();
        long[] noise = draw(parent.fork("noise"), 64);
        assertArrayEquals(before, parent.state(), "fork must not advance the parent");
        assertArrayEquals(noise, draw(new SeededRandom(99).fork("noise"), 64), "same parent and name");
        long[] weights = draw(parent.fork("weights"), 64);
        long[] parentStream = draw(new SeededRandom(99), 64);
        int equal = 0;
        for (int i = 0; i < 64; i++) {
            equal += (noise[i] == weights[i] ? 1 : 0) + (noise[i] == parentStream[i] ? 1 : 0);
        }
        assertEquals(0, equal, "forked streams must not coincide with each other or the parent");

        // independence, loosely: the correlation of uniforms from two forks is near zero
        SeededRandom a = parent.fork("a");
        SeededRandom b = parent.fork("b");
        int n = 20_000;
        double sab = 0;
        for (int i = 0; i < n; i++) {
            sab += (a.nextDouble() - 0.5) * (b.nextDouble() - 0.5);
        }
        double correlation = sab / n / (1.0 / 12);
        assertTrue(Math.abs(correlation) < 0.05, "correlation " + correlation);
    }

    @Test
    void nextIntStaysInRangeWithoutBias() {
        SeededRandom r = new SeededRandom(5);
        int bound = 6;
        int n = 60_000;
        int[] counts = new int[bound];
        for (int i = 0; i < n; i++) {
            int v = r.nextInt(bound);
            assertTrue(v >= 0 && v < bound, "nextInt(" + bound + ") = " + v);
            counts[v]++;
        }
        double expected = (double) n / bound;
        double chi2 = 0;
        for (int c : counts) {
            chi2 += (c - expected) * (c - expected) / expected;
        }
        // 5 degrees of freedom: P(chi2 > 25) ≈ 1.4e-4
        assertTrue(chi2 < 25, "chi-square " + chi2 + " for counts " + Arrays.toString(counts));

        // a bound just above 2^31 / 2 is where modulo reduction would be visibly biased: with
        // Lemire's method the lower and upper halves stay equally likely
        int big = (1 << 30) + (1 << 29);
        int low = 0;
        for (int i = 0; i < n; i++) {
            int v = r.nextInt(big);
            assertTrue(v >= 0 && v < big, "nextInt(" + big + ") = " + v);
            low += v < big / 2 ? 1 : 0;
        }
        assertEquals(0.5, (double) low / n, 0.01, "fraction below bound/2");

        for (int i = 0; i < 100; i++) {
            assertEquals(0, r.nextInt(1));
            int v = r.nextInt(Integer.MAX_VALUE);
            assertTrue(v >= 0, "nextInt(MAX_VALUE) = " + v);
        }
        assertThrows(IllegalArgumentException.class, () -> r.nextInt(0));
        assertThrows(IllegalArgumentException.class, () -> r.nextInt(-3));
    }

    @Test
    void uniformsAndGaussiansHaveTheRightMoments() {
        SeededRandom r = new SeededRandom(2024);
        int n = 100_000;
        double sum = 0;
        double sumSq = 0;
        for (int i = 0; i < n; i++) {
            double g = r.nextGaussian();
            sum += g;
            sumSq += g * g;
        }
        double mean = sum / n;
        double variance = sumSq / n - mean * mean;
        assertEquals(0, mean, 0.02, "gaussian mean");
        assertEquals(1, variance, 0.03, "gaussian variance");

        float[] u = new float[n];
        r.fillUniform(u, -2, 3);
        double us = 0;
        for (float v : u) {
            assertTrue(v >= -2f && v < 3f, "fillUniform value " + v);
            us += v;
        }
        assertEquals(0.5, us / n, 0.03, "uniform mean");

        float[] g = new float[n];
        r.fillGaussian(g, 5, 0.5);
        double gs = 0;
        for (float v : g) {
            gs += v;
        }
        assertEquals(5, gs / n, 0.01, "fillGaussian mean");

        for (int i = 0; i < 10_000; i++) {
            float f = r.nextFloat();
            double d = r.nextDouble();
            assertTrue(f >= 0f && f < 1f, "nextFloat " + f);
            assertTrue(d >= 0 && d < 1, "nextDouble " + d);
        }
    }

    @Test
    void permutationIsAPermutationAndSeeded() {
        int[] p = new SeededRandom(3).permutation(1000);
        int[] sorted = p.clone();
        Arrays.sort(sorted);
        for (int i = 0; i < sorted.length; i++) {
            assertEquals(i, sorted[i]);
        }
        assertArrayEquals(p, new SeededRandom(3).permutation(1000));
        assertTrue(!Arrays.equals(p, sorted), "a 1000-element shuffle left everything in place");
    }
}
