package dev.gan4j.core.config;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import dev.gan4j.core.optim.OptimizerConfig;

/**
 * The two optimisers of a GAN ({@code "optimizers"} in an experiment); each network gets its own
 * instance and state.
 *
 * @param discriminator D's optimiser
 * @param generator G's optimiser
 */
@JsonPropertyOrder({"discriminator", "generator"})
public record OptimizersConfig(OptimizerConfig discriminator, OptimizerConfig generator) {

    public OptimizersConfig {
        if (discriminator == null || generator == null) {
            throw new IllegalArgumentException((discriminator == null ? "discriminator" : "generator")
                    + " must be given, e.g. {\"type\": \"sgd\", \"learningRate\": 0.1}");
        }
    }

    @JsonCreator
    static OptimizersConfig fromJson(
            @JsonProperty(value = "discriminator", required = true) OptimizerConfig discriminator,
            @JsonProperty(value = "generator", required = true) OptimizerConfig generator) {
        return new OptimizersConfig(discriminator, generator);
    }
}
