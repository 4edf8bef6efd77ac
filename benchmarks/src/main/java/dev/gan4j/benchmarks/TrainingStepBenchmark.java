package dev.gan4j.benchmarks;

import dev.gan4j.api.Backend;
import dev.gan4j.core.bench.Workload;
import dev.gan4j.core.train.AdversarialTrainer;
import dev.gan4j.core.train.IterationStats;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * One full training iteration of the {@code seed} and {@code mlp} workloads (exactly as
 * {@code gan bench} and the PyTorch peer define them). Run with {@code -prof gc}: after warm-up
 * {@code gc.alloc.rate.norm} is the bytes one iteration allocates.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = "--add-modules=jdk.incubator.vector")
public class TrainingStepBenchmark {

    @Param({"seed", "mlp"})
    public String workload;

    @Param({"native", "vector", "java"})
    public String gemm;

    private Backend backend;
    private AdversarialTrainer trainer;

    @Setup(Level.Trial)
    public void setUp() {
        backend = Fixtures.ejml(gemm);
        trainer = Workload.of(workload).trainer(backend, 42);
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        backend.close();
    }

    @Benchmark
    public IterationStats iteration() {
        return trainer.step();
    }
}
