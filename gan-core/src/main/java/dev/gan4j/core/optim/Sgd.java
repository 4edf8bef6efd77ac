package dev.gan4j.core.optim;

import dev.gan4j.api.Backend;
import dev.gan4j.api.GradientSink;
import dev.gan4j.api.Optimizer;
import dev.gan4j.api.Parameter;
import dev.gan4j.api.Tensor;
import java.util.List;
import java.util.Map;

/**
 * Stochastic gradient descent with momentum and L2 on weights only, updating exactly as
 * DeepLearnToolbox does: {@code v = m·v + lr·(g + λ·w); w −= v} (biases get no {@code λ·w}).
 * With momentum 0 this is plain SGD.
 */
public final class Sgd implements Optimizer {

    private final Backend backend;
    private final SgdConfig config;
    private final OptimizerState state;
    private double learningRate;

    public Sgd(Backend backend, SgdConfig config) {
        this.backend = backend;
        this.config = config;
        this.learningRate = config.learningRate();
        this.state = new OptimizerState(backend, "velocity");
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
            backend.sgdUpdate(lr, m, l2, p.value(), gradients.gradient(p), s[0]);
        }
    }

    @Override
    public void scaleLearningRate(double factor) {
        learningRate *= factor;
    }

    @Override
    public double learningRate() {
        return learningRate;
    }

    @Override
    public Map<String, float[]> exportState() {
        Map<String, float[]> out = state.export();
        out.put("learningRate", OptimizerState.exact(learningRate));
        return out;
    }

    @Override
    public void importState(Map<String, float[]> saved) {
        Map<String, float[]> rest = state.importSlots(saved);
        for (Map.Entry<String, float[]> e : rest.entrySet()) {
            if (e.getKey().equals("learningRate")) {
                learningRate = OptimizerState.exactValue("learningRate", e.getValue());
            } else {
                throw new IllegalArgumentException("unknown SGD state entry '" + e.getKey() + "'");
            }
        }
    }
}
