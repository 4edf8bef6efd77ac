package dev.gan4j.core.sweep;

import java.io.Serializable;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * What a {@link TrialTask} produced. Serialisable, so that an executor may ship it back from
 * another process or machine.
 *
 * @param trialId the task's trial
 * @param rung the task's rung
 * @param iterations the task's iteration
 * @param status how it ended
 * @param figures the evaluation after {@code iterations} by name (e.g. {@code frechetDistance}),
 *     in the evaluator's order; empty unless {@link TrialStatus#COMPLETED}. A figure the
 *     evaluator could not compute is {@link Double#NaN}
 * @param error what went wrong, empty when completed
 * @param seconds wall-clock time the task took
 */
public record TrialOutcome(String trialId, int rung, long iterations, TrialStatus status, Map<String, Double> figures,
        String error, double seconds) implements Serializable {

    /** Checks the fields and copies the figures (keeping their order). */
    public TrialOutcome {
        Objects.requireNonNull(trialId, "trialId");
        Objects.requireNonNull(status, "status");
        figures = Collections.unmodifiableMap(new LinkedHashMap<>(Objects.requireNonNull(figures, "figures")));
        error = error == null ? "" : error;
    }

    /** A completed task's outcome. */
    public static TrialOutcome completed(TrialTask task, Map<String, Double> figures, double seconds) {
        return new TrialOutcome(task.trialId(), task.rung(), task.iterations(), TrialStatus.COMPLETED, figures, "",
                seconds);
    }

    /** A failed or diverged task's outcome. */
    public static TrialOutcome ended(TrialTask task, TrialStatus status, String error, double seconds) {
        return new TrialOutcome(task.trialId(), task.rung(), task.iterations(), status, Map.of(), error, seconds);
    }
}
