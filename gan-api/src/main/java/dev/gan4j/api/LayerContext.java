package dev.gan4j.api;

import java.util.Arrays;
import java.util.Objects;

/**
 * What a {@link LayerType} needs to build a layer besides its configuration.
 *
 * @param backend the backend the layer's parameters live on
 * @param inputShape per-sample input shape (no batch dimension)
 * @param random the stream for initial weights; a fresh fork per layer
 * @param id prefix for the layer's parameter ids, e.g. {@code "G.0"}
 */
public record LayerContext(Backend backend, int[] inputShape, SeededRandom random, String id) {
    public LayerContext {
        Objects.requireNonNull(backend, "backend");
        Objects.requireNonNull(random, "random");
        Objects.requireNonNull(id, "id");
        inputShape = inputShape.clone();
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

    @Override
    public String toString() {
        return "LayerContext[" + id + ", input " + Arrays.toString(inputShape) + ", " + backend.name() + "]";
    }
}
