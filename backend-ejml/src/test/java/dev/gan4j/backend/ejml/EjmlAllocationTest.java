package dev.gan4j.backend.ejml;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.gan4j.api.Backend;
import dev.gan4j.api.BinaryOp;
import dev.gan4j.api.SeededRandom;
import dev.gan4j.api.Tensor;
import dev.gan4j.api.UnaryOp;
import java.lang.management.ManagementFactory;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * After warm-up, the single-threaded backend's operations allocate nothing: a training step can
 * reuse its tensors without feeding the garbage collector. Measured with the JVM's per-thread
 * allocation counter ({@code com.sun.management.ThreadMXBean}).
 */
class EjmlAllocationTest {

    private static final int WARMUP = 300;
    private static final int MEASURED = 50;

    @Test
    void hotPathOperationsDoNotAllocate() {
        var bean = ManagementFactory.getThreadMXBean();
        assumeTrue(bean instanceof com.sun.management.ThreadMXBean, "no per-thread allocation counter here");
        var threads = (com.sun.management.ThreadMXBean) bean;
        assumeTrue(threads.isThreadAllocatedMemorySupported(), "allocation counting unsupported");
        threads.setThreadAllocatedMemoryEnabled(true);
        long id = Thread.currentThread().getId();

        Backend b = new EjmlBackendProvider().create(Map.of());
        SeededRandom random = new SeededRandom(3);
        Tensor x = random(b, random, 32, 48);
        Tensor w = random(b, random, 48, 40);
        Tensor wt = random(b, random, 40, 48);
        Tensor xt = random(b, random, 48, 32);
        Tensor y = b.zeros(32, 40);
        Tensor bias = random(b, random, 40);
        Tensor g = random(b, random, 32, 40);
        Tensor h = b.zeros(32, 40);
        Tensor cols = b.zeros(40);
        Tensor big = b.zeros(64, 40);
        Tensor wide = b.zeros(32, 80);
        Tensor half = b.zeros(16, 40);
        int[] indices = new SeededRandom(4).permutation(32);

        Map<String, Runnable> ops = new LinkedHashMap<>();
        ops.put("gemm NN beta 0", () -> b.gemm(false, false, 1f, x, w, 0f, y));
        ops.put("gemm NT beta 1", () -> b.gemm(false, true, 1f, x, wt, 1f, y));
        ops.put("gemm TN beta 0.5", () -> b.gemm(true, false, 1f, xt, w, 0.5f, y));
        ops.put("gemm TT", () -> b.gemm(true, true, 0.5f, xt, wt, 0f, y));
        ops.put("addRowVector", () -> b.addRowVector(y, bias, y));
        ops.put("sumColumns", () -> b.sumColumns(g, 1f, cols));
        ops.put("sum", () -> b.sum(g));
        for (UnaryOp op : UnaryOp.values()) {
            ops.put("unary " + op, () -> b.unary(op, 0.2f, g, h));
            ops.put("unaryBackward " + op, () -> b.unaryBackward(op, 0.2f, g, h, g, h));
        }
        for (BinaryOp op : BinaryOp.values()) {
            ops.put("binary " + op, () -> b.binary(op, g, y, h));
        }
        ops.put("axpby", () -> b.axpby(0.5f, g, 0.5f, y, h));
        ops.put("affine", () -> b.affine(0.5f, 1f, g, h));
        ops.put("clip", () -> b.clip(-1f, 1f, g, h));
        ops.put("copy", () -> b.copy(g, h));
        ops.put("fill", () -> b.fill(h, 0f));
        ops.put("gatherRows", () -> b.gatherRows(g, indices, 16, half));
        ops.put("sliceRows", () -> b.sliceRows(g, 8, half));
        ops.put("concatRows", () -> b.concatRows(g, y, big));
        ops.put("concatColumns", () -> b.concatColumns(g, y, wide));
        ops.put("sliceColumns", () -> b.sliceColumns(wide, 20, h));

        for (var op : ops.entrySet()) {
            for (int i = 0; i < WARMUP; i++) {
                op.getValue().run();
            }
        }
        long baselineStart = threads.getThreadAllocatedBytes(id);
        long baseline = threads.getThreadAllocatedBytes(id) - baselineStart;
        Map<String, Long> allocated = new LinkedHashMap<>();
        for (var op : ops.entrySet()) {
            Runnable run = op.getValue();
            long start = threads.getThreadAllocatedBytes(id);
            for (int i = 0; i < MEASURED; i++) {
                run.run();
            }
            long bytes = threads.getThreadAllocatedBytes(id) - start - baseline;
            if (bytes > 0) {
                allocated.put(op.getKey(), bytes);
            }
        }
        assertEquals(Map.of(), allocated, "bytes allocated over " + MEASURED + " calls after warm-up");
    }

    private static Tensor random(Backend b, SeededRandom random, int... shape) {
        Tensor t = b.zeros(shape);
        float[] data = new float[t.size()];
        random.fillGaussian(data, 0, 1);
        t.copyFrom(data);
        return t;
    }
}
