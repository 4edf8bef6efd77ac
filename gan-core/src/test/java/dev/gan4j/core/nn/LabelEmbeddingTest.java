package dev.gan4j.core.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.gan4j.api.Backend;
import dev.gan4j.api.ForwardContext;
import dev.gan4j.api.LayerCache;
import dev.gan4j.api.LayerContext;
import dev.gan4j.api.Mode;
import dev.gan4j.api.Parameter;
import dev.gan4j.api.SeededRandom;
import dev.gan4j.core.TestBackends;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The learned label embedding against plain Java, on every backend. */
class LabelEmbeddingTest {

    static final int WIDTH = 3;
    static final int CLASSES = 4;
    static final int DIM = 2;

    static Stream<Backend> backends() {
        return TestBackends.all();
    }

    static ForwardContext ctx() {
        return new ForwardContext(Mode.TRAIN, new SeededRandom(1));
    }

    /** {@code [x, onehot(label)]} rows. */
    static float[] input(float[] x, int[] labels) {
        float[] in = new float[labels.length * (WIDTH + CLASSES)];
        for (int i = 0; i < labels.length; i++) {
            System.arraycopy(x, i * WIDTH, in, i * (WIDTH + CLASSES), WIDTH);
            in[i * (WIDTH + CLASSES) + WIDTH + labels[i]] = 1f;
        }
        return in;
    }

    @ParameterizedTest
    @MethodSource("backends")
    void replacesTheOneHotByTheLabelsRowAndLearnsOnlyTheRowsUsed(Backend b) {
        LabelEmbedding layer = new LabelEmbedding(b, "G.0", WIDTH + CLASSES, CLASSES, DIM, new SeededRandom(3));
        float[] e = layer.embedding().value().toArray();
        int[] labels = {2, 0, 2, 1, 2};
        int n = labels.length;
        float[] x = new float[n * WIDTH];
        new SeededRandom(4).fillUniform(x, -1, 1);
        float[] dy = new float[n * (WIDTH + DIM)];
        new SeededRandom(5).fillUniform(dy, -1, 1);
        LayerCache cache = layer.newCache();
        float[] y = layer.forward(b.fromArray(input(x, labels), n, WIDTH + CLASSES), ctx(), cache).toArray();
        Gradients grads = new Gradients(b, layer.parameters());
        float[] dx = layer.backward(b.fromArray(dy, n, WIDTH + DIM), cache, grads).toArray();
        float[] dE = grads.gradient(layer.embedding()).toArray();

        double[] expectedDE = new double[CLASSES * DIM];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < WIDTH; j++) {
                assertEquals(x[i * WIDTH + j], y[i * (WIDTH + DIM) + j], "features pass through, row " + i);
                assertEquals(dy[i * (WIDTH + DIM) + j], dx[i * (WIDTH + CLASSES) + j], "feature gradient, row " + i);
            }
            for (int k = 0; k < DIM; k++) {
                assertEquals(e[labels[i] * DIM + k], y[i * (WIDTH + DIM) + WIDTH + k], 1e-6, "embedding, row " + i);
                expectedDE[labels[i] * DIM + k] += dy[i * (WIDTH + DIM) + WIDTH + k];
            }
            for (int c = 0; c < CLASSES; c++) {
                double dOneHot = 0;
                for (int k = 0; k < DIM; k++) {
                    dOneHot += dy[i * (WIDTH + DIM) + WIDTH + k] * e[c * DIM + k];
                }
                assertEquals(dOneHot, dx[i * (WIDTH + CLASSES) + WIDTH + c], 1e-5, "d onehot[" + i + "," + c + "]");
            }
        }
        for (int i = 0; i < expectedDE.length; i++) {
            assertEquals(expectedDE[i], dE[i], 1e-5, "dE[" + i + "]");
        }
        for (int k = 0; k < DIM; k++) {
            assertEquals(0f, dE[3 * DIM + k], "class 3 is not in the batch, so its row gets no gradient");
        }
    }

    @ParameterizedTest
    @MethodSource("backends")
    void isAWeightDrawnFromAStandardNormal(Backend b) {
        LabelEmbedding layer = new LabelEmbedding(b, "G.0", 110, 10, 50, new SeededRandom(6));
        Parameter e = layer.embedding();
        assertEquals("G.0.embedding", e.id());
        assertEquals(Parameter.Kind.WEIGHT, e.kind());
        assertArrayEquals(new int[] {10, 50}, e.value().shape());
        double sum = 0;
        double squares = 0;
        for (float v : e.value().toArray()) {
            sum += v;
            squares += v * v;
        }
        // 500 draws: mean within 4.5 standard errors of 0, variance within 20% of 1
        assertEquals(0, sum / 500, 0.2);
        assertEquals(1, squares / 500, 0.2);
        assertArrayEquals(new int[] {100 + 50}, layer.outputShape());
    }

    @ParameterizedTest
    @MethodSource("backends")
    void isRegisteredAndRejectsAnInputWithNoRoomForTheLabel(Backend b) {
        LayerRegistry registry = LayerRegistry.discover();
        LayerContext context = new LayerContext(b, new int[] {10}, new SeededRandom(1), "D.0");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> registry.create(new LabelEmbeddingConfig(10, 5), context));
        assertEquals("D.0: label-embedding with classes=10 needs an input of features followed by 10 label columns, "
                + "but the input has only 10 values per sample", e.getMessage());
        LabelEmbedding ok = (LabelEmbedding) registry.create(new LabelEmbeddingConfig(4, 3),
                new LayerContext(b, new int[] {10}, new SeededRandom(1), "D.0"));
        assertArrayEquals(new int[] {9}, ok.outputShape());
        assertEquals("dim must be positive, got 0",
                assertThrows(IllegalArgumentException.class, () -> new LabelEmbeddingConfig(10, 0)).getMessage());
    }
}
