package dev.gan4j.core.train;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * The schedule of adversarial training ({@code "training"} in an experiment).
 *
 * <p>One iteration: {@code discriminatorSteps} times, draw {@code samplesPerIteration} noise
 * vectors and as many real samples and train D on them for {@code discriminatorEpochs} epochs of
 * mini-batches; then train G through the stacked G→D on the last noise drawn, one epoch of
 * mini-batches, with D frozen. With {@code mixBatches} D's mini-batches are drawn shuffled from
 * the real and generated samples together (the tutorial's way); without, each D mini-batch step
 * runs one real and one generated batch and sums their losses (the usual modern way).
 *
 * @param iterations number of iterations, positive
 * @param samplesPerIteration N, a multiple of batchSize (default batchSize)
 * @param batchSize mini-batch size, positive
 * @param discriminatorSteps D rounds per G step, positive (default 1)
 * @param discriminatorEpochs epochs over each round's samples, positive (default 1)
 * @param mixBatches mix real and generated samples in D's mini-batches (default false)
 * @param realLabel D's target for real samples, in (0.5, 1]; below 1 is one-sided label
 *     smoothing (default 1)
 * @param clipDiscriminator if positive, D's parameters are clipped to ±this after every D step
 *     (WGAN weight clipping); 0 for none (default 0)
 * @param generatorAverage if positive, the decay β in [0.9, 1) of a {@link GeneratorAverage}
 *     of G's weights, updated after every G step, which then draws every sample (grids,
 *     evaluations, {@code gan generate}); 0 for none (default 0)
 */
public record TrainingConfig(int iterations, int samplesPerIteration, int batchSize, int discriminatorSteps,
        int discriminatorEpochs, boolean mixBatches, double realLabel, double clipDiscriminator,
        double generatorAverage) {

    /** A schedule without generator averaging. */
    public TrainingConfig(int iterations, int samplesPerIteration, int batchSize, int discriminatorSteps,
            int discriminatorEpochs, boolean mixBatches, double realLabel, double clipDiscriminator) {
        this(iterations, samplesPerIteration, batchSize, discriminatorSteps, discriminatorEpochs, mixBatches,
                realLabel, clipDiscriminator, 0);
    }

    public TrainingConfig {
        positive("iterations", iterations);
        positive("batchSize", batchSize);
        positive("samplesPerIteration", samplesPerIteration);
        positive("discriminatorSteps", discriminatorSteps);
        positive("discriminatorEpochs", discriminatorEpochs);
        if (samplesPerIteration % batchSize != 0) {
            throw new IllegalArgumentException("samplesPerIteration (" + samplesPerIteration
                    + ") must be a multiple of batchSize (" + batchSize + ")");
        }
        if (!(realLabel > 0.5 && realLabel <= 1.0)) {
            throw new IllegalArgumentException("realLabel must be in (0.5, 1], got " + realLabel);
        }
        if (!(clipDiscriminator >= 0 && Double.isFinite(clipDiscriminator))) {
            throw new IllegalArgumentException("clipDiscriminator must be >= 0, got " + clipDiscriminator);
        }
        if (!(generatorAverage == 0 || (generatorAverage >= 0.9 && generatorAverage < 1))) {
            // below 0.9 the average forgets within ten steps: no different from the last iterate
            throw new IllegalArgumentException("generatorAverage must be 0 (off) or in [0.9, 1), got "
                    + generatorAverage);
        }
    }

    @JsonCreator
    static TrainingConfig fromJson(@JsonProperty(value = "iterations", required = true) int iterations,
            @JsonProperty("samplesPerIteration") Integer samplesPerIteration,
            @JsonProperty(value = "batchSize", required = true) int batchSize,
            @JsonProperty("discriminatorSteps") Integer discriminatorSteps,
            @JsonProperty("discriminatorEpochs") Integer discriminatorEpochs,
            @JsonProperty("mixBatches") Boolean mixBatches,
            @JsonProperty("realLabel") Double realLabel,
            @JsonProperty("clipDiscriminator") Double clipDiscriminator,
            @JsonProperty("generatorAverage") Double generatorAverage) {
        return new TrainingConfig(iterations, samplesPerIteration == null ? batchSize : samplesPerIteration,
                batchSize, discriminatorSteps == null ? 1 : discriminatorSteps,
                discriminatorEpochs == null ? 1 : discriminatorEpochs, mixBatches != null && mixBatches,
                realLabel == null ? 1.0 : realLabel, clipDiscriminator == null ? 0 : clipDiscriminator,
                generatorAverage == null ? 0 : generatorAverage);
    }

    private static void positive(String field, int value) {
        if (value <= 0) {
            throw new IllegalArgumentException(field + " must be positive, got " + value);
        }
    }
}
