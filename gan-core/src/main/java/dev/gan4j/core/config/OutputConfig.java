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
 */
@JsonPropertyOrder({"sampleEvery", "sampleCount"})
public record OutputConfig(int sampleEvery, int sampleCount) {

    /** Default grid interval in iterations. */
    public static final int DEFAULT_SAMPLE_EVERY = 100;
    /** Default samples per grid: a 10 × 10 grid. */
    public static final int DEFAULT_SAMPLE_COUNT = 100;
    /** Largest grid; beyond this a PNG stops being readable. */
    public static final int MAX_SAMPLE_COUNT = 1024;

    public OutputConfig {
        if (sampleEvery < 0) {
            throw new IllegalArgumentException("sampleEvery must be >= 0 (0 = final grid only), got " + sampleEvery);
        }
        if (sampleCount < 1 || sampleCount > MAX_SAMPLE_COUNT) {
            throw new IllegalArgumentException("sampleCount must be in [1, " + MAX_SAMPLE_COUNT + "], got "
                    + sampleCount);
        }
    }

    /** The defaults: a 100-sample grid every 100 iterations. */
    public static OutputConfig defaults() {
        return new OutputConfig(DEFAULT_SAMPLE_EVERY, DEFAULT_SAMPLE_COUNT);
    }

    @JsonCreator
    static OutputConfig fromJson(@JsonProperty("sampleEvery") Integer sampleEvery,
            @JsonProperty("sampleCount") Integer sampleCount) {
        return new OutputConfig(sampleEvery == null ? DEFAULT_SAMPLE_EVERY : sampleEvery,
                sampleCount == null ? DEFAULT_SAMPLE_COUNT : sampleCount);
    }
}
