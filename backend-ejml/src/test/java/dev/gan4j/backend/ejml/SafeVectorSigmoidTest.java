package dev.gan4j.backend.ejml;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.gan4j.api.Backend;
import dev.gan4j.api.FusedActivationKernels;
import dev.gan4j.api.SeededRandom;
import dev.gan4j.api.Tensor;
import dev.gan4j.api.UnaryOp;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongSupplier;
import org.junit.jupiter.api.Test;

/**
 * {@link SafeVectorSigmoid}'s warm-up and guard, with test doubles for the kernel: it runs a
 * kernel only once its warm-up allocates nothing, switches it off at its first allocating call,
 * and the backend's sigmoid keeps FastExp's bits whichever runs. Needs no Vector API module.
 */
class SafeVectorSigmoidTest {

    private static final int ROWS = 16;
    private static final int COLS = 100;

    /**
     * FastExp's sigmoid through its own scratch arrays, grown up front so that it allocates
     * nothing until told to; counts its calls.
     */
    private static final class StandIn implements SigmoidKernel {
        final AtomicBoolean allocate = new AtomicBoolean();
        final AtomicInteger calls = new AtomicInteger();
        private final FastExp fastExp = new FastExp();
        private final RowLoops rowLoops = new RowLoops();
        /** Where an allocating call puts its garbage, so the JIT cannot drop it. */
        volatile Object garbage;

        StandIn(boolean allocate) {
            this.allocate.set(allocate);
            float[] big = new float[ROWS * COLS];
            fastExp.sigmoid(big, big);
            rowLoops.addRowVector(big, new float[COLS], big);
        }

        @Override
        public void sigmoid(float[] x, float[] y) {
            call();
            fastExp.sigmoid(x, y);
        }

        @Override
        public void addRowVectorSigmoid(float[] x, float[] bias, float[] y) {
            call();
            rowLoops.addRowVector(x, bias, y);
            fastExp.sigmoid(y, y);
        }

        private void call() {
            calls.incrementAndGet();
            if (allocate.get()) {
                garbage = new float[4];
            }
        }
    }

    private static LongSupplier counter() {
        LongSupplier counter = SafeVectorSigmoid.jvmCounter();
        assumeTrue(counter != null, "this JVM counts no per-thread allocation");
        return counter;
    }

    private static SafeVectorSigmoid warmedUp(SigmoidKernel kernel, LongSupplier counter, long limitMillis)
            throws InterruptedException {
        SafeVectorSigmoid sigmoid = new SafeVectorSigmoid(kernel, "test sigmoid", counter,
                TimeUnit.MILLISECONDS.toNanos(limitMillis));
        assertTrue(sigmoid.awaitWarmUp(60, TimeUnit.SECONDS), "the warm-up did not end");
        return sigmoid;
    }

    /** The backend's sigmoid and fused bias and sigmoid of fixed inputs, checked against FastExp's bits. */
    private static void assertFastExpBits(Backend backend, String what) {
        SeededRandom random = new SeededRandom(21);
        float[] x = new float[ROWS * COLS];
        float[] bias = new float[COLS];
        random.fillGaussian(x, 0, 5);
        random.fillGaussian(bias, 0, 1);
        float[] plain = new float[x.length];
        new FastExp().sigmoid(x, plain);
        float[] biased = new float[x.length];
        new RowLoops().addRowVector(x, bias, biased);
        new FastExp().sigmoid(biased, biased);

        Tensor a = backend.fromArray(x, ROWS, COLS);
        Tensor out = backend.zeros(ROWS, COLS);
        backend.unary(UnaryOp.SIGMOID, 0f, a, out);
        assertArrayEquals(plain, out.toArray(), what + ": unary sigmoid");
        backend.kernels(FusedActivationKernels.class).ifPresent(fused -> {
            fused.addRowVectorUnary(UnaryOp.SIGMOID, 0f, a, backend.fromArray(bias, COLS), out);
            assertArrayEquals(biased, out.toArray(), what + ": fused bias and sigmoid");
        });
    }

    @Test
    void aSecondAllocatingCallSwitchesTheKernelOffForGoodAndTheBitsStay() throws InterruptedException {
        StandIn kernel = new StandIn(false);
        SafeVectorSigmoid sigmoid = warmedUp(kernel, counter(), 60_000);
        assertTrue(sigmoid.running(), sigmoid.describe());
        assertEquals("test sigmoid", sigmoid.describe());
        try (Backend backend = new EjmlBackend("test", EjmlOptions.parse(Map.of()), sigmoid)) {
            assertTrue(backend.kernels(FusedActivationKernels.class).isPresent(), "fused sigmoid offered");
            int before = kernel.calls.get();
            assertFastExpBits(backend, "running");
            assertEquals(before + 2, kernel.calls.get(), "the backend ran the kernel for both");
            assertEquals("test sigmoid", sigmoid.describe(), "allocation-free calls leave it on as it was");

            // unary then fused: two allocating calls in a row
            kernel.allocate.set(true);
            assertFastExpBits(backend, "allocating");
            assertEquals(before + 4, kernel.calls.get(), "the first allocating call is let pass, the second is the last");
            assertFalse(sigmoid.running());
            String activations = backend.settings().get("activations");
            assertTrue(activations.startsWith("gan4j FastExp (auto-vectorised expm1); sigmoid: test sigmoid off: call "),
                    activations);
            assertTrue(activations.endsWith(", 1 calls after another that did"), activations);
            assertFastExpBits(backend, "switched off");
            assertEquals(before + 4, kernel.calls.get(), "switched off for good");
        }
    }

    @Test
    void isolatedAllocatingCallsAreLetPass() throws InterruptedException {
        StandIn kernel = new StandIn(false);
        SafeVectorSigmoid sigmoid = warmedUp(kernel, counter(), 60_000);
        try (Backend backend = new EjmlBackend("test", EjmlOptions.parse(Map.of()), sigmoid)) {
            Tensor a = backend.zeros(2, 3);
            for (int strike = 1; strike <= 2; strike++) {
                kernel.allocate.set(true);
                backend.unary(UnaryOp.SIGMOID, 0f, a, a);
                kernel.allocate.set(false);
                assertTrue(sigmoid.running(), sigmoid.describe());
                assertTrue(sigmoid.describe().startsWith("test sigmoid (" + strike + " isolated allocating call(s) let pass"),
                        sigmoid.describe());
                for (int i = 0; i < SafeVectorSigmoid.STRIKE_WINDOW; i++) {
                    backend.unary(UnaryOp.SIGMOID, 0f, a, a);
                }
            }
            assertFastExpBits(backend, "after isolated allocations");
            assertTrue(sigmoid.running(), sigmoid.describe());
        }
    }

    @Test
    void aKernelWhoseWarmUpAllocatesNeverRunsInTheBackend() throws InterruptedException {
        StandIn kernel = new StandIn(true);
        SafeVectorSigmoid sigmoid = warmedUp(kernel, counter(), 200);
        assertFalse(sigmoid.running());
        assertTrue(sigmoid.describe().startsWith("test sigmoid off: its warm-up still allocated after 200 ms ("),
                sigmoid.describe());
        int calls = kernel.calls.get();
        assertTrue(calls > 0, "the warm-up ran it");
        try (Backend backend = new EjmlBackend("test", EjmlOptions.parse(Map.of()), sigmoid)) {
            assertFastExpBits(backend, "after a failed warm-up");
        }
        assertEquals(calls, kernel.calls.get(), "the backend never ran it");
    }

    @Test
    void withoutAnAllocationCounterTheKernelNeverRunsAndNoFusedSigmoidIsOffered() throws InterruptedException {
        StandIn kernel = new StandIn(false);
        SafeVectorSigmoid sigmoid = new SafeVectorSigmoid(kernel, "test sigmoid", null, 1_000_000_000L);
        assertTrue(sigmoid.awaitWarmUp(0, TimeUnit.SECONDS), "nothing to warm up");
        assertFalse(sigmoid.possible());
        assertEquals("test sigmoid this JVM counts no per-thread allocation to check it with", sigmoid.describe());
        try (Backend backend = new EjmlBackend("test", EjmlOptions.parse(Map.of()), sigmoid)) {
            assertTrue(backend.kernels(FusedActivationKernels.class).isEmpty());
            assertFastExpBits(backend, "no counter");
        }
        assertEquals(0, kernel.calls.get(), "never ran");
    }

    @Test
    void allocationCountingDisabledLaterSwitchesTheKernelOff() throws InterruptedException {
        LongSupplier jvm = counter();
        AtomicBoolean disabled = new AtomicBoolean();
        // what HotSpot's counter returns once someone turns allocation counting off
        LongSupplier counter = () -> disabled.get() ? -1 : jvm.getAsLong();
        StandIn kernel = new StandIn(false);
        SafeVectorSigmoid sigmoid = warmedUp(kernel, counter, 60_000);
        assertTrue(sigmoid.running(), sigmoid.describe());
        disabled.set(true);
        try (Backend backend = new EjmlBackend("test", EjmlOptions.parse(Map.of()), sigmoid)) {
            assertFastExpBits(backend, "counter disabled");
            assertFalse(sigmoid.running());
            assertEquals("test sigmoid off: allocation counting was disabled", sigmoid.describe());
        }
    }

    @Test
    void withoutTheModuleTheBackendHasFastExpAndNoFusedSigmoid() {
        try (Backend backend = new EjmlBackend("test", EjmlOptions.parse(Map.of()), null)) {
            assertEquals("gan4j FastExp (auto-vectorised expm1)", backend.settings().get("activations"));
            assertTrue(backend.kernels(FusedActivationKernels.class).isEmpty());
            assertFastExpBits(backend, "no module");
        }
    }
}
