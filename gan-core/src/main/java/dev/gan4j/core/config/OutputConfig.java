package dev.gan4j.core.config;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * What a run writes besides metrics ({@code "output"} in an experiment).
 *
 * @param sampleEvery write a sample grid every this many iterations; 0 writes only the final grid
 *     (default {@value #DEFAULT_SAMPLE_EVERY})
 * @param sampleCount samples per grid, 1 to {@value #MAX_SAMPLE_COUNT}; for a conditional model
 *     rounded down to a multiple of the class count, at least one per class (default
 *     {@value #DEFAULT_SAMPLE_COUNT})
 * @param plotEvery redraw {@code curves.png} and {@code report.html} every this many iterations;
 *     0 only at checkpoints and at the end (default {@value #DEFAULT_PLOT_EVERY})
 * @param checkpointEvery write a checkpoint every this many iterations; 0 only at the start, at
 *     the end and when stopped (default {@value #DEFAULT_CHECKPOINT_EVERY})
 * @param keepCheckpoints how many of the newest checkpoints to keep, at least 1 (default
 *     {@value #DEFAULT_KEEP_CHECKPOINTS}); the best one by evaluation score is kept besides
 * @param divergence what to do when training diverges (default {@link DivergenceConfig#defaults()})
 * @param evaluateEvery score the generator with the evaluation classifier every this many
 *     iterations and after the last one, writing the figures to {@code metrics.jsonl}; 0 never
 *     (default 0)
 * @param evaluateSamples samples generated for each evaluation, {@value #MIN_EVALUATE_SAMPLES}
 *     to {@value #MAX_EVALUATE_SAMPLES} (default {@value #DEFAULT_EVALUATE_SAMPLES}); the Fréchet
 *     distance depends on it, so compare runs at equal counts
 */
@JsonPropertyOrder({"sampleEvery", "sampleCount", "plotEvery", "checkpointEvery", "keepCheckpoints", "divergence",
    "evaluateEvery", "evaluateSamples"})
public record OutputConfig(int sampleEvery, int sampleCount, int plotEvery, int checkpointEvery, int keepCheckpoints,
        DivergenceConfig divergence, int evaluateEvery, int evaluateSamples) {

    /** Default grid interval in iterations. */
    public static final int DEFAULT_SAMPLE_EVERY = 100;
    /** Default samples per grid: a 10 × 10 grid. */
    public static final int DEFAULT_SAMPLE_COUNT = 100;
    /** Largest grid; beyond this a PNG stops being readable. */
    public static final int MAX_SAMPLE_COUNT = 1024;
    /** Default curve and report interval in iterations. */
    public static final int DEFAULT_PLOT_EVERY = 100;
    /** Default checkpoint interval in iterations. */
    public static final int DEFAULT_CHECKPOINT_EVERY = 100;
    /** Default number of checkpoints kept. */
    public static final int DEFAULT_KEEP_CHECKPOINTS = 3;
    /** Default samples per evaluation. */
    public static final int DEFAULT_EVALUATE_SAMPLES = 2000;
    /** Fewest samples per evaluation: below this the figures are mostly noise. */
    public static final int MIN_EVALUATE_SAMPLES = 100;
    /** Most samples per evaluation. */
    public static final int MAX_EVALUATE_SAMPLES = 100_000;

    public OutputConfig {
        if (sampleEvery < 0) {
            throw new IllegalArgumentException("sampleEvery must be >= 0 (0 = final grid only), got " + sampleEvery);
        }
        if (sampleCount < 1 || sampleCount > MAX_SAMPLE_COUNT) {
            throw new IllegalArgumentException("sampleCount must be in [1, " + MAX_SAMPLE_COUNT + "], got "
                    + sampleCount);
        }
        if (plotEvery < 0) {
            throw new IllegalArgumentException("plotEvery must be >= 0 (0 = at checkpoints and the end), got "
                    + plotEvery);
        }
        if (checkpointEvery < 0) {
            throw new IllegalArgumentException("checkpointEvery must be >= 0 (0 = at the end and when stopped), got "
                    + checkpointEvery);
        }
        if (keepCheckpoints < 1) {
            throw new IllegalArgumentException("keepCheckpoints must be at least 1, got " + keepCheckpoints);
        }
        divergence = divergence == null ? DivergenceConfig.defaults() : divergence;
        if (evaluateEvery < 0) {
            throw new IllegalArgumentException("evaluateEvery must be >= 0 (0 = never), got " + evaluateEvery);
        }
        if (evaluateSamples < MIN_EVALUATE_SAMPLES || evaluateSamples > MAX_EVALUATE_SAMPLES) {
            throw new IllegalArgumentException("evaluateSamples must be in [" + MIN_EVALUATE_SAMPLES + ", "
                    + MAX_EVALUATE_SAMPLES + "], got " + evaluateSamples);
        }
    }

    /** Grids as given; curves, checkpoints and divergence handling as by default; no evaluation. */
    public OutputConfig(int sampleEvery, int sampleCount) {
        this(sampleEvery, sampleCount, DEFAULT_PLOT_EVERY, DEFAULT_CHECKPOINT_EVERY, DEFAULT_KEEP_CHECKPOINTS,
                DivergenceConfig.defaults(), 0, DEFAULT_EVALUATE_SAMPLES);
    }

    /** The defaults: a 100-sample grid every 100 iterations, curves and a checkpoint every 100. */
    public static OutputConfig defaults() {
        return new OutputConfig(DEFAULT_SAMPLE_EVERY, DEFAULT_SAMPLE_COUNT);
    }

    @JsonCreator
    static OutputConfig fromJson(@JsonProperty("sampleEvery") Integer sampleEvery,
            @JsonProperty("sampleCount") Integer sampleCount, @JsonProperty("plotEvery") Integer plotEvery,
            @JsonProperty("checkpointEvery") Integer checkpointEvery,
            @JsonProperty("keepCheckpoints") Integer keepCheckpoints,
            @JsonProperty("divergence") DivergenceConfig divergence,
            @JsonProperty("evaluateEvery") Integer evaluateEvery,
            @JsonProperty("evaluateSamples") Integer evaluateSamples) {
        return new OutputConfig(sampleEvery == null ? DEFAULT_SAMPLE_EVERY : sampleEvery,
                sampleCount == null ? DEFAULT_SAMPLE_COUNT : sampleCount,
                plotEvery == null ? DEFAULT_PLOT_EVERY : plotEvery,
                checkpointEvery == null ? DEFAULT_CHECKPOINT_EVERY : checkpointEvery,
                keepCheckpoints == null ? DEFAULT_KEEP_CHECKPOINTS : keepCheckpoints, divergence,
                evaluateEvery == null ? 0 : evaluateEvery,
                evaluateSamples == null ? DEFAULT_EVALUATE_SAMPLES : evaluateSamples);
    }
}
