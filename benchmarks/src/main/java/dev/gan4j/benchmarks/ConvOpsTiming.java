package dev.gan4j.benchmarks;

import dev.gan4j.api.Backend;
import dev.gan4j.api.ConvGeometry;
import dev.gan4j.api.SeededRandom;
import dev.gan4j.api.Tensor;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Times the ejml backend's convolution and per-channel ops at the DCGAN's shapes, with the names
 * and shapes of {@code benchmarks/conv_ops.py} (which runs this and PyTorch back to back):
 *
 * <pre>
 * java -cp benchmarks/target/benchmarks.jar dev.gan4j.benchmarks.ConvOpsTiming [gemm] [repeats] [rounds]
 * </pre>
 *
 * <p>{@code gemm} is the backend's {@code gemm} option ({@code auto} by default). Prints one line
 * per op: its name and the median over the rounds of the mean milliseconds per call, in CPU time
 * of the calling thread (the GEMM runs on it: the backend's {@code threads} option is 1), which a
 * shared machine disturbs less than wall time.
 */
public final class ConvOpsTiming {

    private static final int N = 64;

    private ConvOpsTiming() {
    }

    public static void main(String[] args) {
        String gemm = args.length > 0 ? args[0] : "auto";
        int repeats = args.length > 1 ? Integer.parseInt(args[1]) : 100;
        int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 5;
        try (Backend backend = Fixtures.ejml(gemm)) {
            Map<String, Runnable> ops = ops(backend);
            Map<String, List<Double>> times = new LinkedHashMap<>();
            for (int round = 0; round < rounds; round++) {
                for (var op : ops.entrySet()) {
                    times.computeIfAbsent(op.getKey(), k -> new ArrayList<>()).add(timeMs(op.getValue(), repeats));
                }
            }
            System.out.println("# gan4j ejml " + backend.settings().get("gemm") + " ("
                    + backend.settings().get("gemm.implementation") + "), median of " + rounds + " rounds of "
                    + repeats + " calls");
            for (var t : times.entrySet()) {
                double[] v = t.getValue().stream().mapToDouble(Double::doubleValue).sorted().toArray();
                System.out.printf("%-36s %8.3f ms%n", t.getKey(), v[v.length / 2]);
            }
        }
    }

    /** The ops of conv_ops.py, same names: c1 is conv 1→64 on 28x28, c2 conv 64→128 on 14x14, both 4x4/2/1. */
    private static Map<String, Runnable> ops(Backend b) {
        SeededRandom random = new SeededRandom(0);
        ConvGeometry g = ConvGeometry.square(4, 2, 1);
        int[][][] geometries = {{{N, 1, 28, 28}, {64, 1, 4, 4}}, {{N, 64, 14, 14}, {128, 64, 4, 4}}};
        Map<String, Runnable> ops = new LinkedHashMap<>();
        for (int i = 0; i < geometries.length; i++) {
            int[] xs = geometries[i][0];
            int[] ws = geometries[i][1];
            int[] ys = {N, ws[0], g.outputHeight(xs[2]), g.outputWidth(xs[3])};
            Tensor x = Fixtures.gaussian(b, random, xs);
            Tensor w = Fixtures.gaussian(b, random, ws);
            Tensor y = b.zeros(ys);
            Tensor dy = Fixtures.gaussian(b, random, ys);
            Tensor dx = b.zeros(xs);
            Tensor dw = b.zeros(ws);
            String name = "c" + (i + 1);
            ops.put("conv2d " + name, () -> b.conv2d(x, w, g, y));
            ops.put("backwardInput " + name, () -> b.conv2dBackwardInput(dy, w, g, dx));
            ops.put("backwardWeight " + name, () -> b.conv2dBackwardWeight(x, dy, g, 0f, dw));
        }
        for (int[] shape : new int[][] {{N, 128, 7, 7}, {N, 64, 14, 14}}) {
            Tensor a = Fixtures.gaussian(b, random, shape);
            Tensor v = Fixtures.gaussian(b, random, shape[1]);
            Tensor out = b.zeros(shape);
            Tensor mean = b.zeros(shape[1]);
            Tensor variance = b.zeros(shape[1]);
            String tag = String.join("x", Arrays.stream(shape).mapToObj(Integer::toString).toList());
            ops.put("channelMeanVariance " + tag, () -> b.channelMeanVariance(a, mean, variance));
            ops.put("mulChannels " + tag, () -> b.mulChannels(a, v, out));
            ops.put("addChannels " + tag, () -> b.addChannels(a, v, out));
            ops.put("sumChannels " + tag, () -> b.sumChannels(a, 0f, mean));
        }
        return ops;
    }

    /** Mean CPU milliseconds per call over {@code repeats} calls, after a tenth as many (at least 5) to warm up. */
    private static double timeMs(Runnable op, int repeats) {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        for (int i = 0; i < Math.max(5, repeats / 10); i++) {
            op.run();
        }
        long start = threads.getCurrentThreadCpuTime();
        for (int i = 0; i < repeats; i++) {
            op.run();
        }
        return (threads.getCurrentThreadCpuTime() - start) / 1e6 / repeats;
    }
}
