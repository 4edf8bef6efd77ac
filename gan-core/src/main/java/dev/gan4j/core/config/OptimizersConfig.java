package dev.gan4j.core.config;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import dev.gan4j.api.OptimizerConfig;

/**
 * The two optimisers of a GAN ({@code "optimizers"} in an experiment); each network gets its own
 * instance and state.
 *
 * @param discriminator D's optimiser
 * @param generator G's optimiser
 */
@JsonPropertyOrder({"discriminator", "generator"})
public record OptimizersConfig(ScheduledOptimizerConfig discriminator, ScheduledOptimizerConfig generator) {

    public OptimizersConfig {
        if (discriminator == null || generator == null) {
            throw new IllegalArgumentException((discriminator == null ? "discriminator" : "generator")
                    + " must be given, e.g. {\"type\": \"sgd\", \"learningRate\": 0.1}");
        }
    }

    /** Both optimisers at constant learning rates. */
    public OptimizersConfig(OptimizerConfig discriminator, OptimizerConfig generator) {
        this(discriminator == null ? null : new ScheduledOptimizerConfig(discriminator),
                generator == null ? null : new ScheduledOptimizerConfig(generator));
    }

    @JsonCreator
    static OptimizersConfig fromJson(
            @JsonProperty(value = "discriminator", required = true) ScheduledOptimizerConfig discriminator,
            @JsonProperty(value = "generator", required = true) ScheduledOptimizerConfig generator) {
        return new OptimizersConfig(discriminator, generator);
    }
}
