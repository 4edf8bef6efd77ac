package dev.gan4j.core.nn;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.gan4j.api.LayerConfig;

/**
 * {@code {"type": "avg-pool2d", "kernel": 2}}: average pooling of {@code [C, H, W]} images, as
 * PyTorch's {@code AvgPool2d} with its defaults (padded zeros count in the average).
 *
 * @param kernel height and width of the square window, positive
 * @param stride step on both axes, positive (default: the kernel)
 * @param padding zeros added on every side, at least 0 and at most half the kernel (default 0)
 */
public record AvgPool2dConfig(int kernel, int stride, int padding) implements LayerConfig {

    public AvgPool2dConfig {
        if (kernel <= 0) {
            throw new IllegalArgumentException("kernel must be positive, got " + kernel);
        }
        if (stride <= 0) {
            throw new IllegalArgumentException("stride must be positive, got " + stride);
        }
        if (padding < 0 || 2 * padding > kernel) {
            throw new IllegalArgumentException("padding must be at least 0 and at most half the kernel " + kernel
                    + ", got " + padding);
        }
    }

    @JsonCreator
    static AvgPool2dConfig fromJson(@JsonProperty(value = "kernel", required = true) int kernel,
            @JsonProperty("stride") Integer stride, @JsonProperty("padding") Integer padding) {
        return new AvgPool2dConfig(kernel, stride == null ? kernel : stride, padding == null ? 0 : padding);
    }
}
