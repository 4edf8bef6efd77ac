package dev.gan4j.core.optim;

import dev.gan4j.api.Backend;
import dev.gan4j.api.GradientSink;
import dev.gan4j.api.Parameter;
import dev.gan4j.api.Tensor;
import java.util.List;
import java.util.Map;

/**
 * Adam (Kingma &amp; Ba 2015) as PyTorch implements it: weight decay adds {@code λ·w} to the
 * gradient of weights, bias-corrected moments, {@code w −= lr·m̂/(√v̂ + ε)}.
 */
public final class Adam extends ScalarStateOptimizer {

    private final AdamConfig config;
    private long steps;

    public Adam(Backend backend, AdamConfig config) {
        super(backend, config.learningRate(), "Adam", "m", "v");
        this.config = config;
    }

    @Override
    public void step(List<Parameter> parameters, GradientSink gradients) {
        steps++;
        float b1 = (float) config.beta1();
        float b2 = (float) config.beta2();
        double c1 = 1 - Math.pow(config.beta1(), steps);
        double c2 = 1 - Math.pow(config.beta2(), steps);
        float stepSize = (float) (learningRate / c1);
        float invSqrtC2 = (float) (1 / Math.sqrt(c2));
        // indexed, not for-each: an optimiser step runs every mini-batch and should allocate nothing
        for (int i = 0; i < parameters.size(); i++) {
            Parameter p = parameters.get(i);
            if (!p.trainable()) {
                continue;
            }
            Tensor[] s = state.of(p, 0);
            float wd = p.kind() == Parameter.Kind.WEIGHT ? (float) config.weightDecay() : 0f;
            kernels.adamUpdate(b1, b2, stepSize, invSqrtC2, (float) config.epsilon(), wd, p.value(),
                    gradients.gradient(p), s[0], s[1]);
        }
    }

    @Override
    void exportScalars(Map<String, float[]> out) {
        out.put("step", OptimizerState.exact(steps));
    }

    @Override
    boolean importScalar(String key, float[] values) {
        if (!key.equals("step")) {
            return false;
        }
        steps = (long) OptimizerState.exactValue("step", values);
        return true;
    }
}
