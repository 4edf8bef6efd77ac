package dev.gan4j.core.optim;

import dev.gan4j.api.Backend;
import dev.gan4j.api.BinaryOp;
import dev.gan4j.api.GradientSink;
import dev.gan4j.api.Optimizer;
import dev.gan4j.api.Parameter;
import dev.gan4j.api.Tensor;
import dev.gan4j.api.UnaryOp;
import java.util.List;
import java.util.Map;

/**
 * Adam (Kingma &amp; Ba 2015) as PyTorch implements it: weight decay adds {@code λ·w} to the
 * gradient of weights, bias-corrected moments, {@code w −= lr·m̂/(√v̂ + ε)}.
 */
public final class Adam implements Optimizer {

    private final Backend backend;
    private final AdamConfig config;
    private final OptimizerState state;
    private double learningRate;
    private long steps;

    public Adam(Backend backend, AdamConfig config) {
        this.backend = backend;
        this.config = config;
        this.learningRate = config.learningRate();
        this.state = new OptimizerState(backend, "m", "v");
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
        for (Parameter p : parameters) {
            if (!p.trainable()) {
                continue;
            }
            Tensor w = p.value();
            Tensor g = gradients.gradient(p);
            Tensor[] s = state.of(p, 1);
            Tensor m = s[0];
            Tensor v = s[1];
            Tensor tmp = s[2];
            float wd = p.kind() == Parameter.Kind.WEIGHT ? (float) config.weightDecay() : 0f;
            if (wd != 0f) {
                // the decayed gradient goes through tmp; m is updated from it before tmp is reused
                backend.axpby(1f, g, wd, w, tmp);
                backend.axpby(b1, m, 1 - b1, tmp, m);
                backend.binary(BinaryOp.MUL, tmp, tmp, tmp);
            } else {
                backend.axpby(b1, m, 1 - b1, g, m);
                backend.binary(BinaryOp.MUL, g, g, tmp);
            }
            backend.axpby(b2, v, 1 - b2, tmp, v);
            // tmp = √v̂ + ε = √v / √c2 + ε
            backend.unary(UnaryOp.SQRT, 0f, v, tmp);
            backend.affine(invSqrtC2, (float) config.epsilon(), tmp, tmp);
            backend.binary(BinaryOp.DIV, m, tmp, tmp);
            backend.axpby(1f, w, -stepSize, tmp, w);
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
        out.put("step", OptimizerState.exact(steps));
        out.put("learningRate", OptimizerState.exact(learningRate));
        return out;
    }

    @Override
    public void importState(Map<String, float[]> saved) {
        Map<String, float[]> rest = state.importSlots(saved);
        for (Map.Entry<String, float[]> e : rest.entrySet()) {
            if (e.getKey().equals("step")) {
                steps = (long) OptimizerState.exactValue("step", e.getValue());
            } else if (e.getKey().equals("learningRate")) {
                learningRate = OptimizerState.exactValue("learningRate", e.getValue());
            } else {
                throw new IllegalArgumentException("unknown Adam state entry '" + e.getKey() + "'");
            }
        }
    }
}
