package dev.gan4j.core.nn;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.gan4j.api.LayerConfig;
import java.util.List;

/**
 * {@code {"type": "reshape", "shape": [128, 7, 7]}}: each sample viewed with another shape of the
 * same size, as PyTorch's {@code Unflatten}.
 *
 * @param shape the per-sample output shape (no batch dimension), positive dimensions
 */
public record ReshapeConfig(List<Integer> shape) implements LayerConfig {

    public ReshapeConfig {
        shape = positiveShape("shape", shape);
    }

    /** {@code shape} as an immutable list, checked: at least one dimension, every one positive. */
    static List<Integer> positiveShape(String field, List<Integer> shape) {
        if (shape == null || shape.isEmpty() || shape.stream().anyMatch(d -> d == null || d < 1)) {
            throw new IllegalArgumentException(field + " must be a list of positive dimensions, e.g. [1, 28, 28], got "
                    + shape);
        }
        return List.copyOf(shape);
    }

    /** The shape as an array. */
    int[] dimensions() {
        return shape.stream().mapToInt(Integer::intValue).toArray();
    }

    @JsonCreator
    static ReshapeConfig fromJson(@JsonProperty(value = "shape", required = true) List<Integer> shape) {
        return new ReshapeConfig(shape);
    }
}
