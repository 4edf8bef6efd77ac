package dev.gan4j.core.sweep;

import java.util.List;
import java.util.function.Consumer;

/**
 * Runs the tasks of one rung, in any order or in parallel, each with {@link TrialRunner#run}
 * (in this process, a child process or on another machine). The {@link Sweep} driver calls it
 * once per rung and waits, so rungs stay synchronous and the leaderboard does not depend on the
 * executor or its parallelism.
 */
public interface TrialExecutor extends AutoCloseable {

    /**
     * Runs {@code tasks} and returns one outcome per task, in any order. A task that fails is a
     * {@link TrialStatus#FAILED} outcome, not an exception: one bad trial must not stop a sweep.
     * Tasks of one call have distinct run directories.
     */
    List<TrialOutcome> run(List<TrialTask> tasks);

    /**
     * As {@link #run(List)}, handing each outcome to {@code finished} as soon as it is known (from
     * any thread, one at a time), so that a sweep records finished trials before the whole rung
     * is done. The default calls it once the rung is done; executors that can do better override it.
     */
    default List<TrialOutcome> run(List<TrialTask> tasks, Consumer<TrialOutcome> finished) {
        List<TrialOutcome> outcomes = run(tasks);
        outcomes.forEach(finished);
        return outcomes;
    }

    /** Releases the executor's workers; the default does nothing. */
    @Override
    default void close() {
    }
}
