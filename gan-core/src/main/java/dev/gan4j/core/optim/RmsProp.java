package dev.gan4j.core.optim;

import dev.gan4j.api.Backend;
import dev.gan4j.api.BinaryOp;
import dev.gan4j.api.GradientSink;
import dev.gan4j.api.Parameter;
import dev.gan4j.api.Tensor;
import dev.gan4j.api.UnaryOp;
import java.util.List;

/**
 * RMSProp as PyTorch implements it (no momentum, not centred):
 * {@code v = α·v + (1−α)·g²; w −= lr·g/(√v + ε)}; weight decay adds {@code λ·w} to weights'
 * gradients. The WGAN paper's optimiser.
 */
public final class RmsProp extends ScalarStateOptimizer {

    private final RmsPropConfig config;

    public RmsProp(Backend backend, RmsPropConfig config) {
        super(backend, config.learningRate(), "RMSProp", "v");
        this.config = config;
    }

    @Override
    public void step(List<Parameter> parameters, GradientSink gradients) {
        float alpha = (float) config.alpha();
        // indexed, not for-each: an optimiser step runs every mini-batch and should allocate nothing
        for (int i = 0; i < parameters.size(); i++) {
            Parameter p = parameters.get(i);
            if (!p.trainable()) {
                continue;
            }
            Tensor w = p.value();
            Tensor g = gradients.gradient(p);
            Tensor[] s = state.of(p, 2);
            Tensor v = s[0];
            Tensor tmp = s[1];
            Tensor decayed = s[2];
            float wd = p.kind() == Parameter.Kind.WEIGHT ? (float) config.weightDecay() : 0f;
            if (wd != 0f) {
                backend.axpby(1f, g, wd, w, decayed);
                g = decayed;
            }
            backend.binary(BinaryOp.MUL, g, g, tmp);
            backend.axpby(alpha, v, 1 - alpha, tmp, v);
            backend.unary(UnaryOp.SQRT, 0f, v, tmp);
            backend.affine(1f, (float) config.epsilon(), tmp, tmp);
            backend.binary(BinaryOp.DIV, g, tmp, tmp);
            backend.axpby(1f, w, (float) -learningRate, tmp, w);
        }
    }
}
