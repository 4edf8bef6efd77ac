package dev.gan4j.core.nn;

import dev.gan4j.api.LayerConfig;

/**
 * {@code {"type": "flatten"}}: each sample viewed as one dimension, as PyTorch's {@code Flatten}
 * (a convolution's {@code [128, 7, 7]} as the {@code [6272]} of a dense layer's input; a dense layer
 * reads any shape by its size, so this is for clarity and for layers that need a flat input).
 */
public record FlattenConfig() implements LayerConfig {
}
