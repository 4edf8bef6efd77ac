package dev.gan4j.core.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import dev.gan4j.api.Backend;
import dev.gan4j.api.ForwardContext;
import dev.gan4j.api.FusedActivationKernels;
import dev.gan4j.api.Layer;
import dev.gan4j.api.LayerContext;
import dev.gan4j.api.Mode;
import dev.gan4j.api.Parameter;
import dev.gan4j.api.SeededRandom;
import dev.gan4j.api.Tensor;
import dev.gan4j.api.UnaryOp;
import dev.gan4j.core.TestBackends;
import dev.gan4j.core.kernels.PlainKernels;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A dense layer's own activation gives the bits of a linear dense layer followed by an
 * {@link Activation} layer, whether the backend adds the bias inside the activation's pass or not;
 * and a model nested in a model gives the bits of the flat one.
 */
class DenseActivationTest {

    /** How the backend offers the fused bias+activation kernel. */
    enum Offer { OWN, NONE, PLAIN }

    static Stream<Arguments> backends() {
        return TestBackends.all().flatMap(b -> Stream.of(Offer.values()).map(o -> Arguments.of(b, o)));
    }

    /** {@code b} with its fused activation kernels replaced as {@code offer} says. */
    static Backend offering(Backend b, Offer offer) {
        if (offer == Offer.OWN) {
            return b;
        }
        Backend[] self = new Backend[1];
        self[0] = (Backend) Proxy.newProxyInstance(Backend.class.getClassLoader(), new Class<?>[] {Backend.class},
                (proxy, method, args) -> {
                    if (method.getName().equals("kernels")) {
                        return args[0] == FusedActivationKernels.class && offer == Offer.PLAIN
                                ? Optional.of(new PlainKernels(self[0])) : Optional.empty();
                    }
                    try {
                        return method.invoke(b, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
        return self[0];
    }

    private static Dense dense(Backend b, String id, int in, int out, boolean bias, UnaryOp op, float p) {
        return new Dense(new LayerContext(b, new int[] {in}, new SeededRandom(11).fork(id), id), out, bias,
                Initializer.PYTORCH, op, p);
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("backends")
    void theActivationOfADenseLayerChangesNoBit(Backend real, Offer offer) {
        Backend b = offering(real, offer);
        ForwardContext context = new ForwardContext(Mode.TRAIN, new SeededRandom(1));
        int[] widths = {7, 37, 20, 16, 3};
        UnaryOp[] ops = {UnaryOp.SIGMOID, UnaryOp.LEAKY_RELU, UnaryOp.TANH, UnaryOp.TANH};
        boolean[] biases = {true, true, false, true};
        for (int k = 0; k < ops.length; k++) {
            String id = "d" + k;
            int in = widths[k];
            int out = widths[k + 1];
            Dense fused = dense(b, id, in, out, biases[k], ops[k], 0.2f);
            Dense linear = dense(b, id, in, out, biases[k], null, 0f);
            boolean expectFusion = offer != Offer.NONE && biases[k] && ops[k].derivativeFromOutput()
                    && b.kernels(FusedActivationKernels.class).map(f -> f.supports(UnaryOp.SIGMOID)).orElse(false);
            assertEquals(expectFusion, fused.fusesBias(), id + " " + ops[k]);
            Sequential two = new Sequential(List.of(linear, new Activation(b, ops[k], 0.2f, new int[] {out})));
            assertSameBits(b, fused, two, in, out, context, id + " " + ops[k] + " " + offer);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.gan4j.core.TestBackends#all")
    void aNestedModelHasTheGradientsOfTheFlatOne(Backend b) {
        ForwardContext context = new ForwardContext(Mode.TRAIN, new SeededRandom(1));
        Dense d0 = dense(b, "d0", 6, 9, true, UnaryOp.TANH, 0f);
        Activation a0 = new Activation(b, UnaryOp.LEAKY_RELU, 0.2f, new int[] {9});
        Dense d1 = dense(b, "d1", 9, 5, true, null, 0f);
        Dense d2 = dense(b, "d2", 5, 2, true, UnaryOp.SIGMOID, 0f);
        Sequential flat = new Sequential(List.of(d0, a0, d1, d2));
        Sequential nested = new Sequential(List.of(new Sequential(List.of(d0, new Sequential(List.of(a0)))),
                new Sequential(List.of(d1, d2))));
        assertEquals(flat.parameters(), nested.parameters());
        assertSameBits(b, nested, flat, 6, 2, context, "nested");
    }

    /** Forward, input gradient, parameter and parameter-only gradients of {@code a} and {@code b} agree bit for bit. */
    private static void assertSameBits(Backend backend, Layer a, Layer b, int in, int out, ForwardContext context,
            String what) {
        float[] xs = new float[9 * in];
        new SeededRandom(12).fillGaussian(xs, 0, 2);
        Tensor x = backend.fromArray(xs, 9, in);
        float[] gs = new float[9 * out];
        new SeededRandom(13).fillGaussian(gs, 0, 1);
        Tensor gradOut = backend.fromArray(gs, 9, out);
        CallSite sa = new CallSite(a);
        CallSite sb = new CallSite(b);
        assertArrayEquals(sb.forward(x, context).toArray(), sa.forward(x, context).toArray(), what + " forward");
        Gradients ga = new Gradients(backend, a.parameters());
        Gradients gb = new Gradients(backend, b.parameters());
        assertArrayEquals(sb.backward(gradOut, gb).toArray(), sa.backward(gradOut, ga).toArray(),
                what + " input gradient");
        Gradients pa = new Gradients(backend, a.parameters());
        sa.backwardParameters(gradOut, pa);
        List<Parameter> pb = b.parameters();
        for (int i = 0; i < pb.size(); i++) {
            Parameter p = a.parameters().get(i);
            assertArrayEquals(gb.gradient(pb.get(i)).toArray(), ga.gradient(p).toArray(), what + " " + p.id());
            assertArrayEquals(ga.gradient(p).toArray(), pa.gradient(p).toArray(), what + " parameter-only " + p.id());
        }
    }

    @Test
    void theJsonOptionBindsWithALeakySlope() throws Exception {
        var json = LayerConfigJsonTest.JSON;
        DenseConfig plain = json.readValue("{\"units\": 4}", DenseConfig.class);
        assertNull(plain.activation());
        assertNull(plain.slope());
        assertEquals(new DenseConfig(4, Initializer.XAVIER, true, ActivationFunction.SIGMOID, null),
                json.readValue("{\"units\": 4, \"activation\": \"sigmoid\"}", DenseConfig.class));
        assertEquals(0.2f, json.readValue("{\"units\": 4, \"activation\": \"leaky-relu\"}", DenseConfig.class).slope());
        assertEquals(0.1f, json.readValue("{\"units\": 4, \"activation\": \"leaky-relu\", \"slope\": 0.1}",
                DenseConfig.class).slope());
        ValueInstantiationException e = assertThrows(ValueInstantiationException.class,
                () -> json.readValue("{\"units\": 4, \"activation\": \"tanh\", \"slope\": 0.1}", DenseConfig.class));
        assertTrue(e.getMessage().contains("slope is only used with \"activation\": \"leaky-relu\""), e.getMessage());
        // no new fields in the JSON of a dense layer without an activation: old runs resolve as before
        assertEquals("{\"units\":4,\"init\":\"xavier\",\"bias\":true}", json.writeValueAsString(plain));
    }

    @Test
    void aDenseLayerFromJsonTakesItsActivation() {
        try (Backend b = TestBackends.any()) {
            Layer layer = new BuiltInLayerTypes.DenseType().create(new DenseConfig(3, Initializer.XAVIER, true,
                    ActivationFunction.LEAKY_RELU, 0.3f),
                    new LayerContext(b, new int[] {2}, new SeededRandom(1), "G.0"));
            Tensor y = layer.forward(b.fromArray(new float[] {-1, -1}, 1, 2), new ForwardContext(Mode.EVAL,
                    new SeededRandom(1)), layer.newCache());
            Dense dense = (Dense) layer;
            assertEquals(UnaryOp.LEAKY_RELU, dense.activation());
            float[] w = dense.weight().value().toArray();
            for (int j = 0; j < 3; j++) {
                float pre = -w[j] - w[3 + j];
                assertEquals(pre > 0 ? pre : 0.3f * pre, y.getFlat(j), 1e-6, "unit " + j);
            }
        }
    }

    @Test
    void aNestedModelWithDenseActivationsAllocatesNothingAfterWarmUp() {
        java.lang.management.ThreadMXBean bean = java.lang.management.ManagementFactory.getThreadMXBean();
        assumeTrue(bean instanceof com.sun.management.ThreadMXBean, "no allocation counter on this JVM");
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) bean;
        assumeTrue(threads.isThreadAllocatedMemorySupported() && threads.isThreadAllocatedMemoryEnabled());
        try (Backend b = TestBackends.any()) {
            for (Offer offer : Offer.values()) {
                Backend o = offering(b, offer);
                CallSite site = new CallSite(new Sequential(List.of(dense(o, "d0", 6, 9, true, UnaryOp.SIGMOID, 0f),
                        new Sequential(List.of(dense(o, "d1", 9, 5, true, UnaryOp.LEAKY_RELU, 0.2f),
                                dense(o, "d2", 5, 2, true, UnaryOp.TANH, 0f))))));
                ForwardContext context = new ForwardContext(Mode.TRAIN, new SeededRandom(1));
                Tensor x = o.zeros(8, 6);
                Tensor gradOut = o.zeros(8, 2);
                Gradients grads = new Gradients(o, site.trainableParameters());
                long thread = Thread.currentThread().getId();
                long before = 0;
                // long enough a warm-up for the JIT to have compiled the loop
                for (int i = 0; i < 3000; i++) {
                    if (i == 2500) {
                        before = threads.getThreadAllocatedBytes(thread);
                    }
                    site.forward(x, context);
                    site.backward(gradOut, grads);
                    site.backwardParameters(gradOut, grads);
                }
                long perPass = (threads.getThreadAllocatedBytes(thread) - before) / 500;
                // a proxy call boxes its floats: only the backend itself must allocate nothing
                assertTrue(perPass <= (offer == Offer.OWN ? 0 : 4096),
                        offer + ": a pass allocated " + perPass + " bytes");
            }
        }
    }
}
