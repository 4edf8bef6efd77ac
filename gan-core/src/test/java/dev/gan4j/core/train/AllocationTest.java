package dev.gan4j.core.train;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.gan4j.api.Backend;
import dev.gan4j.core.TestBackends;
import dev.gan4j.core.bench.Workload;
import dev.gan4j.core.loss.SquaredErrorLoss;
import java.lang.management.ManagementFactory;
import org.junit.jupiter.api.Test;

/**
 * After warm-up a training iteration allocates no tensors and next to nothing else: only its
 * {@link IterationStats}. Guards against strings, iterators or arrays creeping into the hot loop.
 */
class AllocationTest {

    /** IterationStats is ~56 bytes; anything per op or per mini-batch would be far above this. */
    private static final long LIMIT = 256;

    private static com.sun.management.ThreadMXBean allocationCounter() {
        java.lang.management.ThreadMXBean bean = ManagementFactory.getThreadMXBean();
        assumeTrue(bean instanceof com.sun.management.ThreadMXBean, "no allocation counter on this JVM");
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) bean;
        assumeTrue(threads.isThreadAllocatedMemorySupported() && threads.isThreadAllocatedMemoryEnabled());
        return threads;
    }

    /** Bytes this thread allocates per {@link AdversarialTrainer#step()} after {@code warmup} steps. */
    private static long bytesPerIteration(AdversarialTrainer trainer, int warmup, int iterations) {
        com.sun.management.ThreadMXBean threads = allocationCounter();
        long thread = Thread.currentThread().getId();
        for (int i = 0; i < warmup; i++) {
            trainer.step();
        }
        long before = threads.getThreadAllocatedBytes(thread);
        for (int i = 0; i < iterations; i++) {
            trainer.step();
        }
        return (threads.getThreadAllocatedBytes(thread) - before) / iterations;
    }

    @Test
    void anIterationAllocatesAlmostNothing() {
        for (boolean mix : new boolean[] {true, false}) {
            AdversarialTrainer small = FreezeAndShareTest.trainer(TestBackends.any(), mix, new SquaredErrorLoss(), 5, 0);
            for (AdversarialTrainer trainer : new AdversarialTrainer[] {small, TrainerFixtures.small(TestBackends.any(), 5, 7)}) {
                long perIteration = bytesPerIteration(trainer, 20, 50);
                assertTrue(perIteration <= LIMIT, "an iteration allocated " + perIteration + " bytes (mix=" + mix + ")");
            }
        }
    }

    /**
     * The convolutional path (convolutions and their backward passes, batch-norm2d, reshape and
     * flatten views, Adam) on every backend: the dcgan bench workload, the peer's DCGAN.
     */
    @Test
    void aDcganIterationAllocatesAlmostNothingOnEveryBackend() {
        TestBackends.all().forEach(backend -> {
            try (Backend b = backend) {
                long perIteration = bytesPerIteration(Workload.DCGAN.trainer(b, 5), 15, 10);
                assertTrue(perIteration <= LIMIT, "a dcgan iteration on " + b.name() + " allocated " + perIteration
                        + " bytes");
            }
        });
    }
}
