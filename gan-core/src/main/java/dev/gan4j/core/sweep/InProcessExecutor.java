package dev.gan4j.core.sweep;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Runs a rung's tasks one after another in this thread, with {@link TrialRunner#run(TrialTask)}:
 * for library use and tests. Not in parallel threads: a backend's BLAS thread count is
 * process-wide and one JVM shares its heap between trials, so parallel trials get their own
 * processes ({@link ProcessExecutor}).
 */
public final class InProcessExecutor implements TrialExecutor {

    private final TrialSetup setup;

    /** Prepares trials with the {@link TrialSetup} found on the class path. */
    public InProcessExecutor() {
        this.setup = null;
    }

    /** Prepares trials with {@code setup}. */
    public InProcessExecutor(TrialSetup setup) {
        this.setup = java.util.Objects.requireNonNull(setup, "setup");
    }

    @Override
    public List<TrialOutcome> run(List<TrialTask> tasks) {
        return run(tasks, outcome -> { });
    }

    @Override
    public List<TrialOutcome> run(List<TrialTask> tasks, Consumer<TrialOutcome> finished) {
        List<TrialOutcome> out = new ArrayList<>();
        for (TrialTask t : tasks) {
            TrialOutcome o = setup == null ? TrialRunner.run(t) : TrialRunner.run(t, setup);
            finished.accept(o);
            out.add(o);
        }
        return out;
    }
}
