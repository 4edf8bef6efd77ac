package dev.gan4j.api;

import java.util.Arrays;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * What a {@link LayerType} needs to build a layer besides its configuration.
 *
 * <p>A model is planned by building it once on a shape-only backend whose tensors have shapes and
 * no values (gan-core counts what the layers allocate there, to estimate memory and report shape
 * errors before anything large exists). Layers should therefore make tensors of initial values
 * with {@link #initialized}, which skips the host array and the initialiser while planning.
 *
 * @param backend the backend the layer's parameters live on
 * @param inputShape per-sample input shape (no batch dimension)
 * @param random the stream for initial weights; a fresh fork per layer
 * @param id prefix for the layer's parameter ids, e.g. {@code "G.0"}
 * @param planning whether the layer is being built on a shape-only backend to be measured, so
 *     initial values are never read
 */
public record LayerContext(Backend backend, int[] inputShape, SeededRandom random, String id, boolean planning) {
    public LayerContext {
        Objects.requireNonNull(backend, "backend");
        Objects.requireNonNull(random, "random");
        Objects.requireNonNull(id, "id");
        inputShape = inputShape.clone();
    }

    /** The context of a layer built to be used, not planned. */
    public LayerContext(Backend backend, int[] inputShape, SeededRandom random, String id) {
        this(backend, inputShape, random, id, false);
    }

    @Override
    public int[] inputShape() {
        return inputShape.clone();
    }

    /** Product of the input dimensions. */
    public int inputSize() {
        int n = 1;
        for (int d : inputShape) {
            n *= d;
        }
        return n;
    }

    /**
     * A tensor of {@code shape} on the backend holding what {@code values} writes into a host array
     * of its size (initially zeros). While {@linkplain #planning planning}, {@code values} is not
     * called and no host array is made: the tensor holds zeros.
     */
    public Tensor initialized(Consumer<float[]> values, int... shape) {
        if (planning) {
            return backend.zeros(shape);
        }
        long n = 1;
        for (int d : shape) {
            n *= d;
        }
        float[] host = new float[Math.toIntExact(n)];
        values.accept(host);
        return backend.fromArray(host, shape);
    }

    @Override
    public String toString() {
        return "LayerContext[" + id + ", input " + Arrays.toString(inputShape) + ", " + backend.name()
                + (planning ? ", planning" : "") + "]";
    }
}
