package dev.gan4j.core.train;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.gan4j.core.TestBackends;
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

    @Test
    void anIterationAllocatesAlmostNothing() {
        java.lang.management.ThreadMXBean bean = ManagementFactory.getThreadMXBean();
        assumeTrue(bean instanceof com.sun.management.ThreadMXBean, "no allocation counter on this JVM");
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) bean;
        assumeTrue(threads.isThreadAllocatedMemorySupported() && threads.isThreadAllocatedMemoryEnabled());
        long thread = Thread.currentThread().getId();
        for (boolean mix : new boolean[] {true, false}) {
            AdversarialTrainer small = FreezeAndShareTest.trainer(TestBackends.any(), mix, new SquaredErrorLoss(), 5, 0);
            for (AdversarialTrainer trainer : new AdversarialTrainer[] {small, TrainerFixtures.small(TestBackends.any(), 5, 7)}) {
                for (int i = 0; i < 20; i++) {
                    trainer.step();
                }
                int iterations = 50;
                long before = threads.getThreadAllocatedBytes(thread);
                for (int i = 0; i < iterations; i++) {
                    trainer.step();
                }
                long perIteration = (threads.getThreadAllocatedBytes(thread) - before) / iterations;
                assertTrue(perIteration <= LIMIT, "an iteration allocated " + perIteration + " bytes (mix=" + mix + ")");
            }
        }
    }
}
