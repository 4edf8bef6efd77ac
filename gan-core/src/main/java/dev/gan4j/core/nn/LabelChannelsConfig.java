package dev.gan4j.core.nn;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.gan4j.api.LayerConfig;
import java.util.List;

/**
 * {@code {"type": "label-channels", "classes": 10, "shape": [1, 28, 28]}}: a conditional network's
 * flat {@code [image, one-hot label]} input as {@code [C + classes, H, W]} images, one constant plane
 * per class (the conditional DCGAN discriminator's input).
 *
 * @param classes width of the one-hot label at the end of the input: the experiment's class count
 * @param shape the image {@code [C, H, W]} before the label columns
 */
public record LabelChannelsConfig(int classes, List<Integer> shape) implements LayerConfig {

    public LabelChannelsConfig {
        if (classes <= 0) {
            throw new IllegalArgumentException("classes must be positive, got " + classes);
        }
        shape = ReshapeConfig.positiveShape("shape", shape);
        if (shape.size() != 3) {
            throw new IllegalArgumentException("shape must be an image [C, H, W], e.g. [1, 28, 28], got " + shape);
        }
    }

    /** The image shape as an array. */
    int[] image() {
        return shape.stream().mapToInt(Integer::intValue).toArray();
    }

    @JsonCreator
    static LabelChannelsConfig fromJson(@JsonProperty(value = "classes", required = true) int classes,
            @JsonProperty(value = "shape", required = true) List<Integer> shape) {
        return new LabelChannelsConfig(classes, shape);
    }
}
