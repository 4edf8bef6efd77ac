package dev.gan4j.core.config;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import dev.gan4j.api.LayerConfig;
import dev.gan4j.api.LossConfig;
import dev.gan4j.core.train.Conditioning;
import dev.gan4j.core.train.NoiseConfig;
import dev.gan4j.core.train.TrainingConfig;
import java.util.List;
import java.util.regex.Pattern;

/**
 * One experiment: everything needed to train a GAN reproducibly, as bound from an experiment JSON
 * file by {@link ExperimentLoader} or built in code from the same records.
 *
 * @param name short identifier, used in run directory names: letters, digits, {@code . _ -}
 * @param description free text (default empty)
 * @param seed root of every random stream: initial weights, noise, shuffles (default 0)
 * @param backend the backend's name, or {@code null} (default) to let
 *     {@link dev.gan4j.api.Backends#select(String)} choose
 * @param data where the real samples come from
 * @param noise the generator's input noise
 * @param conditioning {@code none} (default) or {@code one-hot} class conditioning
 * @param generator the generator's layers, from noise to a sample
 * @param discriminator the discriminator's layers, from a sample to one score
 * @param loss the adversarial loss
 * @param optimizers one optimiser per network
 * @param training the schedule
 * @param output sample grids (default {@link OutputConfig#defaults()})
 */
@JsonPropertyOrder({"name", "description", "seed", "backend", "data", "noise", "conditioning", "generator",
    "discriminator", "loss", "optimizers", "training", "output"})
public record ExperimentConfig(String name, String description, long seed, String backend, DataConfig data,
        NoiseConfig noise, Conditioning conditioning, List<LayerConfig> generator, List<LayerConfig> discriminator,
        LossConfig loss, OptimizersConfig optimizers, TrainingConfig training, OutputConfig output) {

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,79}");

    public ExperimentConfig {
        if (name == null || !NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("name must be 1 to 80 letters, digits, '.', '_' or '-' (starting with "
                    + "a letter or digit) so it can name a run directory, got " + quote(name));
        }
        description = description == null ? "" : description;
        if (backend != null && backend.isBlank()) {
            backend = null;
        }
        require("data", data);
        require("noise", noise);
        require("loss", loss);
        require("optimizers", optimizers);
        require("training", training);
        conditioning = conditioning == null ? Conditioning.NONE : conditioning;
        output = output == null ? OutputConfig.defaults() : output;
        generator = layers("generator", generator);
        discriminator = layers("discriminator", discriminator);
        if (noise.bank() > 0 && training.samplesPerIteration() > noise.bank()) {
            throw new IllegalArgumentException("training.samplesPerIteration (" + training.samplesPerIteration()
                    + ") must not exceed noise.bank (" + noise.bank() + "): each iteration draws distinct bank rows");
        }
    }

    @JsonCreator
    static ExperimentConfig fromJson(@JsonProperty(value = "name", required = true) String name,
            @JsonProperty("description") String description,
            @JsonProperty("seed") Long seed,
            @JsonProperty("backend") String backend,
            @JsonProperty(value = "data", required = true) DataConfig data,
            @JsonProperty(value = "noise", required = true) NoiseConfig noise,
            @JsonProperty("conditioning") Conditioning conditioning,
            @JsonProperty(value = "generator", required = true) List<LayerConfig> generator,
            @JsonProperty(value = "discriminator", required = true) List<LayerConfig> discriminator,
            @JsonProperty(value = "loss", required = true) LossConfig loss,
            @JsonProperty(value = "optimizers", required = true) OptimizersConfig optimizers,
            @JsonProperty(value = "training", required = true) TrainingConfig training,
            @JsonProperty("output") OutputConfig output) {
        return new ExperimentConfig(name, description, seed == null ? 0L : seed, backend, data, noise, conditioning,
                generator, discriminator, loss, optimizers, training, output);
    }

    /** A copy asking for backend {@code name} ({@code null}: no preference). */
    public ExperimentConfig withBackend(String name) {
        return new ExperimentConfig(this.name, description, seed, name, data, noise, conditioning, generator,
                discriminator, loss, optimizers, training, output);
    }

    private static void require(String field, Object value) {
        if (value == null) {
            throw new IllegalArgumentException(field + " must be given");
        }
    }

    private static List<LayerConfig> layers(String field, List<LayerConfig> layers) {
        if (layers == null || layers.isEmpty()) {
            throw new IllegalArgumentException(field + " must list at least one layer");
        }
        for (int i = 0; i < layers.size(); i++) {
            if (layers.get(i) == null) {
                throw new IllegalArgumentException(field + "[" + i + "] must be a layer object, got null");
            }
        }
        return List.copyOf(layers);
    }

    private static String quote(String s) {
        return s == null ? "nothing" : "\"" + s + "\"";
    }
}
