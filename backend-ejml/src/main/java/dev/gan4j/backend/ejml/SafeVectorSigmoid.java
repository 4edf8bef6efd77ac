package dev.gan4j.backend.ejml;

import java.lang.management.ManagementFactory;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * Runs {@link VectorSigmoid} only while it is measured to allocate nothing, and otherwise tells
 * the caller to use {@link FastExp}: both give the same bits, so which one ran changes the speed
 * and never the numbers.
 *
 * <p>Vector API code allocates a heap object per vector until C2 has compiled it, about half a
 * second of calls, and on Java 17 C2 has been seen to compile it so that it boxes one vector per
 * iteration for the life of the JVM, depending on the order in which the JIT reached what. So:
 * <ol>
 * <li>a daemon thread warms the kernel up on its own arrays, over row lengths with and without a
 * tail and with and without a bias, until {@link #CLEAN_ROUNDS} rounds in a row allocate nothing
 * (the JVM's per-thread allocation counter); it gives up after {@link #WARM_UP_LIMIT_NANOS}.
 * Until then {@link #sigmoid} and {@link #addRowVectorSigmoid} return false, and the caller runs
 * FastExp: nothing allocates and nothing waits;</li>
 * <li>after that every call is measured (two reads of the counter, about 15 ns each), and a
 * call that allocates within {@link #STRIKE_WINDOW} calls of another switches the kernel off for
 * good.</li>
 * </ol>
 * Why not off at the first allocating call: the counter sees rare one-off allocations that are
 * not the kernel's. A plain Java sigmoid with no vector in it, measured the same way while another
 * thread fed the GC, showed one call with 296 bytes in 35,000. And in {@code gan bench seed}, while
 * the warm-up called the kernel directly, five runs in eight saw one call of 500 to 800 bytes at
 * about the 5,500th, just as C2 installed its code for the measuring method (the runtime relinking
 * a call inside the measurement, it seems), with no deoptimisation of the kernel logged and no
 * other allocating call; now that the warm-up measures through {@link #measured} too, so that it
 * is compiled first, none in ten. A compilation that boxes vectors, or kernel code that
 * deoptimised and runs interpreted until C2 compiles it again, allocates in every call with a
 * whole vector in it, so it is off by its second such call.
 *
 * <p>Without a per-thread allocation counter there is nothing to measure with, so the kernel never
 * runs. {@link #describe()} says which state it is in, for the backend's settings.
 *
 * <p>Thread-safe: the state is one volatile field (the call count an atomic one), the kernel
 * keeps no state, and each call is measured on the calling thread's own counter.
 */
final class SafeVectorSigmoid {

    /** Warm-up rounds in a row that must allocate nothing: enough for the callers of the kernel's loop to be compiled too. */
    static final int CLEAN_ROUNDS = 1000;
    /** How long the warm-up may take before the kernel stays off, since C2 may have boxed its vectors for good. */
    static final long WARM_UP_LIMIT_NANOS = TimeUnit.SECONDS.toNanos(5);
    /** Calls after an allocating call within which a second allocating call switches the kernel off. */
    static final int STRIKE_WINDOW = 1000;
    /** Row lengths the warm-up runs: less than one vector, whole vectors, vectors and a tail, the tutorial's widths. */
    private static final int[] WARM_UP_COLUMNS = {1, 3, 7, 8, 15, 16, 17, 31, 33, 37, 64, 100, 784};
    private static final int WARM_UP_ROWS = 3;

    private enum Phase { WARMING_UP, RUNNING, OFF }

    /** The phase and what it means, replaced as a whole. */
    private record Status(Phase phase, String detail) {
    }

    private final SigmoidKernel kernel;
    /** The calling thread's allocated bytes so far; null if the JVM cannot count them. */
    private final LongSupplier allocatedBytes;
    private final String name;
    /** How long the warm-up may take: {@link #WARM_UP_LIMIT_NANOS} but in tests. */
    private final long warmUpLimitNanos;
    private final CountDownLatch warmedUp = new CountDownLatch(1);
    /** Measured calls so far, from all threads. */
    private final AtomicLong calls = new AtomicLong();
    /** The number of the last call that allocated; guarded by this. */
    private long lastAllocatingCall = -STRIKE_WINDOW - 1L;
    /** Isolated allocating calls let pass so far; guarded by this. */
    private int tolerated;
    private volatile Status status;

    /**
     * Warms {@code kernel} up on a daemon thread for at most {@code warmUpLimitNanos}, unless
     * {@code allocatedBytes} is null.
     */
    SafeVectorSigmoid(SigmoidKernel kernel, String name, LongSupplier allocatedBytes, long warmUpLimitNanos) {
        this.kernel = kernel;
        this.name = name;
        this.allocatedBytes = allocatedBytes;
        this.warmUpLimitNanos = warmUpLimitNanos;
        if (allocatedBytes == null) {
            status = new Status(Phase.OFF, "this JVM counts no per-thread allocation to check it with");
            warmedUp.countDown();
        } else {
            status = new Status(Phase.WARMING_UP, "warming up");
            Thread t = new Thread(this::warmUp, "gan4j " + name + " warm-up");
            t.setDaemon(true);
            t.start();
        }
    }

    /**
     * The JVM's one instance on {@link VectorSigmoid}, whose warm-up starts on the first call;
     * empty without the Vector API module.
     */
    static Optional<SafeVectorSigmoid> shared() {
        return VectorApi.available() ? Optional.of(Shared.INSTANCE) : Optional.empty();
    }

    /**
     * Holds the shared instance, the one piece of static mutable state here, on purpose: what it
     * tracks, whether C2 has compiled the kernel without allocation, belongs to the JVM, not to a
     * backend, and one warm-up per JVM is enough. A holder class, so that it exists (and its thread
     * starts) only once a backend asks for it with the module present.
     */
    private static final class Shared {
        static final SafeVectorSigmoid INSTANCE = new SafeVectorSigmoid(new VectorSigmoid(),
                "Vector API sigmoid (" + VectorSigmoid.lanes() + " float lanes)", jvmCounter(), WARM_UP_LIMIT_NANOS);
    }

    /** The current thread's allocated bytes, from HotSpot's ThreadMXBean; null when unavailable or disabled. */
    static LongSupplier jvmCounter() {
        if (ManagementFactory.getThreadMXBean() instanceof com.sun.management.ThreadMXBean threads
                && threads.isThreadAllocatedMemorySupported() && threads.isThreadAllocatedMemoryEnabled()) {
            return threads::getCurrentThreadAllocatedBytes;
        }
        return null;
    }

    /** Whether the kernel can run at all in this JVM (it may still be warming up). */
    boolean possible() {
        return allocatedBytes != null;
    }

    /** Runs {@link SigmoidKernel#sigmoid} and returns true, or returns false if the caller must run FastExp. */
    boolean sigmoid(float[] x, float[] y) {
        if (status.phase != Phase.RUNNING) {
            return false;
        }
        check(measured(x, null, y));
        return true;
    }

    /** Runs {@link SigmoidKernel#addRowVectorSigmoid} and returns true, or returns false if the caller must compose it. */
    boolean addRowVectorSigmoid(float[] x, float[] bias, float[] y) {
        if (status.phase != Phase.RUNNING) {
            return false;
        }
        check(measured(x, bias, y));
        return true;
    }

    /**
     * Runs the kernel, with the bias unless it is null; the bytes that allocated, or −1 if the
     * counter is disabled. The warm-up measures through this method too, so that C2 has compiled
     * it by the time callers use it.
     */
    private long measured(float[] x, float[] bias, float[] y) {
        long before = allocatedBytes.getAsLong();
        if (bias == null) {
            kernel.sigmoid(x, y);
        } else {
            kernel.addRowVectorSigmoid(x, bias, y);
        }
        long after = allocatedBytes.getAsLong();
        return before < 0 || after < 0 ? -1 : after - before;
    }

    /**
     * Counts the call just made and, if it {@code allocated} bytes (−1: the counter is disabled),
     * lets it pass as isolated or switches the kernel off (either way its results stand: they are
     * FastExp's bits).
     */
    private void check(long allocated) {
        long call = calls.incrementAndGet();
        if (allocated != 0) {
            allocated(call, allocated);
        }
    }

    /** Synchronised (a rare path) so that two threads' allocating calls cannot turn the kernel back on. */
    private synchronized void allocated(long call, long bytes) {
        if (status.phase == Phase.OFF) {
            return;
        }
        String where = bytes + " bytes on thread " + Thread.currentThread().getName();
        if (bytes < 0) {
            status = new Status(Phase.OFF, "off: allocation counting was disabled");
        } else if (call - lastAllocatingCall <= STRIKE_WINDOW) {
            status = new Status(Phase.OFF, "off: call " + call + " allocated " + where + ", "
                    + (call - lastAllocatingCall) + " calls after another that did");
        } else {
            lastAllocatingCall = call;
            tolerated++;
            status = new Status(Phase.RUNNING, tolerated + " isolated allocating call(s) let pass, the last "
                    + where + " (call " + call + ")");
        }
    }

    /** Waits up to {@code timeout} for the warm-up to end; whether it has ended. */
    boolean awaitWarmUp(long timeout, TimeUnit unit) throws InterruptedException {
        return warmedUp.await(timeout, unit);
    }

    /** Whether the kernel runs now. */
    boolean running() {
        return status.phase == Phase.RUNNING;
    }

    /** What runs the sigmoid now, for the backend's settings. */
    String describe() {
        Status s = status;
        if (s.phase == Phase.RUNNING) {
            return s.detail.isEmpty() ? name : name + " (" + s.detail + ")";
        }
        return name + " " + s.detail;
    }

    private void warmUp() {
        try {
            status = warmUpRounds();
        } catch (RuntimeException | LinkageError e) {
            status = new Status(Phase.OFF, "off: its warm-up failed: " + e);
        } finally {
            warmedUp.countDown();
        }
    }

    /**
     * Runs the kernel on its own arrays until {@link #CLEAN_ROUNDS} rounds in a row allocate
     * nothing, or for at most {@link #warmUpLimitNanos}; the status that results.
     */
    private Status warmUpRounds() {
        int shapes = WARM_UP_COLUMNS.length;
        float[][] inputs = new float[shapes][];
        float[][] outputs = new float[shapes][];
        float[][] biases = new float[shapes][];
        for (int c = 0; c < shapes; c++) {
            int cols = WARM_UP_COLUMNS[c];
            inputs[c] = new float[WARM_UP_ROWS * cols];
            outputs[c] = new float[WARM_UP_ROWS * cols];
            biases[c] = new float[cols];
            for (int i = 0; i < inputs[c].length; i++) {
                inputs[c][i] = (i % 61) * 0.5f - 15f;
            }
            for (int j = 0; j < cols; j++) {
                biases[c][j] = (j % 7) * 0.25f - 0.75f;
            }
        }
        long start = System.nanoTime();
        int rounds = 0;
        for (int clean = 0; clean < CLEAN_ROUNDS; rounds++) {
            if (System.nanoTime() - start > warmUpLimitNanos) {
                return new Status(Phase.OFF, "off: its warm-up still allocated after "
                        + TimeUnit.NANOSECONDS.toMillis(warmUpLimitNanos) + " ms (" + rounds + " rounds)");
            }
            boolean allocated = false;
            for (int c = 0; c < shapes; c++) {
                allocated |= measured(inputs[c], biases[c], outputs[c]) != 0;
                allocated |= measured(inputs[c], null, outputs[c]) != 0;
                // in place, as a layer's activation may run
                allocated |= measured(outputs[c], biases[c], outputs[c]) != 0;
                allocated |= measured(outputs[c], null, outputs[c]) != 0;
            }
            clean = allocated ? 0 : clean + 1;
        }
        return new Status(Phase.RUNNING, "");
    }
}
