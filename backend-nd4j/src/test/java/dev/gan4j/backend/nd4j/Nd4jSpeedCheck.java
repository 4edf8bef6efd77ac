package dev.gan4j.backend.nd4j;

import dev.gan4j.api.Backend;
import dev.gan4j.api.ConvGeometry;
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
 * {@code Nd4j.gemm}, the per-call cost of a small element-wise op, and the convolution and
 * per-channel ops at DCGAN's shapes (batch 64), for a thread count.
 *
 * <pre>
 * mvn -q -o -pl backend-nd4j -am test-compile -DskipTests
 * mvn -q -o -pl backend-nd4j dependency:build-classpath -Dmdep.outputFile=/tmp/cp.txt
 * OMP_NUM_THREADS=1 java -cp backend-nd4j/target/test-classes:backend-nd4j/target/classes:gan-api/target/classes:$(cat /tmp/cp.txt) \
 *     dev.gan4j.backend.nd4j.Nd4jSpeedCheck 1
 * </pre>
 *
 * Timings are the best of several repeats, which is the least disturbed by other processes
 * ({@code gan-api/target/classes} first: the gan-api jar in the local repository may predate the
 * convolution ops).
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
            dcgan(backend, random);
        }
    }

    /**
     * Each convolution op at the peer's DCGAN layers (D: 1→64 on 28×28 and 64→128 on 14×14, both
     * 4×4/2/1; G: transposed 128→64 7×7→14×14 and 64→1 14×14→28×28) and the channel ops of a
     * batch norm on {@code [64, 128, 7, 7]}. A transposed convolution's forward pass is
     * conv2dBackwardInput, its input gradient conv2d.
     */
    private static void dcgan(Backend backend, SeededRandom random) {
        ConvGeometry g = ConvGeometry.square(4, 2, 1);
        int n = 64;
        int[][] layers = {{1, 64, 28}, {64, 128, 14}}; // {C, K, H}: conv C→K on H×H, or transposed K→C back to H×H
        for (int[] l : layers) {
            Tensor x = gaussian(backend, random, n, l[0], l[2], l[2]);
            Tensor w = gaussian(backend, random, l[1], l[0], 4, 4);
            Tensor y = gaussian(backend, random, n, l[1], l[2] / 2, l[2] / 2);
            Tensor dw = backend.zeros(l[1], l[0], 4, 4);
            String conv = String.format(Locale.ROOT, "conv %d→%d %dx%d→%dx%d", l[0], l[1], l[2], l[2], l[2] / 2, l[2] / 2);
            String transposed = String.format(Locale.ROOT, "transposed %d→%d %dx%d→%dx%d", l[1], l[0], l[2] / 2,
                    l[2] / 2, l[2], l[2]);
            report(conv + " forward (conv2d)", time(5, () -> backend.conv2d(x, w, g, y)));
            report(conv + " input grad (conv2dBackwardInput)", time(5, () -> backend.conv2dBackwardInput(y, w, g, x)));
            report(conv + " weight grad (conv2dBackwardWeight β=1)",
                    time(5, () -> backend.conv2dBackwardWeight(x, y, g, 1f, dw)));
            report(transposed + " forward (conv2dBackwardInput)",
                    time(5, () -> backend.conv2dBackwardInput(y, w, g, x)));
            report(transposed + " input grad (conv2d)", time(5, () -> backend.conv2d(x, w, g, y)));
            report(transposed + " weight grad (conv2dBackwardWeight β=0)",
                    time(5, () -> backend.conv2dBackwardWeight(x, y, g, 0f, dw)));
        }
        Tensor a = gaussian(backend, random, n, 128, 7, 7);
        Tensor out = backend.zeros(n, 128, 7, 7);
        Tensor c1 = backend.zeros(128);
        Tensor c2 = backend.zeros(128);
        report("batch norm [64,128,7,7] channelMeanVariance", time(20, () -> backend.channelMeanVariance(a, c1, c2)));
        report("batch norm [64,128,7,7] sumChannels β=1", time(20, () -> backend.sumChannels(a, 1f, c1)));
        report("batch norm [64,128,7,7] mulChannels", time(20, () -> backend.mulChannels(a, c2, out)));
        report("batch norm [64,128,7,7] addChannels", time(20, () -> backend.addChannels(a, c2, out)));
    }

    private static void report(String what, Timing timing) {
        System.out.printf(Locale.ROOT, "%-66s %8.3f ms CPU %8.3f ms wall  %d B/call%n", what, timing.cpuNanos / 1e6,
                timing.nanos / 1e6, timing.bytes);
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

    private static Tensor gaussian(Backend backend, SeededRandom random, int... shape) {
        Tensor t = backend.zeros(shape);
        float[] values = new float[t.size()];
        random.fillGaussian(values, 0, 1);
        t.copyFrom(values);
        return t;
    }

    /**
     * Per call: wall time, CPU time of the calling thread (less disturbed by other processes on a
     * shared machine than wall time; with one thread, libnd4j and OpenBLAS compute on the caller,
     * which the process's CPU time, coarser here, confirmed) and bytes allocated.
     */
    private record Timing(double nanos, double cpuNanos, long bytes) {
    }

    /** Best per-call times over {@link #REPEATS} runs of {@code calls} calls, after one warm-up run. */
    private static Timing time(int calls, Runnable body) {
        for (int i = 0; i < calls; i++) {
            body.run();
        }
        double best = Double.MAX_VALUE;
        double bestCpu = Double.MAX_VALUE;
        long bytes = Long.MAX_VALUE;
        long thread = Thread.currentThread().getId();
        for (int r = 0; r < REPEATS; r++) {
            long allocated = THREADS.getThreadAllocatedBytes(thread);
            long cpu = THREADS.getCurrentThreadCpuTime();
            long start = System.nanoTime();
            for (int i = 0; i < calls; i++) {
                body.run();
            }
            best = Math.min(best, (System.nanoTime() - start) / (double) calls);
            bestCpu = Math.min(bestCpu, (THREADS.getCurrentThreadCpuTime() - cpu) / (double) calls);
            bytes = Math.min(bytes, (THREADS.getThreadAllocatedBytes(thread) - allocated) / calls);
        }
        return new Timing(best, bestCpu, bytes);
    }
}
