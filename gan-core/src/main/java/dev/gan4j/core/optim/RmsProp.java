package dev.gan4j.core.optim;

import dev.gan4j.api.Backend;
import dev.gan4j.api.GradientSink;
import dev.gan4j.api.Parameter;
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
            float wd = p.kind() == Parameter.Kind.WEIGHT ? (float) config.weightDecay() : 0f;
            kernels.rmsPropUpdate(alpha, (float) learningRate, (float) config.epsilon(), wd, p.value(),
                    gradients.gradient(p), state.of(p, 0)[0]);
        }
    }
}
