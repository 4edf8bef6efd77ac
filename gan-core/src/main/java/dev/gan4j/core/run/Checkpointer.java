package dev.gan4j.core.run;

import dev.gan4j.core.train.AdversarialTrainer;
import dev.gan4j.core.train.IterationStats;
import java.io.IOException;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes a checkpoint every {@code output.checkpointEvery} iterations and at the end of a run
 * (if its last iteration has none yet), keeping the newest {@code output.keepCheckpoints}. A new
 * run also checkpoints iteration 0, the point a rollback returns to if training diverges before
 * the first scheduled checkpoint. The {@link DivergenceWatch} before it makes sure the
 * parameters are finite when a checkpoint is due.
 */
final class Checkpointer implements RunListener {

    private static final Logger LOG = LoggerFactory.getLogger(Checkpointer.class);

    private final RunRecord run;
    private int last;
    /** The iteration the last rollback returned to, while no newer checkpoint has been written. */
    private long rollbackFloor = Long.MAX_VALUE;

    /** @param last the iteration of the newest checkpoint in the run, -1 if there is none */
    Checkpointer(RunRecord run, int last) {
        this.run = run;
        this.last = last;
    }

    @Override
    public boolean onIteration(AdversarialTrainer trainer, IterationStats stats) throws IOException {
        if (run.checkpoints().due(stats.iteration())) {
            write(trainer);
        }
        return true;
    }

    @Override
    public boolean onFinish(AdversarialTrainer trainer, int iteration) throws IOException {
        if (last != iteration) {
            write(trainer);
        }
        return true;
    }

    /** Checkpoints the trainer's state now, once the metrics up to it are on disk. */
    void write(AdversarialTrainer trainer) throws IOException {
        run.sync();
        Path file = run.checkpoints().write(run.capture(trainer));
        last = trainer.iteration();
        rollbackFloor = Long.MAX_VALUE;
        run.status(run.status().with(RunStatus.State.RUNNING, last, ""));
        LOG.debug("wrote {}", file);
    }

    /** Whether a checkpoint will be written at {@code iteration}. */
    boolean due(int iteration) {
        return run.checkpoints().due(iteration);
    }

    /** The iteration of the newest checkpoint, -1 if there is none. */
    int last() {
        return last;
    }

    /**
     * The iteration the last rollback returned to, while no newer checkpoint has been written;
     * {@link Long#MAX_VALUE} otherwise.
     */
    long rollbackFloor() {
        return rollbackFloor;
    }

    /** Training went back to the checkpoint of {@code iteration}, and the ones after it are gone. */
    void rolledBackTo(int iteration) {
        last = iteration;
        rollbackFloor = iteration;
    }
}
