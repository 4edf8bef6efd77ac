package dev.gan4j.api;

/**
 * Whether a forward pass is for training or for inference. Affects layers such as dropout and
 * batch normalisation; it is separate from whether a layer's parameters are trainable.
 */
public enum Mode {
    TRAIN,
    EVAL
}
