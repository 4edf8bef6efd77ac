package dev.gan4j.testkit;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Optional;

/**
 * Bytes a piece of code allocates on the calling thread, from the JVM's per-thread counter
 * ({@code com.sun.management.ThreadMXBean}, in HotSpot and OpenJ9).
 */
final class AllocationMeter {

    private final com.sun.management.ThreadMXBean threads;

    private AllocationMeter(com.sun.management.ThreadMXBean threads) {
        this.threads = threads;
    }

    /** A meter, or why this JVM cannot count what a thread allocates. */
    static Optional<AllocationMeter> create(StringBuilder whyNot) {
        ThreadMXBean bean = ManagementFactory.getThreadMXBean();
        if (!(bean instanceof com.sun.management.ThreadMXBean threads)) {
            whyNot.append("this JVM's ThreadMXBean (").append(bean.getClass().getName())
                    .append(") is not a com.sun.management.ThreadMXBean, so it cannot count allocated bytes");
            return Optional.empty();
        }
        if (!threads.isThreadAllocatedMemorySupported()) {
            whyNot.append("this JVM does not support counting the bytes a thread allocates");
            return Optional.empty();
        }
        try {
            threads.setThreadAllocatedMemoryEnabled(true);
        } catch (UnsupportedOperationException | SecurityException e) {
            whyNot.append("counting the bytes a thread allocates cannot be enabled: ").append(e);
            return Optional.empty();
        }
        return Optional.of(new AllocationMeter(threads));
    }

    /**
     * Runs {@code step} {@code warmUp} times, then returns the least number of bytes that
     * {@code calls} more runs allocated, over up to {@code rounds} rounds with {@code rewarm}
     * unmeasured runs before each: a one-off allocation (the JIT replacing code while the machine is
     * busy) shows in one round, code the optimising compiler has yet to reach (whose escape
     * analysis removes short-lived objects) in the first rounds, and a real allocation in all of
     * them. Stops at the first round that allocates nothing.
     */
    long leastBytes(Runnable step, int warmUp, int calls, int rounds, int rewarm) {
        for (int i = 0; i < warmUp; i++) {
            step.run();
        }
        // what reading the counter costs, so that it is not blamed on the step
        long start = threads.getCurrentThreadAllocatedBytes();
        long reading = threads.getCurrentThreadAllocatedBytes() - start;
        long least = Long.MAX_VALUE;
        for (int round = 0; round < rounds && least > 0; round++) {
            for (int i = 0; round > 0 && i < rewarm; i++) {
                step.run();
            }
            long before = threads.getCurrentThreadAllocatedBytes();
            for (int i = 0; i < calls; i++) {
                step.run();
            }
            least = Math.min(least, threads.getCurrentThreadAllocatedBytes() - before - reading);
        }
        return Math.max(least, 0);
    }
}
