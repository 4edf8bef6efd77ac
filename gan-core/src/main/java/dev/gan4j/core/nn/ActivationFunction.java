package dev.gan4j.core.nn;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.gan4j.api.UnaryOp;

/** The activations a {@code dense} layer may apply to its output ({@code "activation"} in JSON). */
public enum ActivationFunction {
    @JsonProperty("sigmoid") SIGMOID(UnaryOp.SIGMOID),
    @JsonProperty("tanh") TANH(UnaryOp.TANH),
    @JsonProperty("relu") RELU(UnaryOp.RELU),
    /** Takes the dense layer's {@code "slope"}. */
    @JsonProperty("leaky-relu") LEAKY_RELU(UnaryOp.LEAKY_RELU);

    private final UnaryOp op;

    ActivationFunction(UnaryOp op) {
        this.op = op;
    }

    /** The element-wise op that computes it. */
    public UnaryOp op() {
        return op;
    }
}
