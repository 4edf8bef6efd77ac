package dev.gan4j.benchmarks;

import dev.gan4j.api.Backend;
import dev.gan4j.api.SeededRandom;
import dev.gan4j.api.Tensor;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.AuxCounters;
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
 * {@code c = op(a)·op(b)} for the shapes the two MLP workloads multiply, with each GEMM kernel of
 * the ejml backend. The {@code flops} counter is floating-point operations per second
 * ({@code 2·m·n·k} per call): divide by 1e9 for GFLOP/s.
 *
 * <p>Shapes are {@code m×k×n} with flags {@code NN}, {@code TN} (a transposed: the weight
 * gradient {@code xᵀ·dy}) or {@code NT} (b transposed: the input gradient {@code dy·Wᵀ}).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = "--add-modules=jdk.incubator.vector")
public class GemmBenchmark {

    @Param({"100x784x100:NN", "784x100x100:TN", "100x100x784:NT", "1000x100x784:NN", "100x100x784:TN",
        "64x1024x784:NN", "1024x64x784:TN", "64x784x1024:NT", "64x784x512:NN", "784x64x512:TN", "64x512x784:NT"})
    public String shape;

    @Param({"native", "vector", "java", "ejml"})
    public String gemm;

    private Backend backend;
    private boolean transposeA;
    private boolean transposeB;
    private Tensor a;
    private Tensor b;
    private Tensor c;
    private long flopsPerCall;

    /** Per-invocation counters JMH reports as rates. */
    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.OPERATIONS)
    public static class Counters {
        /** Floating-point operations done. */
        public long flops;
    }

    @Setup(Level.Trial)
    public void setUp() {
        String[] parts = shape.split(":");
        String[] mkn = parts[0].split("x");
        int m = Integer.parseInt(mkn[0]);
        int k = Integer.parseInt(mkn[1]);
        int n = Integer.parseInt(mkn[2]);
        transposeA = parts[1].charAt(0) == 'T';
        transposeB = parts[1].charAt(1) == 'T';
        backend = Fixtures.ejml(gemm);
        SeededRandom random = new SeededRandom(1);
        a = transposeA ? Fixtures.gaussian(backend, random, k, m) : Fixtures.gaussian(backend, random, m, k);
        b = transposeB ? Fixtures.gaussian(backend, random, n, k) : Fixtures.gaussian(backend, random, k, n);
        c = backend.zeros(m, n);
        flopsPerCall = 2L * m * n * k;
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        backend.close();
    }

    @Benchmark
    public Tensor multiply(Counters counters) {
        backend.gemm(transposeA, transposeB, 1f, a, b, 0f, c);
        counters.flops += flopsPerCall;
        return c;
    }
}
