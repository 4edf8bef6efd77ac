package dev.gan4j.core.sweep;

import java.io.Serializable;
import java.util.Objects;

/**
 * One unit of work: bring one trial's run directory to {@code iterations}, then evaluate it.
 * Serialisable, so that an executor may ship it to another process or machine.
 *
 * @param trialId the trial's name in its sweep, e.g. {@code t007}
 * @param rung the rung this task belongs to, from 0
 * @param iterations the iteration to train (or resume) to; the run stops there and is evaluated
 * @param experimentJson the trial's fully resolved experiment: the base with its settings, and
 *     {@code training.iterations} at the sweep's full length so that learning-rate schedules do
 *     not depend on the rung
 * @param runDirectory where the trial's run directory is, as a path string
 */
public record TrialTask(String trialId, int rung, long iterations, String experimentJson, String runDirectory)
        implements Serializable {

    /** Checks the fields. */
    public TrialTask {
        Objects.requireNonNull(trialId, "trialId");
        Objects.requireNonNull(experimentJson, "experimentJson");
        Objects.requireNonNull(runDirectory, "runDirectory");
        if (rung < 0) {
            throw new IllegalArgumentException("rung must be at least 0, got " + rung);
        }
        if (iterations < 1 || iterations > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("iterations must be between 1 and " + Integer.MAX_VALUE + ", got "
                    + iterations);
        }
    }
}
