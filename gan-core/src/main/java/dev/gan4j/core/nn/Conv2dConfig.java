package dev.gan4j.core.nn;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.gan4j.api.LayerConfig;

/**
 * {@code {"type": "conv2d", "filters": 64, "kernel": 4, "stride": 2, "padding": 1, "bias": true,
 * "init": "dcgan"}}: a 2-d convolution over {@code [C, H, W]} images, with PyTorch's {@code Conv2d}
 * defaults.
 *
 * @param filters output channels, positive
 * @param kernel height and width of the square kernel, positive
 * @param stride step on both axes, positive (default 1)
 * @param padding zeros added on every side, at least 0 and less than the kernel (default 0)
 * @param bias whether a bias is added per output channel (default true)
 * @param init weight initialisation (default {@code pytorch}, PyTorch's own)
 */
public record Conv2dConfig(int filters, int kernel, int stride, int padding, boolean bias, Initializer init)
        implements LayerConfig {

    public Conv2dConfig {
        checkConvolution(filters, kernel, stride, padding, init);
    }

    /** The checks shared with {@link ConvTranspose2dConfig}. */
    static void checkConvolution(int filters, int kernel, int stride, int padding, Initializer init) {
        if (filters <= 0) {
            throw new IllegalArgumentException("filters must be positive, got " + filters);
        }
        if (kernel <= 0) {
            throw new IllegalArgumentException("kernel must be positive, got " + kernel);
        }
        if (stride <= 0) {
            throw new IllegalArgumentException("stride must be positive, got " + stride);
        }
        if (padding < 0 || padding >= kernel) {
            throw new IllegalArgumentException("padding must be at least 0 and less than the kernel " + kernel
                    + ", got " + padding);
        }
        if (init == null) {
            throw new IllegalArgumentException("init must be one of toolbox, xavier, he, normal, pytorch, dcgan");
        }
    }

    @JsonCreator
    static Conv2dConfig fromJson(@JsonProperty(value = "filters", required = true) int filters,
            @JsonProperty(value = "kernel", required = true) int kernel, @JsonProperty("stride") Integer stride,
            @JsonProperty("padding") Integer padding, @JsonProperty("bias") Boolean bias,
            @JsonProperty("init") Initializer init) {
        return new Conv2dConfig(filters, kernel, stride == null ? 1 : stride, padding == null ? 0 : padding,
                bias == null || bias, init == null ? Initializer.PYTORCH : init);
    }
}
