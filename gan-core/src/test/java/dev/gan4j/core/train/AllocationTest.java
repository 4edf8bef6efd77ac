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

    /**
     * Bytes this thread allocates per {@link AdversarialTrainer#step()} after {@code warmup} steps: the
     * least over {@code rounds} rounds of {@code steps} steps, since a round can catch the JIT replacing
     * compiled code (whose interpreted or C1 frames allocate what C2 keeps in registers) on a machine
     * busy with other work.
     */
    private static long bytesPerIteration(AdversarialTrainer trainer, int warmup, int rounds, int steps) {
        com.sun.management.ThreadMXBean threads = allocationCounter();
        for (int i = 0; i < warmup; i++) {
            trainer.step();
        }
        long least = Long.MAX_VALUE;
        for (int round = 0; round < rounds; round++) {
            long before = threads.getCurrentThreadAllocatedBytes();
            for (int i = 0; i < steps; i++) {
                trainer.step();
            }
            least = Math.min(least, (threads.getCurrentThreadAllocatedBytes() - before) / steps);
        }
        return least;
    }

    @Test
    void anIterationAllocatesAlmostNothing() {
        for (boolean mix : new boolean[] {true, false}) {
            AdversarialTrainer small = FreezeAndShareTest.trainer(TestBackends.any(), mix, new SquaredErrorLoss(), 5, 0);
            for (AdversarialTrainer trainer : new AdversarialTrainer[] {small, TrainerFixtures.small(TestBackends.any(), 5, 7)}) {
                long perIteration = bytesPerIteration(trainer, 20, 3, 50);
                assertTrue(perIteration <= LIMIT, "an iteration allocated " + perIteration + " bytes (mix=" + mix + ")");
            }
        }
    }

    /**
     * The convolutional path at full size on every backend: the dcgan bench workload (the peer's
     * DCGAN: convolutions and their backward passes on 64 MNIST-sized images, batch-norm2d, reshape
     * and flatten views, Adam), whose sizes take kernel paths (ejml's grouped GEMMs, nd4j's native
     * ops) that {@link ImageGanTest}'s 7×7 images do not.
     */
    @Test
    void aDcganIterationAllocatesAlmostNothingOnEveryBackend() {
        TestBackends.all().forEach(backend -> {
            try (Backend b = backend) {
                long perIteration = bytesPerIteration(Workload.DCGAN.trainer(b, 5), 8, 3, 2);
                assertTrue(perIteration <= LIMIT, "a dcgan iteration on " + b.name() + " allocated " + perIteration
                        + " bytes");
            }
        });
    }
}
