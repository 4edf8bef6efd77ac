package dev.gan4j.core.kernels;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.gan4j.api.Backend;
import dev.gan4j.api.BackendProvider;
import dev.gan4j.api.Backends;
import dev.gan4j.api.FusedActivationKernels;
import dev.gan4j.api.GatherKernels;
import dev.gan4j.api.OptimizerKernels;
import dev.gan4j.api.SeededRandom;
import dev.gan4j.api.Tensor;
import dev.gan4j.api.UnaryOp;
import java.lang.management.ManagementFactory;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@link PlainKernels}, the fallback gan-core composes from required operations, against the
 * kernels every backend on the test class path offers: fused activations and gathers must give
 * the same bits, optimiser updates agree to float round-off. The conformance suite in gan-api's
 * test-jar cannot run this (gan-core is not on its class path), so it lives here, with the check
 * that the fallback itself allocates nothing once warm.
 */
class PlainKernelsTest {

    /** Round-off allowed between a one-pass update and the composition: a few float ulps. */
    private static final double RELATIVE = 1e-5;
    private static final double ABSOLUTE = 1e-6;

    static Stream<Arguments> providers() {
        List<Arguments> available = Backends.discover().providers().stream()
                .filter(BackendProvider::isAvailable)
                .map(p -> Arguments.of(Named.of(p.name(), p)))
                .collect(Collectors.toList());
        assertFalse(available.isEmpty(), "no backend on gan-core's test class path");
        return available.stream();
    }

    @Test
    void bothBackendsAreOnTheTestClassPath() {
        Set<String> names = Backends.discover().providers().stream().filter(BackendProvider::isAvailable)
                .map(BackendProvider::name).collect(Collectors.toSet());
        assertTrue(names.containsAll(Set.of("ejml", "nd4j")), "available backends: " + names);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("providers")
    void fusedActivationsHaveTheBitsOfThePlainComposition(BackendProvider provider) {
        try (Backend b = provider.create(Map.of())) {
            FusedActivationKernels own = offered(b, FusedActivationKernels.class);
            PlainKernels plain = new PlainKernels(b);
            FusedActivationKernels chosen = PlainKernels.of(b, FusedActivationKernels.class);
            SeededRandom random = new SeededRandom(1);
            for (int[] shape : new int[][] {{7, 37}, {64, 784}, {3, 1}, {2, 3000}}) {
                Tensor a = gaussian(b, random, shape[0], shape[1]);
                Tensor bias = gaussian(b, random, shape[1]);
                for (UnaryOp op : UnaryOp.values()) {
                    if (op == UnaryOp.LOG || op == UnaryOp.SQRT || op == UnaryOp.POW) {
                        continue; // undefined for the negative sums here
                    }
                    Tensor expected = b.zeros(shape);
                    plain.addRowVectorUnary(op, 0.2f, a, bias, expected);
                    Tensor viaOf = b.zeros(shape);
                    chosen.addRowVectorUnary(op, 0.2f, a, bias, viaOf);
                    assertArrayEquals(expected.toArray(), viaOf.toArray(), "PlainKernels.of, " + op);
                    if (own.supports(op)) {
                        Tensor fused = b.zeros(shape);
                        own.addRowVectorUnary(op, 0.2f, a, bias, fused);
                        assertArrayEquals(expected.toArray(), fused.toArray(), b.name() + "'s own " + op);
                    }
                }
            }
        }
    }

    /**
     * A backend that fuses some activations only (here: a stand-in that fuses sigmoid, counting
     * its calls): {@link PlainKernels#of} sends those ops to it and composes the others, so a
     * caller need not ask {@link FusedActivationKernels#supports} first.
     */
    @Test
    void ofComposesTheActivationsABackendDoesNotFuse() {
        try (Backend real = Backends.discover().select("ejml", null, null).create(Map.of())) {
            int[] calls = {0};
            FusedActivationKernels sigmoidOnly = new FusedActivationKernels() {
                @Override
                public boolean supports(UnaryOp op) {
                    return op == UnaryOp.SIGMOID;
                }

                @Override
                public void addRowVectorUnary(UnaryOp op, float p, Tensor a, Tensor row, Tensor out) {
                    assertEquals(UnaryOp.SIGMOID, op, "an op the kernel does not support reached it");
                    calls[0]++;
                    real.addRowVector(a, row, out);
                    real.unary(op, p, out, out);
                }
            };
            Backend partial = (Backend) Proxy.newProxyInstance(Backend.class.getClassLoader(),
                    new Class<?>[] {Backend.class}, (proxy, method, args) -> {
                        if (method.getName().equals("kernels")) {
                            return args[0] == FusedActivationKernels.class ? Optional.of(sigmoidOnly) : Optional.empty();
                        }
                        try {
                            return method.invoke(real, args);
                        } catch (InvocationTargetException e) {
                            throw e.getCause();
                        }
                    });
            FusedActivationKernels chosen = PlainKernels.of(partial, FusedActivationKernels.class);
            SeededRandom random = new SeededRandom(7);
            Tensor a = gaussian(real, random, 4, 9);
            Tensor bias = gaussian(real, random, 9);
            for (UnaryOp op : List.of(UnaryOp.SIGMOID, UnaryOp.TANH, UnaryOp.LEAKY_RELU)) {
                assertTrue(chosen.supports(op), op.toString());
                Tensor expected = real.zeros(4, 9);
                real.addRowVector(a, bias, expected);
                real.unary(op, 0.2f, expected, expected);
                Tensor out = real.zeros(4, 9);
                chosen.addRowVectorUnary(op, 0.2f, a, bias, out);
                assertArrayEquals(expected.toArray(), out.toArray(), op.toString());
            }
            assertEquals(1, calls[0], "the backend's kernel runs the op it fuses, and only that");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("providers")
    void gatherHasTheBitsOfThePlainComposition(BackendProvider provider) {
        try (Backend b = provider.create(Map.of())) {
            GatherKernels own = offered(b, GatherKernels.class);
            assertSame(own, PlainKernels.of(b, GatherKernels.class), "PlainKernels.of takes the backend's own");
            SeededRandom random = new SeededRandom(2);
            Tensor top = gaussian(b, random, 64, 784);
            Tensor bottom = gaussian(b, random, 64, 784);
            int[] indices = new SeededRandom(3).permutation(128);
            Tensor expected = b.zeros(48, 784);
            Tensor actual = b.zeros(48, 784);
            new PlainKernels(b).gatherStackedRows(top, bottom, indices, 17, expected);
            own.gatherStackedRows(top, bottom, indices, 17, actual);
            assertArrayEquals(expected.toArray(), actual.toArray(), "gatherStackedRows");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("providers")
    void optimizerUpdatesAgreeWithThePlainComposition(BackendProvider provider) {
        try (Backend b = provider.create(Map.of())) {
            OptimizerKernels own = offered(b, OptimizerKernels.class);
            OptimizerKernels plain = new PlainKernels(b);
            // 5000 elements: above the size from which the nd4j backend's axpby calls BLAS
            for (int n : new int[] {37, 5000}) {
                for (float decay : new float[] {0f, 1e-2f}) {
                    SeededRandom random = new SeededRandom(4);
                    Tensor[] p = {gaussian(b, random, n), b.zeros(n), b.zeros(n)};
                    Tensor[] q = {b.zeros(n), b.zeros(n), b.zeros(n)};
                    for (int i = 0; i < 3; i++) {
                        b.copy(p[i], q[i]);
                    }
                    for (int t = 1; t <= 3; t++) {
                        Tensor g = gaussian(b, random, n);
                        plain.sgdUpdate(0.1f, 0.9f, decay, p[0], g, p[1]);
                        own.sgdUpdate(0.1f, 0.9f, decay, q[0], g, q[1]);
                        plain.adamUpdate(0.5f, 0.999f, 0.02f, 1.3f, 1e-8f, decay, p[0], g, p[1], p[2]);
                        own.adamUpdate(0.5f, 0.999f, 0.02f, 1.3f, 1e-8f, decay, q[0], g, q[1], q[2]);
                        plain.rmsPropUpdate(0.99f, 5e-3f, 1e-8f, decay, p[0], g, p[2]);
                        own.rmsPropUpdate(0.99f, 5e-3f, 1e-8f, decay, q[0], g, q[2]);
                    }
                    String what = b.name() + " n=" + n + " decay=" + decay;
                    assertClose(what + " w", p[0].toArray(), q[0].toArray());
                    assertClose(what + " first state", p[1].toArray(), q[1].toArray());
                    assertClose(what + " second state", p[2].toArray(), q[2].toArray());
                }
            }
        }
    }

    /**
     * Once warm, the fallback allocates nothing: its scratch tensors are kept per parameter size,
     * so alternating two sizes (a weight and a bias) must not rebuild them.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("providers")
    void thePlainCompositionAllocatesNothingOnceWarm(BackendProvider provider) {
        var bean = ManagementFactory.getThreadMXBean();
        assumeTrue(bean instanceof com.sun.management.ThreadMXBean, "no per-thread allocation counter here");
        var threads = (com.sun.management.ThreadMXBean) bean;
        assumeTrue(threads.isThreadAllocatedMemorySupported(), "allocation counting unsupported");
        threads.setThreadAllocatedMemoryEnabled(true);
        long id = Thread.currentThread().getId();
        try (Backend b = provider.create(Map.of())) {
            PlainKernels plain = new PlainKernels(b);
            SeededRandom random = new SeededRandom(5);
            Tensor w = gaussian(b, random, 100, 784);
            Tensor g = gaussian(b, random, 100, 784);
            Tensor m = b.zeros(100, 784);
            Tensor v = b.zeros(100, 784);
            Tensor bias = gaussian(b, random, 784);
            Tensor biasGrad = gaussian(b, random, 784);
            Tensor biasM = b.zeros(784);
            Tensor biasV = b.zeros(784);
            Tensor out = b.zeros(100, 784);
            Tensor half = b.zeros(50, 784);
            int[] indices = new SeededRandom(6).permutation(200);
            Map<String, Runnable> ops = new LinkedHashMap<>();
            ops.put("sgdUpdate", () -> {
                plain.sgdUpdate(1e-3f, 0.9f, 1e-4f, w, g, m);
                plain.sgdUpdate(1e-3f, 0.9f, 0f, bias, biasGrad, biasM);
            });
            ops.put("adamUpdate", () -> {
                plain.adamUpdate(0.5f, 0.999f, 1e-3f, 1.1f, 1e-8f, 1e-4f, w, g, m, v);
                plain.adamUpdate(0.5f, 0.999f, 1e-3f, 1.1f, 1e-8f, 0f, bias, biasGrad, biasM, biasV);
            });
            ops.put("rmsPropUpdate", () -> {
                plain.rmsPropUpdate(0.99f, 1e-3f, 1e-8f, 1e-4f, w, g, v);
                plain.rmsPropUpdate(0.99f, 1e-3f, 1e-8f, 0f, bias, biasGrad, biasV);
            });
            ops.put("addRowVectorUnary", () -> plain.addRowVectorUnary(UnaryOp.SIGMOID, 0f, g, bias, out));
            ops.put("gatherStackedRows", () -> plain.gatherStackedRows(w, g, indices, 7, half));
            Map<String, Long> allocated = new LinkedHashMap<>();
            for (var op : ops.entrySet()) {
                for (int i = 0; i < 200; i++) {
                    op.getValue().run();
                }
                // the least of a few rounds: a one-off JIT allocation shows in one, a real one in all
                long least = Long.MAX_VALUE;
                for (int round = 0; round < 10 && least > 0; round++) {
                    long start = threads.getThreadAllocatedBytes(id);
                    for (int i = 0; i < 20; i++) {
                        op.getValue().run();
                    }
                    least = Math.min(least, threads.getThreadAllocatedBytes(id) - start);
                }
                if (least > 0) {
                    allocated.put(op.getKey(), least);
                }
            }
            assertEquals(Map.of(), allocated, b.name() + ": bytes PlainKernels allocated over 20 warm calls");
        }
    }

    /** The backend's kernels of {@code type}; the test is skipped for a backend that offers none. */
    private static <K extends dev.gan4j.api.Kernels> K offered(Backend b, Class<K> type) {
        var own = b.kernels(type);
        assumeTrue(own.isPresent(), b.name() + " offers no " + type.getSimpleName());
        return own.get();
    }

    private static Tensor gaussian(Backend b, SeededRandom random, int... shape) {
        Tensor t = b.zeros(shape);
        float[] x = new float[t.size()];
        random.fillGaussian(x, 0, 1);
        t.copyFrom(x);
        return t;
    }

    private static void assertClose(String what, float[] expected, float[] actual) {
        assertEquals(expected.length, actual.length, what);
        for (int i = 0; i < expected.length; i++) {
            double e = expected[i];
            if (!(Math.abs(actual[i] - e) <= ABSOLUTE + RELATIVE * Math.abs(e))) {
                fail(what + ": element " + i + " expected " + e + " but was " + actual[i]);
            }
        }
    }
}
