package dev.gan4j.backend.ejml;

import static dev.gan4j.backend.ejml.EjmlBackend.channelCount;
import static dev.gan4j.backend.ejml.EjmlBackend.describe;
import static dev.gan4j.backend.ejml.EjmlBackend.ejml;
import static dev.gan4j.backend.ejml.EjmlBackend.sameSize;

import dev.gan4j.api.BatchNormKernels;
import dev.gan4j.api.Tensor;

/**
 * Batch norm's per-channel passes fused on {@link ChannelLoops}: the forward pass's four
 * element-wise passes in one, the backward pass's two sums and product in one, and its input
 * gradient's four passes in one, with the bits of the compositions (the same float operations in
 * the same order, the sums with the same accumulators). The DCGAN's activations are larger than
 * L2, so each pass saved is a round trip to memory.
 */
final class EjmlBatchNormKernels implements BatchNormKernels {

    private final ChannelLoops loops;

    EjmlBatchNormKernels(ChannelLoops loops) {
        this.loops = loops;
    }

    @Override
    public void normalize(Tensor x, Tensor shift, Tensor invStd, Tensor gamma, Tensor beta, Tensor xhat, Tensor out) {
        String op = "normalize";
        EjmlTensor tx = ejml(x, op, "x");
        EjmlTensor th = ejml(xhat, op, "xhat");
        EjmlTensor to = ejml(out, op, "out");
        int c = channelCount(op, tx);
        sameSize(op, "x", tx, "xhat", th);
        sameSize(op, "x", tx, "out", to);
        loops.normalize(tx.data, channels(op, "shift", shift, c, tx), channels(op, "invStd", invStd, c, tx),
                channels(op, "gamma", gamma, c, tx), channels(op, "beta", beta, c, tx), th.data, to.data, tx.dim(0), c,
                tx.size() / (tx.dim(0) * c));
    }

    @Override
    public void gradientSums(Tensor dy, Tensor xhat, Tensor sumDy, Tensor sumDyXhat) {
        String op = "gradientSums";
        EjmlTensor td = ejml(dy, op, "dy");
        EjmlTensor th = ejml(xhat, op, "xhat");
        int c = channelCount(op, td);
        sameSize(op, "dy", td, "xhat", th);
        float[] sums = channels(op, "sumDy", sumDy, c, td);
        float[] products = channels(op, "sumDyXhat", sumDyXhat, c, td);
        if (sums == products) {
            throw new IllegalArgumentException(op + ": sumDy and sumDyXhat must be distinct tensors");
        }
        loops.gradientSums(td.data, th.data, sums, products, td.dim(0), c, td.size() / (td.dim(0) * c));
    }

    @Override
    public void inputGradient(Tensor dy, Tensor xhat, Tensor a, Tensor b, Tensor scale, Tensor dx) {
        String op = "inputGradient";
        EjmlTensor td = ejml(dy, op, "dy");
        EjmlTensor th = ejml(xhat, op, "xhat");
        EjmlTensor tx = ejml(dx, op, "dx");
        int c = channelCount(op, td);
        sameSize(op, "dy", td, "xhat", th);
        sameSize(op, "dy", td, "dx", tx);
        loops.normalizedGradient(td.data, th.data, channels(op, "a", a, c, td), channels(op, "b", b, c, td),
                channels(op, "scale", scale, c, td), tx.data, td.dim(0), c, td.size() / (td.dim(0) * c));
    }

    /** The data of a per-channel argument, checked to have {@code c} elements. */
    private static float[] channels(String op, String name, Tensor t, int c, EjmlTensor of) {
        EjmlTensor e = ejml(t, op, name);
        if (e.size() != c) {
            throw new IllegalArgumentException(op + ": " + name + " must have " + c + " elements (dim 1 of "
                    + describe(of) + "), got " + describe(e));
        }
        return e.data;
    }
}
