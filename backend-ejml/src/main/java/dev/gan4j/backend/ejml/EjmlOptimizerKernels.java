package dev.gan4j.backend.ejml;

import static dev.gan4j.backend.ejml.EjmlBackend.distinct;
import static dev.gan4j.backend.ejml.EjmlBackend.ejml;
import static dev.gan4j.backend.ejml.EjmlBackend.sameSize;

import dev.gan4j.api.OptimizerKernels;
import dev.gan4j.api.Tensor;

/**
 * The ejml backend's optimiser updates: one loop over the parameter, its gradient and its state
 * where the plain composition makes three to eight element-wise passes, each reading and writing
 * whole arrays, and an optimiser step touches every parameter every mini-batch. Adam and RMSProp
 * do the composition's float operations in its order (so give its bits); SGD adds its L2 term
 * inside the bracket, as the formula reads, so with {@code l2 ≠ 0} it agrees to round-off.
 * Stateless: one instance per backend.
 */
final class EjmlOptimizerKernels implements OptimizerKernels {

    /** One pass: each element's velocity and weight are updated while in registers. */
    @Override
    public void sgdUpdate(float learningRate, float momentum, float l2, Tensor w, Tensor g, Tensor v) {
        EjmlTensor tw = ejml(w, "sgdUpdate", "w");
        EjmlTensor tg = ejml(g, "sgdUpdate", "g");
        EjmlTensor tv = ejml(v, "sgdUpdate", "v");
        sameSize("sgdUpdate", "w", tw, "g", tg);
        sameSize("sgdUpdate", "w", tw, "v", tv);
        distinct("sgdUpdate", tw, tg, tv, null);
        float[] ws = tw.data;
        float[] gs = tg.data;
        float[] vs = tv.data;
        for (int i = 0; i < ws.length; i++) {
            float vi = momentum * vs[i] + learningRate * (gs[i] + l2 * ws[i]);
            vs[i] = vi;
            ws[i] -= vi;
        }
    }

    /** One pass over w, g, m and v. */
    @Override
    public void adamUpdate(float beta1, float beta2, float stepSize, float invSqrtBias2, float epsilon,
            float weightDecay, Tensor w, Tensor g, Tensor m, Tensor v) {
        EjmlTensor tw = ejml(w, "adamUpdate", "w");
        EjmlTensor tg = ejml(g, "adamUpdate", "g");
        EjmlTensor tm = ejml(m, "adamUpdate", "m");
        EjmlTensor tv = ejml(v, "adamUpdate", "v");
        sameSize("adamUpdate", "w", tw, "g", tg);
        sameSize("adamUpdate", "w", tw, "m", tm);
        sameSize("adamUpdate", "w", tw, "v", tv);
        distinct("adamUpdate", tw, tg, tm, tv);
        float[] ws = tw.data;
        float[] gs = tg.data;
        float[] ms = tm.data;
        float[] vs = tv.data;
        float c1 = 1f - beta1;
        float c2 = 1f - beta2;
        for (int i = 0; i < ws.length; i++) {
            float gi = gs[i] + weightDecay * ws[i];
            float mi = beta1 * ms[i] + c1 * gi;
            float vi = beta2 * vs[i] + c2 * (gi * gi);
            ms[i] = mi;
            vs[i] = vi;
            ws[i] -= stepSize * (mi / ((float) Math.sqrt(vi) * invSqrtBias2 + epsilon));
        }
    }

    /** One pass over w, g and v. */
    @Override
    public void rmsPropUpdate(float alpha, float learningRate, float epsilon, float weightDecay, Tensor w, Tensor g,
            Tensor v) {
        EjmlTensor tw = ejml(w, "rmsPropUpdate", "w");
        EjmlTensor tg = ejml(g, "rmsPropUpdate", "g");
        EjmlTensor tv = ejml(v, "rmsPropUpdate", "v");
        sameSize("rmsPropUpdate", "w", tw, "g", tg);
        sameSize("rmsPropUpdate", "w", tw, "v", tv);
        distinct("rmsPropUpdate", tw, tg, tv, null);
        float[] ws = tw.data;
        float[] gs = tg.data;
        float[] vs = tv.data;
        float c = 1f - alpha;
        for (int i = 0; i < ws.length; i++) {
            float gi = gs[i] + weightDecay * ws[i];
            float vi = alpha * vs[i] + c * (gi * gi);
            vs[i] = vi;
            ws[i] -= learningRate * (gi / ((float) Math.sqrt(vi) + epsilon));
        }
    }
}
