package dev.gan4j.core;

import dev.gan4j.api.Backend;
import dev.gan4j.api.BackendProvider;
import dev.gan4j.api.Backends;
import dev.gan4j.api.ConvGeometry;
import dev.gan4j.api.Tensor;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/** Every backend on the test classpath, so core's tests run against each of them. */
public final class TestBackends {
    private TestBackends() {
    }

    /** One created backend per available provider; fails if there is none. */
    public static Stream<Backend> all() {
        List<BackendProvider> providers = Backends.discover().providers().stream()
                .filter(BackendProvider::isAvailable).toList();
        if (providers.isEmpty()) {
            throw new IllegalStateException("no backend on the test classpath: " + Backends.discover().describe());
        }
        return providers.stream().map(p -> p.create(Map.of()));
    }

    /** Whether {@code b} runs the convolution and per-channel ops (nd4j gained them on its own branch). */
    public static boolean convolves(Backend b) {
        try {
            Tensor x = b.zeros(1, 1, 2, 2);
            b.conv2d(x, b.zeros(1, 1, 1, 1), ConvGeometry.square(1, 1, 0), b.zeros(1, 1, 2, 2));
            b.addChannels(x, b.zeros(1), x);
            b.channelMeanVariance(x, b.zeros(1), b.zeros(1));
            return true;
        } catch (UnsupportedOperationException e) {
            return false;
        }
    }

    /**
     * Bytes the backend's three convolution ops allocate per call after warm-up (0 where the JVM
     * cannot count them). The ejml backend's first, direct-loop version allocates in its shape
     * checks; an allocation check of a model with convolutions can only hold on a backend whose ops
     * allocate nothing.
     */
    public static long convolutionOpBytes(Backend b) {
        if (!(java.lang.management.ManagementFactory.getThreadMXBean()
                instanceof com.sun.management.ThreadMXBean threads)) {
            return 0;
        }
        ConvGeometry g = ConvGeometry.square(2, 1, 0);
        Tensor x = b.zeros(1, 1, 3, 3);
        Tensor w = b.zeros(1, 1, 2, 2);
        Tensor y = b.zeros(1, 1, 2, 2);
        Tensor gx = b.zeros(1, 1, 3, 3);
        Runnable ops = () -> {
            b.conv2d(x, w, g, y);
            b.conv2dBackwardInput(y, w, g, gx);
            b.conv2dBackwardWeight(x, y, g, 1f, w);
        };
        for (int i = 0; i < 5000; i++) {
            ops.run();
        }
        long least = Long.MAX_VALUE;
        for (int round = 0; round < 5 && least > 0; round++) {
            long before = threads.getCurrentThreadAllocatedBytes();
            for (int i = 0; i < 100; i++) {
                ops.run();
            }
            least = Math.min(least, threads.getCurrentThreadAllocatedBytes() - before);
        }
        return least / 100;
    }

    /** The default backend. */
    public static Backend any() {
        return Backends.discover().select(null, null, null).create(Map.of());
    }
}
