package dev.gan4j.core.sweep;

/** How a {@link TrialTask} ended. */
public enum TrialStatus {
    /** The run reached the task's iteration and was evaluated. */
    COMPLETED,
    /** The run could not be trained or evaluated; the outcome's error says why. */
    FAILED,
    /** Training diverged (see the experiment's {@code output.divergence}); the trial is not promoted. */
    DIVERGED
}
