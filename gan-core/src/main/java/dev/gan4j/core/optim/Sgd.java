package dev.gan4j.core.optim;

import dev.gan4j.api.Backend;
import dev.gan4j.api.GradientSink;
import dev.gan4j.api.Parameter;
import dev.gan4j.api.Tensor;
import java.util.List;

/**
 * Stochastic gradient descent with momentum and L2 on weights only, updating exactly as
 * DeepLearnToolbox does: {@code v = m·v + lr·(g + λ·w); w −= v} (biases get no {@code λ·w}).
 * With momentum 0 this is plain SGD.
 */
public final class Sgd extends ScalarStateOptimizer {

    private final SgdConfig config;

    public Sgd(Backend backend, SgdConfig config) {
        super(backend, config.learningRate(), "SGD", "velocity");
        this.config = config;
    }

    @Override
    public void step(List<Parameter> parameters, GradientSink gradients) {
        float lr = (float) learningRate;
        float m = (float) config.momentum();
        // indexed, not for-each: an optimiser step runs every mini-batch and should allocate nothing
        for (int i = 0; i < parameters.size(); i++) {
            Parameter p = parameters.get(i);
            if (!p.trainable()) {
                continue;
            }
            Tensor[] s = state.of(p, 0);
            float l2 = p.kind() == Parameter.Kind.WEIGHT ? (float) config.l2() : 0f;
            kernels.sgdUpdate(lr, m, l2, p.value(), gradients.gradient(p), s[0]);
        }
    }
}
