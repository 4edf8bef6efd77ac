package dev.gan4j.core.sweep;

import java.util.List;

/** Told what a {@link Sweep} does, e.g. to draw a live table; every method does nothing by default. */
public interface SweepListener {

    /** The sweep's trials are planned; {@code recorded} outcomes were found from an earlier, interrupted run. */
    default void planned(SweepConfig config, List<Trial> trials, int recorded) {
    }

    /** Rung {@code rung} starts: {@code tasks} are the trials it still has to train (others are recorded). */
    default void rungStarted(int rung, List<TrialTask> tasks) {
    }

    /** A task ended (called from an executor's thread, one at a time). */
    default void finished(TrialOutcome outcome) {
    }

    /** Rung {@code rung} is done and {@code promoted} go on to the next. */
    default void rungEnded(int rung, List<String> promoted) {
    }
}
