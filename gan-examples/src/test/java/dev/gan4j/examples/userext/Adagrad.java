package dev.gan4j.examples.userext;

import dev.gan4j.api.Backend;
import dev.gan4j.api.BinaryOp;
import dev.gan4j.api.GradientSink;
import dev.gan4j.api.Optimizer;
import dev.gan4j.api.OptimizerConfig;
import dev.gan4j.api.OptimizerType;
import dev.gan4j.api.Parameter;
import dev.gan4j.api.Tensor;
import dev.gan4j.api.UnaryOp;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Adagrad (Duchi et al. 2011), written as a user outside gan4j would: only gan-api, registered in
 * {@code META-INF/services/dev.gan4j.api.OptimizerType}. {@code h += g²; w −= lr·g/(√h + ε)}.
 */
public final class Adagrad implements Optimizer {

    /**
     * {@code {"type": "adagrad", "learningRate": 0.01, "epsilon": 1e-10}}.
     *
     * @param learningRate positive
     * @param epsilon added to √h, positive
     */
    public record Config(double learningRate, double epsilon) implements OptimizerConfig {
        public Config {
            if (!(learningRate > 0) || !(epsilon > 0)) {
                throw new IllegalArgumentException("learningRate and epsilon must be positive");
            }
        }
    }

    /** Registers {@code "adagrad"}. */
    public static final class Type implements OptimizerType<Config> {
        @Override
        public String name() {
            return "adagrad";
        }

        @Override
        public Class<Config> configClass() {
            return Config.class;
        }

        @Override
        public Optimizer create(Config config, Backend backend) {
            return new Adagrad(backend, config);
        }

        @Override
        public int stateTensorsPerParameter(Config config) {
            return 2; // the sum of squares and a scratch tensor
        }
    }

    private final Backend backend;
    private final float epsilon;
    private double learningRate;
    /** Per parameter id: the sum of squared gradients and a scratch tensor. */
    private final Map<String, Tensor[]> state = new HashMap<>();
    private final Map<String, float[]> imported = new HashMap<>();

    Adagrad(Backend backend, Config config) {
        this.backend = backend;
        this.epsilon = (float) config.epsilon();
        this.learningRate = config.learningRate();
    }

    @Override
    public void step(List<Parameter> parameters, GradientSink gradients) {
        for (int i = 0; i < parameters.size(); i++) {
            Parameter p = parameters.get(i);
            if (!p.trainable()) {
                continue;
            }
            Tensor[] s = state.computeIfAbsent(p.id(), id -> newState(p));
            Tensor g = gradients.gradient(p);
            backend.unary(UnaryOp.SQUARE, 0, g, s[1]);
            backend.binary(BinaryOp.ADD, s[0], s[1], s[0]);
            backend.unary(UnaryOp.SQRT, 0, s[0], s[1]);
            backend.affine(1, epsilon, s[1], s[1]);
            backend.binary(BinaryOp.DIV, g, s[1], s[1]);
            backend.axpby((float) -learningRate, s[1], 1, p.value(), p.value());
        }
    }

    private Tensor[] newState(Parameter p) {
        Tensor[] s = {backend.zeros(p.value().shape()), backend.zeros(p.value().shape())};
        float[] saved = imported.remove(p.id());
        if (saved != null) {
            s[0].copyFrom(saved);
        }
        return s;
    }

    @Override
    public void setLearningRate(double rate) {
        if (!(rate >= 0 && Double.isFinite(rate))) {
            throw new IllegalArgumentException("learning rate must be finite and >= 0, got " + rate);
        }
        learningRate = rate;
    }

    @Override
    public double learningRate() {
        return learningRate;
    }

    @Override
    public Map<String, float[]> exportState() {
        Map<String, float[]> out = new TreeMap<>();
        state.forEach((id, s) -> out.put(id + "/sum", s[0].toArray()));
        imported.forEach((id, values) -> out.put(id + "/sum", values.clone()));
        return out;
    }

    @Override
    public void importState(Map<String, float[]> saved) {
        state.clear();
        imported.clear();
        saved.forEach((key, values) -> {
            if (!key.endsWith("/sum")) {
                throw new IllegalArgumentException("unknown Adagrad state entry '" + key + "'");
            }
            imported.put(key.substring(0, key.length() - "/sum".length()), values.clone());
        });
    }
}
