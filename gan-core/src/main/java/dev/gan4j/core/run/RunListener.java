package dev.gan4j.core.run;

import dev.gan4j.core.train.AdversarialTrainer;
import dev.gan4j.core.train.IterationStats;
import java.io.IOException;

/**
 * One concern of a {@link TrainingRun} while it trains: watching for divergence, evaluating,
 * tracking the best checkpoint, checkpointing, drawing grids, painting the report. The run
 * appends each iteration's metrics line to its {@link RunRecord}, then calls its listeners in
 * order; a listener that throws the iteration away (or stops training) hides it from the ones
 * after it.
 */
interface RunListener {

    /**
     * Handles one finished iteration, whose metrics line is written and read into the history.
     *
     * @return whether the iteration stands; {@code false} if it was rolled back or training stops
     */
    boolean onIteration(AdversarialTrainer trainer, IterationStats stats) throws IOException;

    /**
     * Handles the end of training at {@code iteration} (the last one completed), before the run's
     * status and report are written.
     *
     * @return whether the run still stands; {@code false} if it turns out to have diverged
     */
    default boolean onFinish(AdversarialTrainer trainer, int iteration) throws IOException {
        return true;
    }
}
