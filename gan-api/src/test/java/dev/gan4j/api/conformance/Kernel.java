package dev.gan4j.api.conformance;

import dev.gan4j.api.Backend;
import dev.gan4j.api.FusedActivationKernels;
import dev.gan4j.api.GatherKernels;
import dev.gan4j.api.OptimizerKernels;
import org.opentest4j.TestAbortedException;

/** A backend's optional kernels for the suites; a backend without them skips those tests. */
final class Kernel {
    private Kernel() {
    }

    static FusedActivationKernels fused(Backend b) {
        return b.kernels(FusedActivationKernels.class).orElseThrow(() -> new TestAbortedException("no fused activations"));
    }

    static GatherKernels gather(Backend b) {
        return b.kernels(GatherKernels.class).orElseThrow(() -> new TestAbortedException("no gather kernels"));
    }

    static OptimizerKernels optim(Backend b) {
        return b.kernels(OptimizerKernels.class).orElseThrow(() -> new TestAbortedException("no optimizer kernels"));
    }
}
