package dev.gan4j.examples;

import dev.gan4j.core.train.AdversarialTrainer;
import dev.gan4j.core.train.IterationStats;
import dev.gan4j.core.train.TrainingListener;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.Locale;

/**
 * Prints one line of losses, scores and time left about every 5% of the iterations: the progress
 * report for logs and pipes, where a redrawn bar ({@link ProgressBar}) would be noise. The time
 * left counts only this session's iterations, so a resumed run's estimate is right too.
 */
final class ProgressPrinter implements TrainingListener {

    private final PrintWriter out;
    private final int total;
    private final int every;
    private final long start;
    private int base = -1;

    ProgressPrinter(PrintWriter out, int total) {
        this.out = out;
        this.total = total;
        this.every = Math.max(1, total / 20);
        this.start = System.nanoTime();
    }

    @Override
    public void onIteration(AdversarialTrainer trainer, IterationStats s) {
        int i = s.iteration();
        if (base < 0) {
            base = i - 1;
        }
        if (i % every != 0 && i != total) {
            return;
        }
        long elapsed = System.nanoTime() - start;
        Duration left = Duration.ofNanos((long) ((double) elapsed / (i - base) * (total - i)));
        out.printf(Locale.ROOT, "[%3d%%] iteration %d/%d  d_loss %.4f  g_loss %.4f  D(real) %.3f  D(fake) %.3f  "
                + "%s elapsed, %s left%n", (int) (100L * i / total), i, total, s.dLoss(), s.gLoss(), s.dReal(),
                s.dFake(), Durations.format(Duration.ofNanos(elapsed)), Durations.format(left));
        out.flush();
    }
}
