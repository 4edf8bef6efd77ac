package dev.gan4j.core.run;

import dev.gan4j.core.train.AdversarialTrainer;
import dev.gan4j.core.train.IterationStats;
import java.io.IOException;

/**
 * Keeps {@code curves.png} and {@code report.html} current: redrawn in the background whenever a
 * checkpoint is written and every {@code output.plotEvery} iterations, and once more, in the
 * caller's thread, when the run ends or fails.
 */
final class ReportWriter implements RunListener, AutoCloseable {

    private final RunRecord run;
    private final ReportPainter painter;
    private final int every;

    ReportWriter(RunRecord run) {
        this.run = run;
        this.painter = new ReportPainter(run.dir(), run.experiment().config().name());
        this.every = run.experiment().config().output().plotEvery();
    }

    @Override
    public boolean onIteration(AdversarialTrainer trainer, IterationStats stats) throws IOException {
        int i = stats.iteration();
        if (run.checkpoints().due(i) || (every > 0 && i % every == 0)) {
            painter.request(run.history().copy());
        }
        return true;
    }

    /** Draws the curves and the report of the history as it is now, after any pending drawing. */
    void paintNow() throws IOException {
        painter.paintNow(run.history());
    }

    /** Stops drawing. */
    @Override
    public void close() {
        painter.close();
    }
}
