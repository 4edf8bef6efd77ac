package dev.gan4j.core.bench;

import dev.gan4j.api.Backend;
import dev.gan4j.core.train.AdversarialTrainer;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;

/** Times a {@link Workload}: warm-up iterations, then repeats of timed iterations. */
public final class Bench {

    private Bench() {
    }

    /**
     * Builds the workload's trainer on {@code backend} from {@code seed}, runs {@code warmup}
     * iterations untimed, then {@code repeats} times {@code iterations} timed ones (one trainer
     * throughout: training goes on, and the time of a step does not depend on the weights).
     * Only the training steps are timed, not building the model or the data. Wall-clock and
     * the thread's CPU time are both recorded: on a machine shared with other work the CPU time
     * is the steadier figure.
     *
     * @throws IllegalArgumentException if a count is out of range
     */
    public static BenchResult run(Workload workload, Backend backend, int iterations, int warmup, int repeats,
            long seed) {
        if (iterations < 1 || warmup < 0 || repeats < 1) {
            throw new IllegalArgumentException("bench needs iterations >= 1, warmup >= 0 and repeats >= 1, got "
                    + iterations + ", " + warmup + ", " + repeats);
        }
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        boolean cpu = threads.isCurrentThreadCpuTimeSupported() && threads.isThreadCpuTimeEnabled();
        AdversarialTrainer trainer = workload.trainer(backend, seed);
        for (int i = 0; i < warmup; i++) {
            trainer.step();
        }
        double[] seconds = new double[repeats];
        double[] cpuSeconds = new double[cpu ? repeats : 0];
        for (int r = 0; r < repeats; r++) {
            long cpuStart = cpu ? threads.getCurrentThreadCpuTime() : 0;
            long start = System.nanoTime();
            for (int i = 0; i < iterations; i++) {
                trainer.step();
            }
            seconds[r] = (System.nanoTime() - start) / 1e9 / iterations;
            if (cpu) {
                cpuSeconds[r] = (threads.getCurrentThreadCpuTime() - cpuStart) / 1e9 / iterations;
            }
        }
        return new BenchResult(workload.key(), backend.name(), backend.version(), backend.settings(), iterations,
                warmup, seconds, cpuSeconds);
    }
}
