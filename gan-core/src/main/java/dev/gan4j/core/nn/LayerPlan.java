package dev.gan4j.core.nn;

import dev.gan4j.api.Layer;
import dev.gan4j.api.Parameter;
import java.util.Arrays;

/**
 * What one layer would be, worked out from its configuration and input shape without building
 * it: its output shape and how many float values it holds. Planning a whole model first lets a
 * shape mismatch be reported before anything is allocated, and an experiment too large for the
 * heap be refused before it allocates gigabytes.
 *
 * @param inputShape per-sample input shape
 * @param outputShape per-sample output shape
 * @param trainableValues values of the parameters an optimiser updates (each also gets a gradient
 *     and optimiser state)
 * @param bufferValues values of the parameters no optimiser updates (e.g. batch-norm running statistics)
 * @param cacheValuesPerSample values one call site keeps per sample of a batch (outputs, input
 *     gradients, masks)
 * @param cacheValuesPerCallSite values one call site keeps whatever the batch size (per-feature statistics)
 */
public record LayerPlan(int[] inputShape, int[] outputShape, long trainableValues, long bufferValues,
        long cacheValuesPerSample, long cacheValuesPerCallSite) {

    public LayerPlan {
        inputShape = inputShape.clone();
        outputShape = outputShape.clone();
        if (trainableValues < 0 || bufferValues < 0 || cacheValuesPerSample < 0 || cacheValuesPerCallSite < 0) {
            throw new IllegalArgumentException("value counts must be >= 0");
        }
    }

    /** A layer without parameters whose output has the shape of its input, keeping {@code tensors} per-sample tensors. */
    static LayerPlan sameShape(int[] shape, long parameters, int tensors) {
        long size = Shapes.size(shape);
        return new LayerPlan(shape, shape, parameters, 0, tensors * size, 0);
    }

    /**
     * The plan of a layer that has been built, for layer types that cannot plan themselves:
     * parameter counts are exact; the cache is taken to be an output and an input gradient per
     * sample, as for most layers.
     */
    public static LayerPlan of(Layer layer) {
        long trainable = 0;
        long buffers = 0;
        for (Parameter p : layer.parameters()) {
            if (p.trainable()) {
                trainable += p.value().size();
            } else {
                buffers += p.value().size();
            }
        }
        return new LayerPlan(layer.inputShape(), layer.outputShape(), trainable, buffers,
                (long) Shapes.size(layer.inputShape()) + Shapes.size(layer.outputShape()), 0);
    }

    /** Values per sample of the input. */
    public int inputSize() {
        return Shapes.size(inputShape);
    }

    /** Values per sample of the output. */
    public int outputSize() {
        return Shapes.size(outputShape);
    }

    /** Every parameter value, trainable or not. */
    public long parameterValues() {
        return trainableValues + bufferValues;
    }

    @Override
    public int[] inputShape() {
        return inputShape.clone();
    }

    @Override
    public int[] outputShape() {
        return outputShape.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof LayerPlan p && Arrays.equals(inputShape, p.inputShape)
                && Arrays.equals(outputShape, p.outputShape) && trainableValues == p.trainableValues
                && bufferValues == p.bufferValues && cacheValuesPerSample == p.cacheValuesPerSample
                && cacheValuesPerCallSite == p.cacheValuesPerCallSite;
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(outputShape) * 31 + Long.hashCode(trainableValues);
    }

    @Override
    public String toString() {
        return "LayerPlan[" + Arrays.toString(inputShape) + " -> " + Arrays.toString(outputShape) + ", "
                + trainableValues + " trainable, " + bufferValues + " buffer values]";
    }
}
