package dev.gan4j.backend.nd4j;

import static dev.gan4j.backend.nd4j.Nd4jBackend.own;
import static dev.gan4j.backend.nd4j.Nd4jBackend.requireDistinct;
import static dev.gan4j.backend.nd4j.Nd4jBackend.requireSameSize;

import dev.gan4j.api.OptimizerKernels;
import dev.gan4j.api.Tensor;
import java.nio.FloatBuffer;

/**
 * The nd4j backend's optimiser updates: one Java loop over the native memory of the parameter,
 * its gradient and its state, where the plain composition makes three to eight passes (some of
 * them BLAS calls, each reading and writing a whole array). Agrees with the composition to
 * round-off: BLAS's {@code saxpy} may fuse multiplies and adds where this loop rounds each.
 * Stateless: one instance per backend.
 */
final class Nd4jOptimizerKernels implements OptimizerKernels {

    /** One pass over w, g and v (three BLAS passes would each read and write v). */
    @Override
    public void sgdUpdate(float learningRate, float momentum, float l2, Tensor w, Tensor g, Tensor v) {
        Nd4jTensor tw = own("sgdUpdate", "w", w);
        Nd4jTensor tg = own("sgdUpdate", "g", g);
        Nd4jTensor tv = own("sgdUpdate", "v", v);
        requireSameSize("sgdUpdate", "g", tg, "w", tw);
        requireSameSize("sgdUpdate", "v", tv, "w", tw);
        requireDistinct("sgdUpdate", tw, tg, tv);
        JavaKernels.sgdUpdate(learningRate, momentum, l2, tw.data, tg.data, tv.data, tw.size());
    }

    /** One pass over w, g, m and v. */
    @Override
    public void adamUpdate(float beta1, float beta2, float stepSize, float invSqrtBias2, float epsilon,
            float weightDecay, Tensor w, Tensor g, Tensor m, Tensor v) {
        Nd4jTensor tw = own("adamUpdate", "w", w);
        Nd4jTensor tg = own("adamUpdate", "g", g);
        Nd4jTensor tm = own("adamUpdate", "m", m);
        Nd4jTensor tv = own("adamUpdate", "v", v);
        requireSameSize("adamUpdate", "g", tg, "w", tw);
        requireSameSize("adamUpdate", "m", tm, "w", tw);
        requireSameSize("adamUpdate", "v", tv, "w", tw);
        requireDistinct("adamUpdate", tw, tg, tm, tv);
        JavaKernels.adamUpdate(beta1, beta2, stepSize, invSqrtBias2, epsilon, weightDecay, tw.data, tg.data,
                tm.data, tv.data, tw.size());
    }

    /** One pass over w, g and v. */
    @Override
    public void rmsPropUpdate(float alpha, float learningRate, float epsilon, float weightDecay, Tensor w, Tensor g,
            Tensor v) {
        Nd4jTensor tw = own("rmsPropUpdate", "w", w);
        Nd4jTensor tg = own("rmsPropUpdate", "g", g);
        Nd4jTensor tv = own("rmsPropUpdate", "v", v);
        requireSameSize("rmsPropUpdate", "g", tg, "w", tw);
        requireSameSize("rmsPropUpdate", "v", tv, "w", tw);
        requireDistinct("rmsPropUpdate", tw, tg, tv);
        FloatBuffer ws = tw.data;
        FloatBuffer gs = tg.data;
        FloatBuffer vs = tv.data;
        float c = 1f - alpha;
        for (int i = 0, n = tw.size(); i < n; i++) {
            float wi = ws.get(i);
            float gi = gs.get(i) + weightDecay * wi;
            float vi = alpha * vs.get(i) + c * (gi * gi);
            vs.put(i, vi);
            ws.put(i, wi - learningRate * (gi / ((float) Math.sqrt(vi) + epsilon)));
        }
    }
}
