package dev.gan4j.core.nn;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.gan4j.api.SeededRandom;
import java.util.Arrays;

/**
 * How a dense or convolution layer's weights and biases are first drawn. A layer draws its weights, then its
 * biases, from one stream: {@link #initializeWeights} then {@link #initializeBiases}.
 */
public enum Initializer {
    /**
     * DeepLearnToolbox's {@code nnsetup}: weights <em>and</em> biases (an extra input column)
     * uniform in ±4·√(6/(fan_in+fan_out)), the range suited to sigmoid units.
     */
    @JsonProperty("toolbox") TOOLBOX,
    /** Xavier/Glorot uniform: weights uniform in ±√(6/(fan_in+fan_out)), biases 0. */
    @JsonProperty("xavier") XAVIER,
    /** He/Kaiming normal: weights N(0, 2/fan_in), biases 0. */
    @JsonProperty("he") HE,
    /** Weights N(0, 0.02²), biases 0 (the DCGAN paper's choice). */
    @JsonProperty("normal") NORMAL,
    /**
     * PyTorch's default for Linear, Conv2d and ConvTranspose2d: weights and biases uniform in
     * ±1/√fan_in (Kaiming-uniform with a = √5), with PyTorch's fan-in of the layer.
     */
    @JsonProperty("pytorch") PYTORCH,
    /**
     * The DCGAN paper's and PyTorch DCGAN example's {@code weights_init} for convolutions and dense
     * layers: weights N(0, 0.02²), biases 0; the same draws as {@link #NORMAL}, under the name
     * convolutional experiments use.
     */
    @JsonProperty("dcgan") DCGAN;

    /** Fills {@code weights} (fan_in × fan_out values). */
    public void initializeWeights(float[] weights, int fanIn, int fanOut, SeededRandom random) {
        switch (this) {
            case TOOLBOX -> {
                double r = 4.0 * Math.sqrt(6.0 / (fanIn + fanOut));
                random.fillUniform(weights, -r, r);
            }
            case XAVIER -> {
                double r = Math.sqrt(6.0 / (fanIn + fanOut));
                random.fillUniform(weights, -r, r);
            }
            case HE -> random.fillGaussian(weights, 0.0, Math.sqrt(2.0 / fanIn));
            case NORMAL, DCGAN -> random.fillGaussian(weights, 0.0, 0.02);
            case PYTORCH -> {
                double r = 1.0 / Math.sqrt(fanIn);
                random.fillUniform(weights, -r, r);
            }
        }
    }

    /** Fills {@code biases} (fan_out values), after the weights were drawn from {@code random}. */
    public void initializeBiases(float[] biases, int fanIn, int fanOut, SeededRandom random) {
        switch (this) {
            case TOOLBOX -> {
                double r = 4.0 * Math.sqrt(6.0 / (fanIn + fanOut));
                random.fillUniform(biases, -r, r);
            }
            case PYTORCH -> {
                double r = 1.0 / Math.sqrt(fanIn);
                random.fillUniform(biases, -r, r);
            }
            case XAVIER, HE, NORMAL, DCGAN -> Arrays.fill(biases, 0f);
        }
    }
}
