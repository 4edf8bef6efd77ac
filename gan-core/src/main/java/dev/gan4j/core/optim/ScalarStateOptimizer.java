package dev.gan4j.core.optim;

import dev.gan4j.api.Backend;
import dev.gan4j.api.Optimizer;
import dev.gan4j.api.OptimizerKernels;
import dev.gan4j.core.kernels.PlainKernels;
import java.util.Map;

/**
 * What every built-in optimiser shares: per-parameter state tensors ({@link OptimizerState}), a
 * learning rate that schedules and divergence rollbacks can scale, and the export/import of both
 * for checkpoints. Subclasses add their update rule and any scalar state of their own (Adam's
 * step count) through {@link #exportScalars} and {@link #importScalar}.
 */
abstract class ScalarStateOptimizer implements Optimizer {

    final Backend backend;
    /** The backend's fused updates, or their plain composition when it has none. */
    final OptimizerKernels kernels;
    final OptimizerState state;
    double learningRate;
    private final String label;

    /**
     * @param label the optimiser's name in error messages, e.g. {@code "Adam"}
     * @param slots names of the saved per-parameter tensors
     */
    ScalarStateOptimizer(Backend backend, double learningRate, String label, String... slots) {
        this.backend = backend;
        this.kernels = PlainKernels.of(backend, OptimizerKernels.class);
        this.learningRate = learningRate;
        this.label = label;
        this.state = new OptimizerState(backend, slots);
    }

    @Override
    public final void setLearningRate(double rate) {
        if (!(rate >= 0 && Double.isFinite(rate))) {
            throw new IllegalArgumentException(label + ": the learning rate must be finite and >= 0, got " + rate);
        }
        learningRate = rate;
    }

    @Override
    public final double learningRate() {
        return learningRate;
    }

    @Override
    public final Map<String, float[]> exportState() {
        Map<String, float[]> out = state.export();
        exportScalars(out);
        out.put("learningRate", OptimizerState.exact(learningRate));
        return out;
    }

    @Override
    public final void importState(Map<String, float[]> saved) {
        Map<String, float[]> rest = state.importSlots(saved);
        for (Map.Entry<String, float[]> e : rest.entrySet()) {
            if (e.getKey().equals("learningRate")) {
                learningRate = OptimizerState.exactValue("learningRate", e.getValue());
            } else if (!importScalar(e.getKey(), e.getValue())) {
                throw new IllegalArgumentException("unknown " + label + " state entry '" + e.getKey() + "'");
            }
        }
    }

    /** Adds the subclass's scalar state to an export; none by default. */
    void exportScalars(Map<String, float[]> out) {
    }

    /** Takes one scalar entry of an import; returns false for a key the subclass does not know. */
    boolean importScalar(String key, float[] values) {
        return false;
    }
}
