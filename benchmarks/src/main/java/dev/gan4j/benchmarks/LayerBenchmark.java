package dev.gan4j.benchmarks;

import dev.gan4j.api.Backend;
import dev.gan4j.api.ForwardContext;
import dev.gan4j.api.Layer;
import dev.gan4j.api.LayerCache;
import dev.gan4j.api.SeededRandom;
import dev.gan4j.api.Tensor;
import dev.gan4j.api.UnaryOp;
import dev.gan4j.core.nn.Activation;
import dev.gan4j.core.nn.Dense;
import dev.gan4j.core.nn.Gradients;
import dev.gan4j.core.nn.Initializer;
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
 * Forward and backward passes of single layers at the workloads' sizes: {@code dense:IN:OUT},
 * {@code sigmoid:N}, {@code tanh:N} or {@code leaky:N}, on batches of 100 (the tutorial) and 64
 * (the MLP GAN). {@code backward} delivers parameter gradients and the input gradient,
 * {@code backwardFrozen} only the input gradient (a frozen D in the G step) and
 * {@code backwardParameters} only parameter gradients (a network's first layer).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = "--add-modules=jdk.incubator.vector")
public class LayerBenchmark {

    @Param({"dense:784:100", "dense:100:784", "dense:1024:784", "dense:784:512", "sigmoid:784", "tanh:784",
        "leaky:1024"})
    public String layer;

    @Param({"100", "64"})
    public int batch;

    @Param({"native"})
    public String gemm;

    private Backend backend;
    private Layer subject;
    private LayerCache cache;
    private ForwardContext context;
    private Tensor input;
    private Tensor gradOutput;
    private Gradients gradients;

    @Setup(Level.Trial)
    public void setUp() {
        backend = Fixtures.ejml(gemm);
        SeededRandom random = new SeededRandom(2);
        String[] spec = layer.split(":");
        int in = Integer.parseInt(spec[1]);
        int out = spec.length > 2 ? Integer.parseInt(spec[2]) : in;
        subject = switch (spec[0]) {
            case "dense" -> new Dense(backend, "L", in, out, true, Initializer.XAVIER, random.fork("init"));
            case "sigmoid" -> new Activation(backend, UnaryOp.SIGMOID, 0f, new int[] {in});
            case "tanh" -> new Activation(backend, UnaryOp.TANH, 0f, new int[] {in});
            case "leaky" -> new Activation(backend, UnaryOp.LEAKY_RELU, 0.2f, new int[] {in});
            default -> throw new IllegalArgumentException("unknown layer spec " + layer);
        };
        cache = subject.newCache();
        context = new ForwardContext(dev.gan4j.api.Mode.TRAIN, random.fork("layers"));
        input = Fixtures.gaussian(backend, random, batch, in);
        gradOutput = Fixtures.gaussian(backend, random, batch, out);
        gradients = new Gradients(backend, subject.parameters());
        subject.forward(input, context, cache);
    }

    /** Keeps the accumulated gradients from growing without bound over an iteration's calls. */
    @Setup(Level.Iteration)
    public void zeroGradients() {
        gradients.zero();
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        backend.close();
    }

    @Benchmark
    public Tensor forward() {
        return subject.forward(input, context, cache);
    }

    @Benchmark
    public Tensor backward() {
        return subject.backward(gradOutput, cache, gradients);
    }

    @Benchmark
    public Tensor backwardFrozen() {
        return subject.backward(gradOutput, cache, null);
    }

    @Benchmark
    public void backwardParameters() {
        subject.backwardParameters(gradOutput, cache, gradients);
    }
}
