package dev.gan4j.core.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gan4j.api.Backend;
import dev.gan4j.api.ForwardContext;
import dev.gan4j.api.LayerCache;
import dev.gan4j.api.LayerConfig;
import dev.gan4j.api.LayerContext;
import dev.gan4j.api.Mode;
import dev.gan4j.api.SeededRandom;
import dev.gan4j.api.Tensor;
import dev.gan4j.core.TestBackends;
import dev.gan4j.core.train.GanModel;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * DiffAugment's random translation and cutout: hand-computed shifts, the draws a forward pass takes
 * from its stream, the adjoint backward pass, eval mode, and bad configurations. Gradients and
 * conformance are checked with the other image layers in {@link ImageLayersTest}.
 */
class RandomTranslateTest {

    static Stream<Backend> backends() {
        return TestBackends.all();
    }

    static RandomTranslate layer(Backend b, double fraction, double cutout, int... shape) {
        return new RandomTranslate(new LayerContext(b, shape, new SeededRandom(1), "D.0"), fraction, cutout);
    }

    static ForwardContext train(long seed) {
        return new ForwardContext(Mode.TRAIN, new SeededRandom(seed));
    }

    @Test
    void shiftMovesAPlaneAsHandComputed() {
        float[] plane = {
            1, 2, 3, 4,
            5, 6, 7, 8,
            9, 10, 11, 12,
        };
        // two planes, the second one moved: the first must stay untouched
        float[] src = new float[24];
        System.arraycopy(plane, 0, src, 12, 12);
        float[] dst = new float[24];
        Arrays.fill(dst, -7f);
        RandomTranslate.shift(src, dst, 12, 3, 4, 1, -2);
        float[] downOneLeftTwo = {
            0, 0, 0, 0,
            3, 4, 0, 0,
            7, 8, 0, 0,
        };
        assertArrayEquals(downOneLeftTwo, Arrays.copyOfRange(dst, 12, 24), "output (y, x) = input (y - 1, x + 2)");
        for (int i = 0; i < 12; i++) {
            assertEquals(-7f, dst[i], "outside the plane at " + i);
        }
        RandomTranslate.shift(src, dst, 12, 3, 4, -1, 1);
        float[] upOneRightOne = {
            0, 5, 6, 7,
            0, 9, 10, 11,
            0, 0, 0, 0,
        };
        assertArrayEquals(upOneRightOne, Arrays.copyOfRange(dst, 12, 24), "output (y, x) = input (y + 1, x - 1)");
        RandomTranslate.shift(src, dst, 12, 3, 4, 0, 4);
        assertArrayEquals(new float[12], Arrays.copyOfRange(dst, 12, 24), "a shift of the whole width");
        RandomTranslate.shift(src, dst, 12, 3, 4, 0, 0);
        assertArrayEquals(plane, Arrays.copyOfRange(dst, 12, 24), "no shift");
    }

    /** {@code <S x, g> = <x, S' g>} with {@code S'} the shift by {@code (-dy, -dx)}, for every shift. */
    @Test
    void theOppositeShiftIsTheAdjoint() {
        int h = 5;
        int w = 6;
        float[] x = ImageLayersTest.uniform(1, h * w);
        float[] g = ImageLayersTest.uniform(2, h * w);
        float[] sx = new float[h * w];
        float[] sg = new float[h * w];
        for (int dy = -h; dy <= h; dy++) {
            for (int dx = -w; dx <= w; dx++) {
                RandomTranslate.shift(x, sx, 0, h, w, dy, dx);
                RandomTranslate.shift(g, sg, 0, h, w, -dy, -dx);
                assertEquals(dot(sx, g), dot(x, sg), 1e-5, "shift " + dy + ", " + dx);
            }
        }
    }

    private static double dot(float[] a, float[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += (double) a[i] * b[i];
        }
        return s;
    }

    /**
     * The layer against a plain-Java reference of its documented draws: per sample {@code dy} then
     * {@code dx} as {@code nextInt(2s + 1) − s}, then the cut square's centre row and column.
     */
    @ParameterizedTest
    @MethodSource("backends")
    void trainModeMovesEachSampleByItsDrawsAndBackwardIsTheAdjoint(Backend b) {
        int n = 9;
        int c = 2;
        int h = 5;
        int w = 6;
        for (double cutout : new double[] {0, 0.5}) {
            // s = round(1.25) = 1 rows, round(1.5) = 2 columns; cut round(2.5) = 3 x 3
            RandomTranslate layer = layer(b, 0.25, cutout, c, h, w);
            float[] x = ImageLayersTest.uniform(3, n * c * h * w);
            float[] up = ImageLayersTest.uniform(4, n * c * h * w);
            LayerCache cache = layer.newCache();
            float[] y = layer.forward(b.fromArray(x, n, c, h, w), train(42), cache).toArray();
            float[] dx = layer.backward(b.fromArray(up, n, c, h, w), cache, null).toArray();

            SeededRandom r = new SeededRandom(42);
            float[] expectedY = new float[y.length];
            float[] expectedDx = new float[y.length];
            for (int s = 0; s < n; s++) {
                int dyS = r.nextInt(3) - 1;
                int dxS = r.nextInt(5) - 2;
                boolean[][] cut = new boolean[h][w];
                if (cutout > 0) {
                    int top = r.nextInt(h) - 1; // odd side 3: centre in [0, h - 1], rows centre - 1 .. centre + 1
                    int left = r.nextInt(w) - 1;
                    for (int i = Math.max(0, top); i < Math.min(h, top + 3); i++) {
                        for (int j = Math.max(0, left); j < Math.min(w, left + 3); j++) {
                            cut[i][j] = true;
                        }
                    }
                }
                for (int ch = 0; ch < c; ch++) {
                    int base = (s * c + ch) * h * w;
                    for (int i = 0; i < h; i++) {
                        for (int j = 0; j < w; j++) {
                            int si = i - dyS;
                            int sj = j - dxS;
                            if (!cut[i][j] && si >= 0 && si < h && sj >= 0 && sj < w) {
                                expectedY[base + i * w + j] = x[base + si * w + sj];
                                // the input value at (si, sj) reached output (i, j): its gradient comes from there
                                expectedDx[base + si * w + sj] = up[base + i * w + j];
                            }
                        }
                    }
                }
            }
            String where = "cutout " + cutout + ": ";
            assertArrayEquals(expectedY, y, where + "output");
            assertArrayEquals(expectedDx, dx, where + "input gradient");
            assertFalse(Arrays.equals(x, y), where + "something moved");
        }
    }

    /** One marked pixel per sample shows its shift: every shift in [-s, s]² occurs, and no other, alike in every channel. */
    @ParameterizedTest
    @MethodSource("backends")
    void shiftsAreUniformOverMinusSToSAndSharedByTheChannels(Backend b) {
        int n = 4000;
        int h = 28;
        int w = 28;
        // DiffAugment on MNIST: round(0.125 · 28) = round(3.5) = 4
        RandomTranslate layer = layer(b, 0.125, 0, 2, h, w);
        float[] x = new float[n * 2 * h * w];
        for (int s = 0; s < 2 * n; s++) {
            x[s * h * w + 14 * w + 14] = 1f;
        }
        float[] y = layer.forward(b.fromArray(x, n, 2, h, w), train(8), layer.newCache()).toArray();
        int[][] counts = new int[9][9];
        for (int s = 0; s < n; s++) {
            int[] first = marked(y, (2 * s) * h * w, h, w);
            int[] second = marked(y, (2 * s + 1) * h * w, h, w);
            assertArrayEquals(first, second, "sample " + s + ": both channels move alike");
            int dy = first[0] - 14;
            int dx = first[1] - 14;
            assertTrue(Math.abs(dy) <= 4 && Math.abs(dx) <= 4, "sample " + s + " moved by " + dy + ", " + dx);
            counts[dy + 4][dx + 4]++;
        }
        // 4,000 draws over 81 shifts: about 49 each, standard deviation 7
        for (int[] row : counts) {
            for (int count : row) {
                assertTrue(count > 20 && count < 85, Arrays.deepToString(counts));
            }
        }
    }

    /** The row and column of the one value 1 in the plane at {@code base}. */
    private static int[] marked(float[] y, int base, int h, int w) {
        int[] at = null;
        for (int i = 0; i < h * w; i++) {
            if (y[base + i] != 0f) {
                assertEquals(1f, y[base + i]);
                assertEquals(null, at, "one marked pixel");
                at = new int[] {i / w, i % w};
            }
        }
        assertTrue(at != null, "the marked pixel stays inside");
        return at;
    }

    /** DiffAugment's cutout of half the side: a square of 4 x 4 on 8 x 8, clipped to 2 to 4 rows and columns. */
    @ParameterizedTest
    @MethodSource("backends")
    void cutoutZeroesOneClippedSquarePerSample(Backend b) {
        int n = 2000;
        int side = 8;
        RandomTranslate layer = layer(b, 0, 0.5, 1, side, side);
        float[] ones = new float[n * side * side];
        Arrays.fill(ones, 1f);
        float[] y = layer.forward(b.fromArray(ones, n, 1, side, side), train(9), layer.newCache()).toArray();
        int[] cutTimes = new int[side * side];
        for (int s = 0; s < n; s++) {
            int top = side;
            int bottom = -1;
            int left = side;
            int right = -1;
            int zeros = 0;
            for (int i = 0; i < side * side; i++) {
                if (y[s * side * side + i] == 0f) {
                    zeros++;
                    cutTimes[i]++;
                    top = Math.min(top, i / side);
                    bottom = Math.max(bottom, i / side);
                    left = Math.min(left, i % side);
                    right = Math.max(right, i % side);
                }
            }
            int rows = bottom - top + 1;
            int columns = right - left + 1;
            assertEquals(rows * columns, zeros, "sample " + s + ": the zeros are one rectangle");
            assertTrue(rows >= 2 && rows <= 4 && columns >= 2 && columns <= 4, "sample " + s + ": " + rows + " x "
                    + columns);
            assertTrue(rows == 4 || top == 0 || bottom == side - 1, "a shorter square is clipped at a border");
            assertTrue(columns == 4 || left == 0 || right == side - 1, "a narrower square is clipped at a border");
        }
        for (int i = 0; i < side * side; i++) {
            assertTrue(cutTimes[i] > 0, "every pixel is cut now and then: " + Arrays.toString(cutTimes));
        }
    }

    @ParameterizedTest
    @MethodSource("backends")
    void evalModeIsTheIdentityAndDrawsNothing(Backend b) {
        RandomTranslate layer = layer(b, 0.125, 0.5, 2, 4, 4);
        float[] x = ImageLayersTest.uniform(5, 3 * 32);
        SeededRandom random = new SeededRandom(5);
        long[] before = random.state();
        LayerCache cache = layer.newCache();
        Tensor input = b.fromArray(x, 3, 2, 4, 4);
        Tensor y = layer.forward(input, new ForwardContext(Mode.EVAL, random), cache);
        assertArrayEquals(x, y.toArray());
        assertNotSame(input, y, "the output is the cache's, not the caller's input");
        assertArrayEquals(before, random.state(), "eval mode must not consume randomness");
        float[] up = ImageLayersTest.uniform(6, 3 * 32);
        assertArrayEquals(up, layer.backward(b.fromArray(up, 3, 2, 4, 4), cache, null).toArray());
    }

    @ParameterizedTest
    @MethodSource("backends")
    void fractionZeroIsTheIdentityInTrainingAndDrawsNothing(Backend b) {
        RandomTranslate layer = layer(b, 0, 0, 1, 5, 5);
        float[] x = ImageLayersTest.uniform(7, 2 * 25);
        SeededRandom random = new SeededRandom(3);
        long[] before = random.state();
        LayerCache cache = layer.newCache();
        assertArrayEquals(x, layer.forward(b.fromArray(x, 2, 1, 5, 5), new ForwardContext(Mode.TRAIN, random), cache)
                .toArray());
        assertArrayEquals(before, random.state());
        float[] up = ImageLayersTest.uniform(8, 2 * 25);
        assertArrayEquals(up, layer.backward(b.fromArray(up, 2, 1, 5, 5), cache, null).toArray());
        // a fraction too small to round to one pixel moves nothing either
        RandomTranslate small = layer(b, 0.05, 0, 1, 5, 5);
        assertArrayEquals(x, small.forward(b.fromArray(x, 2, 1, 5, 5), train(3), small.newCache()).toArray());
    }

    @ParameterizedTest
    @MethodSource("backends")
    void sameSeedGivesTheSameShiftsAndTheStreamMovesOn(Backend b) {
        RandomTranslate layer = layer(b, 0.25, 0.5, 1, 8, 8);
        Tensor x = b.fromArray(ImageLayersTest.uniform(9, 6 * 64), 6, 1, 8, 8);
        ForwardContext first = train(11);
        float[] a = layer.forward(x, first, layer.newCache()).toArray();
        float[] again = layer.forward(x, train(11), layer.newCache()).toArray();
        assertArrayEquals(a, again, "one seed, one draw");
        float[] next = layer.forward(x, first, layer.newCache()).toArray();
        assertFalse(Arrays.equals(a, next), "the next pass draws anew");
    }

    /** A discriminator's samples often arrive flat: the layer reads them as its images, and hands the gradient back flat. */
    @ParameterizedTest
    @MethodSource("backends")
    void readsFlatSamplesAsItsImages(Backend b) {
        RandomTranslate layer = layer(b, 0.25, 0.5, 2, 4, 5);
        float[] x = ImageLayersTest.uniform(10, 3 * 40);
        float[] image = layer.forward(b.fromArray(x, 3, 2, 4, 5), train(12), layer.newCache()).toArray();
        LayerCache cache = layer.newCache();
        Tensor y = layer.forward(b.fromArray(x, 3, 40), train(12), cache);
        assertArrayEquals(new int[] {3, 2, 4, 5}, y.shape());
        assertArrayEquals(image, y.toArray());
        assertArrayEquals(new int[] {3, 40}, layer.backward(b.fromArray(ImageLayersTest.uniform(11, 120), 3, 2, 4, 5), cache, null)
                .shape());
    }

    @ParameterizedTest
    @MethodSource("backends")
    void badConfigurationsAreClearErrors(Backend b) {
        assertEquals("D.0 (random-translate): fraction must be in [0, 0.5], got 0.6",
                assertThrows(IllegalArgumentException.class, () -> layer(b, 0.6, 0, 1, 4, 4)).getMessage());
        assertEquals("D.0 (random-translate): fraction must be in [0, 0.5], got -0.1",
                assertThrows(IllegalArgumentException.class, () -> layer(b, -0.1, 0, 1, 4, 4)).getMessage());
        assertEquals("D.0 (random-translate): cutout must be in [0, 1], got 1.5",
                assertThrows(IllegalArgumentException.class, () -> layer(b, 0.125, 1.5, 1, 4, 4)).getMessage());
        assertEquals("fraction must be in [0, 0.5], got NaN", assertThrows(IllegalArgumentException.class,
                () -> new RandomTranslateConfig(Double.NaN, 0)).getMessage());
        assertEquals("cutout must be in [0, 1], got -0.5", assertThrows(IllegalArgumentException.class,
                () -> new RandomTranslateConfig(0.125, -0.5)).getMessage());
        assertEquals("needs an image input [C, H, W], got [784]; put a reshape before it "
                + "(e.g. {\"type\": \"reshape\", \"shape\": [1, 28, 28]})", assertThrows(IllegalArgumentException.class,
                        () -> layer(b, 0.125, 0, 784)).getMessage());
        RandomTranslate layer = layer(b, 0.125, 0, 1, 4, 4);
        assertEquals("D.0 (random-translate): expected input of 16 values per sample, got shape [2, 15]",
                assertThrows(IllegalArgumentException.class, () -> layer.forward(b.zeros(2, 15), train(1),
                        layer.newCache())).getMessage());
        assertEquals("D.0 (random-translate): backward called before forward", assertThrows(
                IllegalStateException.class, () -> layer.backward(b.zeros(2, 16), layer.newCache(), null)).getMessage());
    }

    @Test
    void onFlatSamplesThePlanNamesTheLayer() {
        List<LayerConfig> generator = List.of(new DenseConfig(49, Initializer.DCGAN, true));
        List<LayerConfig> discriminator = List.of(new RandomTranslateConfig(0.125, 0),
                new DenseConfig(1, Initializer.DCGAN, true));
        ModelShapeException flat = assertThrows(ModelShapeException.class,
                () -> GanModel.plan(generator, discriminator, 4, new int[] {49}, 0, LayerRegistry.discover()));
        assertEquals("$.discriminator[0]", flat.jsonPath());
        assertTrue(flat.getMessage().startsWith("random-translate: needs an image input [C, H, W], got [49]; put a "
                + "reshape before it"), flat.getMessage());
        // on images it plans, holding no parameters
        List<LayerConfig> images = List.of(new RandomTranslateConfig(0.125, 0.5), new FlattenConfig(),
                new DenseConfig(1, Initializer.DCGAN, true));
        List<LayerConfig> imageGenerator = List.of(new DenseConfig(49, Initializer.DCGAN, true),
                new ReshapeConfig(List.of(1, 7, 7)));
        LayerPlan first = GanModel.plan(imageGenerator, images, 4, new int[] {1, 7, 7}, 0, LayerRegistry.discover())
                .discriminator().get(0);
        assertArrayEquals(new int[] {1, 7, 7}, first.outputShape());
        assertEquals(0, first.parameterValues());
    }
}
