package dev.gan4j.core.nn;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.gan4j.api.LayerConfig;

/**
 * {@code {"type": "minibatch-stddev", "groupSize": 4}}: minibatch standard deviation (Karras et al.
 * 2018), a discriminator layer that appends to each sample how varied its group of samples is.
 *
 * @param groupSize consecutive samples per group, at least 1 (default 4); a batch smaller than
 *     this is one group
 */
public record MinibatchStdDevConfig(int groupSize) implements LayerConfig {

    /** StyleGAN's default group size. */
    static final int DEFAULT_GROUP_SIZE = 4;

    public MinibatchStdDevConfig {
        if (groupSize < 1) {
            throw new IllegalArgumentException("groupSize must be at least 1, got " + groupSize);
        }
    }

    @JsonCreator
    static MinibatchStdDevConfig fromJson(@JsonProperty("groupSize") Integer groupSize) {
        return new MinibatchStdDevConfig(groupSize == null ? DEFAULT_GROUP_SIZE : groupSize);
    }
}
