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

    @Override
    public List<TrialOutcome> run(List<TrialTask> tasks) {
        return run(tasks, outcome -> { });
    }

    @Override
    public List<TrialOutcome> run(List<TrialTask> tasks, Consumer<TrialOutcome> finished) {
        List<TrialOutcome> out = new ArrayList<>();
        for (TrialTask t : tasks) {
            TrialOutcome o = TrialRunner.run(t);
            finished.accept(o);
            out.add(o);
        }
        return out;
    }
}
