package dev.gan4j.backend.nd4j;

import dev.gan4j.api.Backend;
import dev.gan4j.api.SeededRandom;
import dev.gan4j.api.Tensor;
import dev.gan4j.api.UnaryOp;
import java.lang.management.ManagementFactory;
import java.util.Locale;
import java.util.Map;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.transforms.strict.Sigmoid;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A quick, repeatable speed check of this backend (not a test; the JMH benchmarks are the real
 * measurement): GEMM throughput on the GAN's shapes through the backend and through
 * {@code Nd4j.gemm}, and the per-call cost of a small element-wise op, for a thread count.
 *
 * <pre>
 * mvn -q -o -pl backend-nd4j -am test-compile -DskipTests
 * mvn -q -o -pl backend-nd4j dependency:build-classpath -Dmdep.outputFile=/tmp/cp.txt
 * java -cp backend-nd4j/target/test-classes:backend-nd4j/target/classes:$(cat /tmp/cp.txt) \
 *     dev.gan4j.backend.nd4j.Nd4jSpeedCheck 1
 * </pre>
 *
 * Timings are the best of several repeats, which is the least disturbed by other processes.
 */
final class Nd4jSpeedCheck {

    private static final int REPEATS = 7;
    private static final com.sun.management.ThreadMXBean THREADS =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

    private Nd4jSpeedCheck() {
    }

    public static void main(String[] args) {
        int threads = args.length > 0 ? Integer.parseInt(args[0]) : Nd4jBackendProvider.DEFAULT_THREADS;
        try (Backend backend = new Nd4jBackendProvider().create(Map.of("threads", Integer.toString(threads)))) {
            System.out.println("settings " + backend.settings());
            SeededRandom random = new SeededRandom(1);
            int[][] shapes = {{128, 784, 512}, {64, 1024, 784}, {100, 784, 100}, {100, 100, 784}};
            for (int[] s : shapes) {
                gemm(backend, random, s[0], s[1], s[2]);
            }
            elementwise(backend, random);
        }
    }

    private static void gemm(Backend backend, SeededRandom random, int m, int k, int n) {
        Tensor a = gaussian(backend, random, m, k);
        Tensor b = gaussian(backend, random, k, n);
        Tensor c = backend.zeros(m, n);
        int calls = (int) Math.max(20, 4e8 / (2.0 * m * k * n));
        double flops = 2.0 * m * k * n;
        Timing viaBackend = time(calls, () -> backend.gemm(false, false, 1f, a, b, 0f, c));
        INDArray na = a.unwrap(INDArray.class);
        INDArray nb = b.unwrap(INDArray.class);
        INDArray nc = c.unwrap(INDArray.class);
        Timing viaNd4j = time(calls, () -> Nd4j.gemm(na, nb, nc, false, false, 1.0, 0.0));
        System.out.printf(Locale.ROOT, "gemm %dx%d·%dx%d: backend %.1f GFLOP/s (%d B/call), Nd4j.gemm %.1f GFLOP/s (%d B/call)%n",
                m, k, k, n, flops / viaBackend.nanos, viaBackend.bytes, flops / viaNd4j.nanos, viaNd4j.bytes);
    }

    private static void elementwise(Backend backend, SeededRandom random) {
        for (int[] shape : new int[][] {{100, 1}, {100, 100}, {100, 784}}) {
            Tensor x = gaussian(backend, random, shape[0], shape[1]);
            Tensor y = backend.zeros(shape[0], shape[1]);
            Tensor g = gaussian(backend, random, shape[0], shape[1]);
            int calls = 200_000 / shape[1];
            Timing sigmoid = time(calls, () -> backend.unary(UnaryOp.SIGMOID, 0f, x, y));
            Timing backward = time(calls, () -> backend.unaryBackward(UnaryOp.SIGMOID, 0f, x, y, g, g));
            Timing axpby = time(calls, () -> backend.axpby(0.5f, x, 0.5f, y, y));
            INDArray nx = x.unwrap(INDArray.class);
            INDArray ny = y.unwrap(INDArray.class);
            Timing nd4jSigmoid = time(calls, () -> Nd4j.exec(new Sigmoid(nx, ny)));
            System.out.printf(Locale.ROOT, "%dx%d: sigmoid %.2f µs (%d B/call), sigmoid backward %.2f µs, axpby %.2f µs;"
                    + " Nd4j.exec(Sigmoid) %.2f µs (%d B/call)%n", shape[0], shape[1],
                    sigmoid.nanos / 1e3, sigmoid.bytes, backward.nanos / 1e3, axpby.nanos / 1e3,
                    nd4jSigmoid.nanos / 1e3, nd4jSigmoid.bytes);
        }
    }

    private static Tensor gaussian(Backend backend, SeededRandom random, int rows, int columns) {
        float[] values = new float[rows * columns];
        random.fillGaussian(values, 0, 1);
        return backend.fromArray(values, rows, columns);
    }

    private record Timing(double nanos, long bytes) {
    }

    /** Best per-call time over {@link #REPEATS} runs of {@code calls} calls, after one warm-up run. */
    private static Timing time(int calls, Runnable body) {
        for (int i = 0; i < calls; i++) {
            body.run();
        }
        double best = Double.MAX_VALUE;
        long bytes = Long.MAX_VALUE;
        long thread = Thread.currentThread().getId();
        for (int r = 0; r < REPEATS; r++) {
            long allocated = THREADS.getThreadAllocatedBytes(thread);
            long start = System.nanoTime();
            for (int i = 0; i < calls; i++) {
                body.run();
            }
            best = Math.min(best, (System.nanoTime() - start) / (double) calls);
            bytes = Math.min(bytes, (THREADS.getThreadAllocatedBytes(thread) - allocated) / calls);
        }
        return new Timing(best, bytes);
    }
}
