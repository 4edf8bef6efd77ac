package dev.gan4j.api.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.gan4j.api.Backend;
import dev.gan4j.api.BackendProvider;
import dev.gan4j.api.BinaryOp;
import dev.gan4j.api.ConvGeometry;
import dev.gan4j.api.FusedActivationKernels;
import dev.gan4j.api.GatherKernels;
import dev.gan4j.api.OptimizerKernels;
import dev.gan4j.api.SeededRandom;
import dev.gan4j.api.Tensor;
import dev.gan4j.api.UnaryOp;
import java.lang.management.ManagementFactory;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * After warm-up, no {@link Backend} operation allocates, nor do the optional kernels a backend
 * offers: a training step can reuse its tensors without feeding the garbage collector. Measured with the JVM's per-thread allocation counter
 * ({@code com.sun.management.ThreadMXBean}) for every available provider on the test class path,
 * at two sizes: a small one and the size of an MNIST GAN's mini-batch (64×784), which backends
 * may serve by other code paths (native libraries, blocked kernels).
 *
 * <p>A backend module runs it with a one-line subclass, like {@link BackendConformanceSuite}.
 */
public abstract class BackendAllocationSuite {

    // Calls per operation: enough for the JIT at the small size; the large size does 50× the work
    // per call, so fewer calls warm it up and keep the suite to seconds.
    /**
     * Enough calls for C2 to compile even a kernel with few loop trips per call: Vector API code
     * allocates a box per vector until then (HotSpot's tier 4 wants about 600 calls here).
     */
    private static final int SMALL_WARMUP = 1000;
    private static final int SMALL_MEASURED = 50;
    private static final int LARGE_WARMUP = 40;
    private static final int LARGE_MEASURED = 10;
    private static final int MAX_ROUNDS = 40;

    /** Every available provider, as {@link BackendConformanceSuite} finds them. */
    static java.util.stream.Stream<org.junit.jupiter.params.provider.Arguments> providers() {
        return BackendConformanceSuite.providers();
    }

    /** Options passed to {@link BackendProvider#create(Map)}; none by default. */
    protected Map<String, String> options(BackendProvider provider) {
        return Map.of();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("providers")
    void smallOperationsDoNotAllocate(BackendProvider provider) {
        assertNoAllocation(provider, 32, 48, 40, SMALL_WARMUP, SMALL_MEASURED);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("providers")
    void mnistSizedOperationsDoNotAllocate(BackendProvider provider) {
        assertNoAllocation(provider, 64, 100, 784, LARGE_WARMUP, LARGE_MEASURED);
    }

    /**
     * Runs every operation on {@code rows × inner} · {@code inner × columns} sized tensors
     * {@code warmup} times, then checks that {@code measured} more calls allocate nothing.
     */
    private void assertNoAllocation(BackendProvider provider, int rows, int inner, int columns, int warmup,
            int measured) {
        var bean = ManagementFactory.getThreadMXBean();
        assumeTrue(bean instanceof com.sun.management.ThreadMXBean, "no per-thread allocation counter here");
        var threads = (com.sun.management.ThreadMXBean) bean;
        assumeTrue(threads.isThreadAllocatedMemorySupported(), "allocation counting unsupported");
        threads.setThreadAllocatedMemoryEnabled(true);
        long id = Thread.currentThread().getId();

        try (Backend b = provider.create(options(provider))) {
            SeededRandom random = new SeededRandom(3);
            Tensor x = random(b, random, rows, inner);
            Tensor w = random(b, random, inner, columns);
            Tensor wt = random(b, random, columns, inner);
            Tensor xt = random(b, random, inner, rows);
            Tensor y = b.zeros(rows, columns);
            Tensor bias = random(b, random, columns);
            Tensor g = random(b, random, rows, columns);
            Tensor h = b.zeros(rows, columns);
            Tensor cols = b.zeros(columns);
            Tensor colVariance = b.zeros(columns);
            Tensor rowStats = b.zeros(rows);
            Tensor wGrad = random(b, random, inner, columns);
            Tensor wState = b.zeros(inner, columns);
            Tensor wState2 = b.zeros(inner, columns);
            Tensor big = b.zeros(2 * rows, columns);
            Tensor wide = b.zeros(rows, 2 * columns);
            Tensor half = b.zeros(rows / 2, columns);
            int[] indices = new SeededRandom(4).permutation(rows);
            int[] stackedIndices = new SeededRandom(5).permutation(2 * rows);
            // convolutions shaped like a DCGAN's (4x4, stride 2, padding 1: 28x28 -> 14x14 -> 7x7)
            // with fewer channels, and a 1x1 one; batch rows / 8
            int n = Math.max(2, rows / 8);
            ConvGeometry down = ConvGeometry.square(4, 2, 1);
            ConvGeometry pointwise = ConvGeometry.square(1, 1, 0);
            Tensor image = random(b, random, n, 1, 28, 28);
            Tensor kernel1 = random(b, random, 8, 1, 4, 4);
            Tensor map1 = random(b, random, n, 8, 14, 14);
            Tensor kernel2 = random(b, random, 16, 8, 4, 4);
            Tensor map2 = random(b, random, n, 16, 7, 7);
            Tensor kernel3 = random(b, random, 4, 8, 1, 1);
            Tensor map3 = random(b, random, n, 4, 14, 14);
            Tensor imageGrad = b.zeros(n, 1, 28, 28);
            Tensor map1Grad = b.zeros(n, 8, 14, 14);
            Tensor map2Out = b.zeros(n, 16, 7, 7);
            Tensor map3Out = b.zeros(n, 4, 14, 14);
            Tensor kernel1Grad = b.zeros(8, 1, 4, 4);
            Tensor kernel2Grad = b.zeros(16, 8, 4, 4);
            Tensor kernel3Grad = b.zeros(4, 8, 1, 1);
            Tensor channels = random(b, random, 8);
            Tensor channelMean = b.zeros(8);
            Tensor channelVariance = b.zeros(8);

            Map<String, Runnable> ops = new LinkedHashMap<>();
            ops.put("gemm NN beta 0", () -> b.gemm(false, false, 1f, x, w, 0f, y));
            ops.put("gemm NT beta 1", () -> b.gemm(false, true, 1f, x, wt, 1f, y));
            ops.put("gemm TN beta 0.5", () -> b.gemm(true, false, 1f, xt, w, 0.5f, y));
            ops.put("gemm TT", () -> b.gemm(true, true, 0.5f, xt, wt, 0f, y));
            ops.put("addRowVector", () -> b.addRowVector(y, bias, y));
            ops.put("addRowVector out of place", () -> b.addRowVector(y, bias, h));
            ops.put("mulRowVector", () -> b.mulRowVector(g, bias, h));
            ops.put("mulRowVector in place", () -> b.mulRowVector(h, bias, h));
            ops.put("sumColumns", () -> b.sumColumns(g, 1f, cols));
            ops.put("sumRows", () -> b.sumRows(g, rowStats));
            ops.put("meanRows", () -> b.meanRows(g, rowStats));
            ops.put("columnMeanVariance", () -> b.columnMeanVariance(g, cols, colVariance));
            ops.put("sum", () -> b.sum(g));
            for (UnaryOp op : UnaryOp.values()) {
                ops.put("unary " + op, () -> b.unary(op, 0.2f, g, h));
                ops.put("unaryBackward " + op, () -> b.unaryBackward(op, 0.2f, g, h, g, h));
            }
            for (BinaryOp op : BinaryOp.values()) {
                ops.put("binary " + op, () -> b.binary(op, g, y, h));
            }
            ops.put("axpby", () -> b.axpby(0.5f, g, 0.5f, y, h));
            ops.put("axpby into b", () -> b.axpby(0.5f, g, 0.5f, h, h));
            ops.put("affine", () -> b.affine(0.5f, 1f, g, h));
            ops.put("clip", () -> b.clip(-1f, 1f, g, h));
            ops.put("copy", () -> b.copy(g, h));
            ops.put("fill", () -> b.fill(h, 0f));
            ops.put("fill non-zero", () -> b.fill(h, 0.5f));
            ops.put("gatherRows", () -> b.gatherRows(g, indices, rows / 2, half));
            ops.put("sliceRows", () -> b.sliceRows(g, rows / 4, half));
            ops.put("concatRows", () -> b.concatRows(g, y, big));
            ops.put("concatColumns", () -> b.concatColumns(g, y, wide));
            ops.put("sliceColumns", () -> b.sliceColumns(wide, columns / 2, h));
            ops.put("conv2d 1->8 28x28", () -> b.conv2d(image, kernel1, down, map1Grad));
            ops.put("conv2d 8->16 14x14", () -> b.conv2d(map1, kernel2, down, map2Out));
            ops.put("conv2d 1x1", () -> b.conv2d(map1, kernel3, pointwise, map3Out));
            ops.put("conv2dBackwardInput 8->1 28x28", () -> b.conv2dBackwardInput(map1, kernel1, down, imageGrad));
            ops.put("conv2dBackwardInput 16->8 14x14", () -> b.conv2dBackwardInput(map2, kernel2, down, map1Grad));
            ops.put("conv2dBackwardInput 1x1", () -> b.conv2dBackwardInput(map3, kernel3, pointwise, map1Grad));
            ops.put("conv2dBackwardWeight 1->8 beta 0", () -> b.conv2dBackwardWeight(image, map1, down, 0f, kernel1Grad));
            ops.put("conv2dBackwardWeight 8->16 beta 1", () -> b.conv2dBackwardWeight(map1, map2, down, 1f, kernel2Grad));
            ops.put("conv2dBackwardWeight 1x1", () -> b.conv2dBackwardWeight(map1, map3, pointwise, 1f, kernel3Grad));
            ops.put("addChannels", () -> b.addChannels(map1, channels, map1Grad));
            ops.put("addChannels in place", () -> b.addChannels(map1Grad, channels, map1Grad));
            ops.put("mulChannels", () -> b.mulChannels(map1, channels, map1Grad));
            ops.put("sumChannels", () -> b.sumChannels(map1, 1f, channelMean));
            ops.put("channelMeanVariance", () -> b.channelMeanVariance(map1, channelMean, channelVariance));
            // the optional kernels the backend offers
            b.kernels(FusedActivationKernels.class).ifPresent(fused -> {
                for (UnaryOp op : UnaryOp.values()) {
                    if (fused.supports(op)) {
                        ops.put("fused addRowVectorUnary " + op, () -> fused.addRowVectorUnary(op, 0.2f, g, bias, h));
                        ops.put("fused addRowVectorUnary " + op + " in place",
                                () -> fused.addRowVectorUnary(op, 0.2f, h, bias, h));
                    }
                }
            });
            b.kernels(GatherKernels.class).ifPresent(gather -> ops.put("gatherStackedRows",
                    () -> gather.gatherStackedRows(g, y, stackedIndices, rows / 2, half)));
            b.kernels(OptimizerKernels.class).ifPresent(optim -> {
                ops.put("sgdUpdate", () -> optim.sgdUpdate(1e-3f, 0.9f, 1e-4f, w, wGrad, wState));
                ops.put("adamUpdate", () -> optim.adamUpdate(0.5f, 0.999f, 1e-3f, 1.1f, 1e-8f, 1e-4f, w, wGrad,
                        wState, wState2));
                ops.put("rmsPropUpdate", () -> optim.rmsPropUpdate(0.99f, 1e-3f, 1e-8f, 1e-4f, w, wGrad, wState2));
            });

            for (var op : ops.entrySet()) {
                for (int i = 0; i < warmup; i++) {
                    op.getValue().run();
                }
            }
            // what reading the counter itself costs, so that it is not blamed on an operation
            long baselineStart = threads.getThreadAllocatedBytes(id);
            long baseline = threads.getThreadAllocatedBytes(id) - baselineStart;
            Map<String, Long> allocated = new LinkedHashMap<>();
            for (var op : ops.entrySet()) {
                Runnable run = op.getValue();
                // The least of up to MAX_ROUNDS rounds, stopping at the first that allocates
                // nothing: a one-off allocation by the JIT (a recompilation under load) shows in
                // one round, and Vector API code boxes its vectors in every call until C2 has
                // compiled it, which on a busy 2-core machine can wait behind a queue of other
                // compilations; a real per-call allocation shows in all of them.
                long least = Long.MAX_VALUE;
                for (int round = 0; round < MAX_ROUNDS && least > 0; round++) {
                    long start = threads.getThreadAllocatedBytes(id);
                    for (int i = 0; i < measured; i++) {
                        run.run();
                    }
                    least = Math.min(least, threads.getThreadAllocatedBytes(id) - start - baseline);
                }
                if (least > 0) {
                    allocated.put(op.getKey(), least);
                }
            }
            assertEquals(Map.of(), allocated, provider.name() + ": bytes allocated over " + measured
                    + " calls after warm-up, " + rows + "×" + inner + "·" + inner + "×" + columns);
        }
    }

    private static Tensor random(Backend b, SeededRandom random, int... shape) {
        Tensor t = b.zeros(shape);
        float[] data = new float[t.size()];
        random.fillGaussian(data, 0, 1);
        t.copyFrom(data);
        return t;
    }
}
