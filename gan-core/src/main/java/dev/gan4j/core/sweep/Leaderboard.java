package dev.gan4j.core.sweep;

import java.util.List;
import java.util.Map;

/**
 * A sweep's trials ranked: those that reached a later rung first, then by the objective at the
 * rung each reached (a failed, diverged or unscored trial last), ties by trial id.
 *
 * @param entries best first
 * @param iterationsRun the iterations successive halving trained, counting each recorded
 *     (trial, rung) from the previous rung's end
 * @param iterationsAllToEnd the iterations every trial trained to the last rung would take
 * @param complete whether every rung has been run
 */
public record Leaderboard(List<Entry> entries, long iterationsRun, long iterationsAllToEnd, boolean complete) {

    /** Copies the entries. */
    public Leaderboard {
        entries = List.copyOf(entries);
    }

    /**
     * One trial's standing.
     *
     * @param rank from 1
     * @param trial the trial
     * @param rung the last rung it was recorded at, -1 if none yet
     * @param iterations that rung's iterations, 0 if none
     * @param status its outcome there, null if none yet
     * @param figures its evaluation there
     * @param objective the objective figure there, NaN if none
     * @param error its error there, empty if none
     * @param seconds the time its tasks took, summed over rungs
     */
    public record Entry(int rank, Trial trial, int rung, long iterations, TrialStatus status,
            Map<String, Double> figures, double objective, String error, double seconds) {
    }

    /** The fraction of {@link #iterationsAllToEnd} halving did not need to train. */
    public double saved() {
        return iterationsAllToEnd == 0 ? 0 : 1 - (double) iterationsRun / iterationsAllToEnd;
    }
}
