package dev.gan4j.core.nn;

import dev.gan4j.api.Backend;
import dev.gan4j.api.GradientSink;
import dev.gan4j.api.LayerCache;
import dev.gan4j.api.Parameter;
import dev.gan4j.api.Tensor;
import java.util.Arrays;
import java.util.List;

/**
 * What {@link BatchNorm} and {@link BatchNorm2d} share: the options, and per feature (a value of
 * the sample, or a channel) the trainable {@code gamma} (initially 1) and {@code beta} (initially 0)
 * and the {@code runningMean} (0) and {@code runningVar} (1) buffers, in that order.
 */
abstract sealed class AbstractBatchNorm extends SameShapeLayer permits BatchNorm, BatchNorm2d {

    final Backend backend;
    final String id;
    final float momentum;
    final float epsilon;
    final Parameter gamma;
    final Parameter beta;
    final Parameter runningMean;
    final Parameter runningVar;

    /**
     * @param type the layer's type name, for errors
     * @param features how many features are normalised apart
     */
    AbstractBatchNorm(Backend backend, String id, String type, int[] shape, int features, double momentum,
            double epsilon) {
        super(shape);
        if (!(momentum > 0 && momentum <= 1)) {
            throw new IllegalArgumentException(id + ": " + type + " momentum must be in (0, 1], got " + momentum);
        }
        if (!(epsilon > 0 && Double.isFinite(epsilon))) {
            throw new IllegalArgumentException(id + ": " + type + " epsilon must be positive, got " + epsilon);
        }
        this.backend = backend;
        this.id = id;
        this.momentum = (float) momentum;
        this.epsilon = (float) epsilon;
        float[] ones = new float[features];
        Arrays.fill(ones, 1f);
        this.gamma = new Parameter(id + ".gamma", Parameter.Kind.BIAS, backend.fromArray(ones, features));
        this.beta = new Parameter(id + ".beta", Parameter.Kind.BIAS, backend.zeros(features));
        this.runningMean = new Parameter(id + ".runningMean", Parameter.Kind.BUFFER, backend.zeros(features));
        this.runningVar = new Parameter(id + ".runningVar", Parameter.Kind.BUFFER, backend.fromArray(ones, features));
    }

    public final Parameter gamma() {
        return gamma;
    }

    public final Parameter beta() {
        return beta;
    }

    public final Parameter runningMean() {
        return runningMean;
    }

    public final Parameter runningVar() {
        return runningVar;
    }

    @Override
    public final List<Parameter> parameters() {
        return List.of(gamma, beta, runningMean, runningVar);
    }

    /**
     * What a call site keeps per feature: the batch's statistics of the last forward pass, the
     * gradient sums of the last backward pass, and the scale {@code γ/σ}; a layer's cache adds its
     * per-batch tensors.
     */
    static class FeatureCache implements LayerCache {
        final Backend backend;
        final Tensor negMean;
        final Tensor variance;
        final Tensor invStd;
        final Tensor sumGrad;
        final Tensor sumGradXhat;
        final Tensor scale;

        FeatureCache(Backend backend, int features) {
            this.backend = backend;
            this.negMean = backend.zeros(features);
            this.variance = backend.zeros(features);
            this.invStd = backend.zeros(features);
            this.sumGrad = backend.zeros(features);
            this.sumGradXhat = backend.zeros(features);
            this.scale = backend.zeros(features);
        }
    }

    /** Adds dγ = {@code sumGradXhat} and dβ = {@code sumGrad} to the sink's accumulators. */
    final void addParameterGradients(Tensor sumGradXhat, Tensor sumGrad, GradientSink sink) {
        Tensor dGamma = sink.gradient(gamma);
        Tensor dBeta = sink.gradient(beta);
        backend.axpby(1f, dGamma, 1f, sumGradXhat, dGamma);
        backend.axpby(1f, dBeta, 1f, sumGrad, dBeta);
    }
}
