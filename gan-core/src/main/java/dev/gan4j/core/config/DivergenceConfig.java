package dev.gan4j.core.config;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * What a run does when training diverges ({@code "output": {"divergence": {...}}} in an
 * experiment).
 *
 * <p>Divergence is a loss that is NaN or infinite (checked every iteration), a parameter that is
 * NaN or infinite (checked every {@code checkEvery} iterations and before every checkpoint, so a
 * checkpoint never holds one), or a runaway loss: {@code |loss| > runawayFactor · max(1, median
 * |loss| over the last 100 iterations)}, checked from the first iteration (the median of no
 * iterations counts as 0, so a first loss above {@code runawayFactor} runs away). A rollback
 * returns to the newest checkpoint; if training diverges again before writing a newer one, the
 * next rollback returns to an older one if one is kept, else to the same one.
 *
 * @param policy {@code stop} (default): stop with a message naming the iteration and what
 *     diverged, keeping the last good checkpoint; {@code rollback}: restore the last good
 *     checkpoint, multiply both learning rates by {@code lrFactor} and go on
 * @param lrFactor learning-rate factor of a rollback, in (0, 1) (default 0.5)
 * @param maxRollbacks rollbacks allowed over the whole run before it stops as diverged, at least
 *     0 (default 3)
 * @param runawayFactor the runaway threshold's multiple of the running median, above 1; 0 turns
 *     runaway detection off (default 100)
 * @param checkEvery parameters are checked for NaN/Inf every this many iterations, positive
 *     (default 10)
 */
@JsonPropertyOrder({"policy", "lrFactor", "maxRollbacks", "runawayFactor", "checkEvery"})
public record DivergenceConfig(Policy policy, double lrFactor, int maxRollbacks, double runawayFactor,
        int checkEvery) {

    /** What to do on divergence. */
    public enum Policy {
        /** Stop and keep the last good checkpoint. */
        @JsonProperty("stop") STOP,
        /** Restore the last good checkpoint and lower the learning rates. */
        @JsonProperty("rollback") ROLLBACK
    }

    /** Default learning-rate factor of a rollback. */
    public static final double DEFAULT_LR_FACTOR = 0.5;
    /** Default number of rollbacks allowed. */
    public static final int DEFAULT_MAX_ROLLBACKS = 3;
    /** Default runaway multiple. */
    public static final double DEFAULT_RUNAWAY_FACTOR = 100;
    /** Default parameter check interval. */
    public static final int DEFAULT_CHECK_EVERY = 10;

    public DivergenceConfig {
        policy = policy == null ? Policy.STOP : policy;
        if (!(lrFactor > 0 && lrFactor < 1)) {
            throw new IllegalArgumentException("lrFactor must be in (0, 1), got " + lrFactor);
        }
        if (maxRollbacks < 0) {
            throw new IllegalArgumentException("maxRollbacks must be >= 0, got " + maxRollbacks);
        }
        if (!(runawayFactor == 0 || (runawayFactor > 1 && Double.isFinite(runawayFactor)))) {
            throw new IllegalArgumentException("runawayFactor must be above 1, or 0 for no runaway detection, got "
                    + runawayFactor);
        }
        if (checkEvery < 1) {
            throw new IllegalArgumentException("checkEvery must be positive, got " + checkEvery);
        }
    }

    /** Stop on divergence, with the default thresholds. */
    public static DivergenceConfig defaults() {
        return new DivergenceConfig(Policy.STOP, DEFAULT_LR_FACTOR, DEFAULT_MAX_ROLLBACKS, DEFAULT_RUNAWAY_FACTOR,
                DEFAULT_CHECK_EVERY);
    }

    @JsonCreator
    static DivergenceConfig fromJson(@JsonProperty("policy") Policy policy, @JsonProperty("lrFactor") Double lrFactor,
            @JsonProperty("maxRollbacks") Integer maxRollbacks, @JsonProperty("runawayFactor") Double runawayFactor,
            @JsonProperty("checkEvery") Integer checkEvery) {
        return new DivergenceConfig(policy, lrFactor == null ? DEFAULT_LR_FACTOR : lrFactor,
                maxRollbacks == null ? DEFAULT_MAX_ROLLBACKS : maxRollbacks,
                runawayFactor == null ? DEFAULT_RUNAWAY_FACTOR : runawayFactor,
                checkEvery == null ? DEFAULT_CHECK_EVERY : checkEvery);
    }
}
