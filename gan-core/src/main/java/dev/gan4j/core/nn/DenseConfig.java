package dev.gan4j.core.nn;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.gan4j.api.LayerConfig;

/**
 * {@code {"type": "dense", "units": 784, "init": "xavier", "bias": true, "activation": "sigmoid"}}.
 *
 * @param units output features, positive
 * @param init weight initialisation (default {@code xavier})
 * @param bias whether the layer adds a bias (default true)
 * @param activation applied to the output, or {@code null} for none (the default); the layer adds
 *     its bias inside the activation's pass where the backend can
 * @param slope the gradient of {@code leaky-relu} for negative inputs, in [0, 1) (default 0.2);
 *     {@code null} for every other activation
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record DenseConfig(int units, Initializer init, boolean bias, ActivationFunction activation, Float slope)
        implements LayerConfig {

    public DenseConfig {
        if (units <= 0) {
            throw new IllegalArgumentException("units must be positive, got " + units);
        }
        if (init == null) {
            throw new IllegalArgumentException("init must be one of toolbox, xavier, he, normal, pytorch, dcgan");
        }
        if (activation == ActivationFunction.LEAKY_RELU) {
            if (slope == null || !(slope >= 0f && slope < 1f)) {
                throw new IllegalArgumentException("slope must be in [0, 1), got " + slope);
            }
        } else if (slope != null) {
            throw new IllegalArgumentException("slope is only used with \"activation\": \"leaky-relu\"");
        }
    }

    /** A dense layer without an activation. */
    public DenseConfig(int units, Initializer init, boolean bias) {
        this(units, init, bias, null, null);
    }

    /** The activation's parameter: the slope of a leaky ReLU, else 0. */
    float activationParameter() {
        return slope == null ? 0f : slope;
    }

    @JsonCreator
    static DenseConfig fromJson(@JsonProperty(value = "units", required = true) int units,
            @JsonProperty("init") Initializer init, @JsonProperty("bias") Boolean bias,
            @JsonProperty("activation") ActivationFunction activation, @JsonProperty("slope") Float slope) {
        Float s = slope == null && activation == ActivationFunction.LEAKY_RELU ? Float.valueOf(0.2f) : slope;
        return new DenseConfig(units, init == null ? Initializer.XAVIER : init, bias == null || bias, activation, s);
    }
}
