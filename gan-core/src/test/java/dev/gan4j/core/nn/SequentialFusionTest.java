package dev.gan4j.core.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import dev.gan4j.api.Backend;
import dev.gan4j.api.ForwardContext;
import dev.gan4j.api.Layer;
import dev.gan4j.api.LayerCache;
import dev.gan4j.api.Mode;
import dev.gan4j.api.Parameter;
import dev.gan4j.api.SeededRandom;
import dev.gan4j.api.Tensor;
import dev.gan4j.api.UnaryOp;
import dev.gan4j.core.TestBackends;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@link Sequential} folds a dense layer's bias into a following sigmoid or tanh; the outputs and
 * every gradient must be the bits of running the layers one by one, on every backend. A
 * leaky ReLU (whose derivative needs its input) and a dense layer without a bias are in the chain
 * too, so that the pairs that are not fused sit next to ones that are.
 */
class SequentialFusionTest {

    static Stream<Backend> backends() {
        return TestBackends.all();
    }

    private static List<Layer> layers(Backend b) {
        SeededRandom random = new SeededRandom(11);
        return List.of(
                new Dense(b, "d0", 7, 37, true, Initializer.XAVIER, random.fork("d0")),
                new Activation(b, UnaryOp.SIGMOID, 0f, new int[] {37}),
                new Dense(b, "d1", 37, 20, true, Initializer.XAVIER, random.fork("d1")),
                new Activation(b, UnaryOp.LEAKY_RELU, 0.2f, new int[] {20}),
                new Dense(b, "d2", 20, 16, false, Initializer.XAVIER, random.fork("d2")),
                new Activation(b, UnaryOp.TANH, 0f, new int[] {16}),
                new Dense(b, "d3", 16, 3, true, Initializer.XAVIER, random.fork("d3")),
                new Activation(b, UnaryOp.TANH, 0f, new int[] {3}));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("backends")
    void foldingTheBiasIntoTheActivationChangesNoBit(Backend b) {
        List<Layer> layers = layers(b);
        ForwardContext context = new ForwardContext(Mode.TRAIN, new SeededRandom(1));
        float[] xs = new float[9 * 7];
        new SeededRandom(12).fillGaussian(xs, 0, 2);
        Tensor x = b.fromArray(xs, 9, 7);
        float[] gs = new float[9 * 3];
        new SeededRandom(13).fillGaussian(gs, 0, 1);
        Tensor gradOut = b.fromArray(gs, 9, 3);
        List<Parameter> params = new Sequential(layers).parameters();

        // the fused chain
        Sequential fused = new Sequential(layers);
        float[] fusedOut = fused.forward(x, context).toArray();
        Gradients fusedGrads = new Gradients(b, params);
        float[] fusedGradIn = fused.backward(gradOut, fusedGrads).toArray();

        // the same layers one by one, each through its own forward
        List<LayerCache> caches = new ArrayList<>();
        Tensor h = x;
        for (Layer layer : layers) {
            LayerCache c = layer.newCache();
            caches.add(c);
            h = layer.forward(h, context, c);
        }
        float[] plainOut = h.toArray();
        Gradients plainGrads = new Gradients(b, params);
        Tensor g = gradOut;
        for (int i = layers.size() - 1; i >= 0; i--) {
            g = layers.get(i).backward(g, caches.get(i), plainGrads);
        }

        assertArrayEquals(plainOut, fusedOut, "forward");
        assertArrayEquals(g.toArray(), fusedGradIn, "input gradient");
        for (Parameter p : params) {
            assertArrayEquals(plainGrads.gradient(p).toArray(), fusedGrads.gradient(p).toArray(), p.id());
        }
    }
}
