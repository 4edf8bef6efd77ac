package dev.gan4j.core.nn;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.gan4j.api.LayerConfig;

/**
 * {@code {"type": "label-embedding", "classes": 10, "dim": 50}}.
 *
 * @param classes width of the one-hot label at the end of the input, positive
 * @param dim width of the learned embedding that replaces it, positive
 */
public record LabelEmbeddingConfig(int classes, int dim) implements LayerConfig {

    public LabelEmbeddingConfig {
        if (classes <= 0) {
            throw new IllegalArgumentException("classes must be positive, got " + classes);
        }
        if (dim <= 0) {
            throw new IllegalArgumentException("dim must be positive, got " + dim);
        }
    }

    @JsonCreator
    static LabelEmbeddingConfig fromJson(@JsonProperty(value = "classes", required = true) int classes,
            @JsonProperty(value = "dim", required = true) int dim) {
        return new LabelEmbeddingConfig(classes, dim);
    }
}
