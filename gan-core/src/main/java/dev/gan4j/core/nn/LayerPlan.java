package dev.gan4j.core.nn;

import dev.gan4j.api.ForwardContext;
import dev.gan4j.api.Layer;
import dev.gan4j.api.LayerCache;
import dev.gan4j.api.Mode;
import dev.gan4j.api.Parameter;
import dev.gan4j.api.SeededRandom;
import dev.gan4j.api.Tensor;
import java.util.Arrays;

/**
 * What one layer would be, measured by building it on a shape-only backend ({@link
 * Sequential#plan}): its output shape and how many float values it holds. Planning a whole model
 * first lets a shape mismatch be reported before anything is allocated, and an experiment too
 * large for the heap be refused before it allocates gigabytes. Any layer can be planned this way,
 * a user's as well as gan-core's.
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

    /**
     * The shapes and parameter counts of a built layer, for checking how networks fit together;
     * its cache is not measured (0). Use {@link Sequential#plan} for a full plan.
     */
    public static LayerPlan of(Layer layer) {
        long[] values = parameterValues(layer);
        return new LayerPlan(layer.inputShape(), layer.outputShape(), values[0], values[1], 0, 0);
    }

    /**
     * The plan of {@code layer}, built on {@code shapes}: its parameters are counted, and it runs
     * one forward and backward pass through a fresh cache at two batch sizes, so what it allocates
     * in proportion to the batch is told apart from what it allocates once per call site.
     *
     * @throws IllegalArgumentException if the layer rejects a batch of its input shape or gives an
     *     output of another shape than it declares
     */
    static LayerPlan measure(Layer layer, ShapeBackend shapes) {
        long[] values = parameterValues(layer);
        // two rows at least: batch norm refuses a single sample in training
        long small = cacheValues(layer, shapes, 2);
        long large = cacheValues(layer, shapes, 4);
        long perSample = Math.max(0, (large - small) / 2);
        long perCallSite = Math.max(0, small - 2 * perSample);
        return new LayerPlan(layer.inputShape(), layer.outputShape(), values[0], values[1], perSample, perCallSite);
    }

    /** Trainable and buffer values of {@code layer}'s parameters. */
    private static long[] parameterValues(Layer layer) {
        long trainable = 0;
        long buffers = 0;
        for (Parameter p : layer.parameters()) {
            if (p.trainable()) {
                trainable += p.value().size();
            } else {
                buffers += p.value().size();
            }
        }
        return new long[] {trainable, buffers};
    }

    /** What one call site of {@code layer} allocates for a training forward and backward pass of {@code rows} rows. */
    private static long cacheValues(Layer layer, ShapeBackend shapes, int rows) {
        int[] out = layer.outputShape();
        long before = shapes.allocated();
        LayerCache cache = layer.newCache();
        Tensor y = layer.forward(shapes.uncounted(Shapes.batch(rows, layer.inputShape())),
                new ForwardContext(Mode.TRAIN, new SeededRandom(0)), cache);
        if (y.rows() != rows || y.columns() != Shapes.size(out)) {
            throw new IllegalArgumentException("a batch of " + rows + " gives an output of shape "
                    + Arrays.toString(y.shape()) + " but the layer declares " + Arrays.toString(out) + " per sample");
        }
        // parameter gradients live in the optimiser's accounts, not the cache: not counted
        layer.backward(shapes.uncounted(y.shape()), cache, p -> shapes.uncounted(p.value().shape()));
        return shapes.allocated() - before;
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
