package dev.gan4j.core.nn;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.gan4j.api.LayerConfig;

/**
 * {@code {"type": "conv-transpose2d", "filters": 64, "kernel": 4, "stride": 2, "padding": 1}}: a 2-d
 * transposed convolution over {@code [C, H, W]} images, with PyTorch's {@code ConvTranspose2d}
 * defaults; the output height is {@code (H − 1)·stride − 2·padding + kernel + outputPadding}.
 *
 * @param filters output channels, positive
 * @param kernel height and width of the square kernel, positive
 * @param stride step on both axes, positive (default 1)
 * @param padding at least 0 and less than the kernel (default 0)
 * @param outputPadding added to one side of the output, at least 0 and less than the stride (default 0)
 * @param bias whether a bias is added per output channel (default true)
 * @param init weight initialisation (default {@code pytorch}, PyTorch's own)
 */
public record ConvTranspose2dConfig(int filters, int kernel, int stride, int padding, int outputPadding, boolean bias,
        Initializer init) implements LayerConfig {

    public ConvTranspose2dConfig {
        Conv2dConfig.checkConvolution(filters, kernel, stride, padding, init);
        if (outputPadding < 0 || outputPadding >= stride) {
            throw new IllegalArgumentException("outputPadding must be at least 0 and less than the stride " + stride
                    + ", got " + outputPadding);
        }
    }

    @JsonCreator
    static ConvTranspose2dConfig fromJson(@JsonProperty(value = "filters", required = true) int filters,
            @JsonProperty(value = "kernel", required = true) int kernel, @JsonProperty("stride") Integer stride,
            @JsonProperty("padding") Integer padding, @JsonProperty("outputPadding") Integer outputPadding,
            @JsonProperty("bias") Boolean bias, @JsonProperty("init") Initializer init) {
        return new ConvTranspose2dConfig(filters, kernel, stride == null ? 1 : stride, padding == null ? 0 : padding,
                outputPadding == null ? 0 : outputPadding, bias == null || bias,
                init == null ? Initializer.PYTORCH : init);
    }
}
