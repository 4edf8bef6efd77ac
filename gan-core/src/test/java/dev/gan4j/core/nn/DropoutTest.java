package dev.gan4j.core.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.gan4j.api.Backend;
import dev.gan4j.api.ForwardContext;
import dev.gan4j.api.LayerCache;
import dev.gan4j.api.Mode;
import dev.gan4j.api.SeededRandom;
import dev.gan4j.api.Tensor;
import dev.gan4j.core.TestBackends;
import java.util.Arrays;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Dropout's train and eval behaviour and its seeded masks, on every backend. */
class DropoutTest {

    static Stream<Backend> backends() {
        return TestBackends.all();
    }

    static float[] values(long seed, int n) {
        float[] x = new float[n];
        new SeededRandom(seed).fillUniform(x, 0.5, 2);
        return x;
    }

    @ParameterizedTest
    @MethodSource("backends")
    void trainModeMatchesAPlainJavaMaskFromTheSameStream(Backend b) {
        int rows = 7;
        int cols = 9;
        double rate = 0.3;
        Dropout dropout = new Dropout(b, "D.1", rate, new int[] {cols});
        float[] x = values(1, rows * cols);
        float[] up = values(2, rows * cols);
        LayerCache cache = dropout.newCache();
        float[] y = dropout.forward(b.fromArray(x, rows, cols), new ForwardContext(Mode.TRAIN, new SeededRandom(42)),
                cache).toArray();
        float[] dx = dropout.backward(b.fromArray(up, rows, cols), cache, null).toArray();

        // two entries per 64 random bits: high half first, each dropped when below rate·2³² unsigned
        SeededRandom r = new SeededRandom(42);
        float scale = (float) (1 / (1 - rate));
        long bits = 0;
        for (int i = 0; i < x.length; i++) {
            if (i % 2 == 0) {
                bits = r.nextLong();
            }
            long u = i % 2 == 0 ? bits >>> 32 : bits & 0xFFFFFFFFL;
            float mask = u < Math.round(rate * 4294967296.0) ? 0f : scale;
            assertEquals(x[i] * mask, y[i], 1e-6, "y[" + i + "]");
            assertEquals(up[i] * mask, dx[i], 1e-6, "backward uses the forward's mask at " + i);
        }
    }

    @ParameterizedTest
    @MethodSource("backends")
    void evalModeIsTheIdentityAndDrawsNothing(Backend b) {
        Dropout dropout = new Dropout(b, "D.1", 0.5, new int[] {6});
        float[] x = values(3, 24);
        SeededRandom random = new SeededRandom(5);
        long[] before = random.state();
        LayerCache cache = dropout.newCache();
        Tensor input = b.fromArray(x, 4, 6);
        Tensor y = dropout.forward(input, new ForwardContext(Mode.EVAL, random), cache);
        assertArrayEquals(x, y.toArray());
        assertNotSame(input, y, "the output is the cache's, not the caller's input");
        assertArrayEquals(before, random.state(), "eval mode must not consume randomness");
        float[] up = values(4, 24);
        assertArrayEquals(up, dropout.backward(b.fromArray(up, 4, 6), cache, null).toArray());
    }

    @ParameterizedTest
    @MethodSource("backends")
    void dropsAboutRateOfTheValuesAndKeepsTheMean(Backend b) {
        int rows = 200;
        int cols = 50;
        Dropout dropout = new Dropout(b, "D.1", 0.3, new int[] {cols});
        float[] ones = new float[rows * cols];
        Arrays.fill(ones, 1f);
        float[] y = dropout.forward(b.fromArray(ones, rows, cols), new ForwardContext(Mode.TRAIN, new SeededRandom(7)),
                dropout.newCache()).toArray();
        int zeros = 0;
        double sum = 0;
        for (float v : y) {
            zeros += v == 0f ? 1 : 0;
            sum += v;
        }
        // 10,000 Bernoulli(0.3) draws: the standard deviation of the fraction is 0.0046
        assertEquals(0.3, zeros / (double) y.length, 0.02, "fraction dropped");
        assertEquals(1.0, sum / y.length, 0.03, "inverted dropout keeps the expected value");
    }

    @ParameterizedTest
    @MethodSource("backends")
    void sameSeedGivesSameMaskAndTheStreamMovesOn(Backend b) {
        Dropout dropout = new Dropout(b, "D.1", 0.5, new int[] {10});
        Tensor x = b.fromArray(values(8, 40), 4, 10);
        ForwardContext first = new ForwardContext(Mode.TRAIN, new SeededRandom(9));
        ForwardContext again = new ForwardContext(Mode.TRAIN, new SeededRandom(9));
        float[] a = dropout.forward(x, first, dropout.newCache()).toArray();
        float[] c = dropout.forward(x, again, dropout.newCache()).toArray();
        assertArrayEquals(a, c, "one seed, one mask");
        float[] next = dropout.forward(x, first, dropout.newCache()).toArray();
        assertFalse(Arrays.equals(a, next), "the next pass draws a new mask");
    }

    @ParameterizedTest
    @MethodSource("backends")
    void rateZeroIsTheIdentityInTraining(Backend b) {
        Dropout dropout = new Dropout(b, "D.1", 0, new int[] {5});
        float[] x = values(10, 15);
        assertArrayEquals(x, dropout.forward(b.fromArray(x, 3, 5), new ForwardContext(Mode.TRAIN, new SeededRandom(1)),
                dropout.newCache()).toArray());
    }

    @ParameterizedTest
    @MethodSource("backends")
    void badRatesAndShapesAreClearErrors(Backend b) {
        assertEquals("G.2: dropout rate must be in [0, 1), got 1.0", assertThrows(IllegalArgumentException.class,
                () -> new Dropout(b, "G.2", 1.0, new int[] {5})).getMessage());
        assertEquals("rate must be in [0, 1), got -0.1", assertThrows(IllegalArgumentException.class,
                () -> new DropoutConfig(-0.1)).getMessage());
        Dropout dropout = new Dropout(b, "G.2", 0.2, new int[] {5});
        assertEquals("G.2 (dropout): expected input of 5 values per sample, got shape [2, 4]",
                assertThrows(IllegalArgumentException.class, () -> dropout.forward(b.zeros(2, 4),
                        new ForwardContext(Mode.TRAIN, new SeededRandom(1)), dropout.newCache())).getMessage());
        assertThrows(IllegalStateException.class, () -> dropout.backward(b.zeros(2, 5), dropout.newCache(), null));
    }
}
