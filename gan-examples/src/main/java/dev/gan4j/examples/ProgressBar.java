package dev.gan4j.examples;

import dev.gan4j.core.train.AdversarialTrainer;
import dev.gan4j.core.train.IterationStats;
import dev.gan4j.core.train.TrainingListener;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.Locale;
import java.util.function.LongSupplier;

/**
 * A one-line progress bar for a terminal, redrawn in place at most ten times a second:
 *
 * <pre>
 *  45% [=========>           ] 675/1,500  12.3 it/s  ETA 1m 07s  D 0.2310  G 0.5123  D(real) 0.61  D(fake) 0.32
 * </pre>
 *
 * <p>The rate counts only the iterations of this session (a resumed run starts its clock at the
 * checkpoint), and the line is cut to the terminal's width ({@code COLUMNS}, else 100), since a
 * wrapped line can no longer be redrawn with a carriage return. Plain ASCII, so it reads the
 * same in any terminal encoding. Messages printed meanwhile go through {@link #clear()} first.
 */
final class ProgressBar implements TrainingListener {

    /** Shortest interval between redraws, in nanoseconds. */
    static final long REDRAW_NANOS = 100_000_000L;
    private static final String CLEAR_TO_END = "\u001b[K";

    private final PrintWriter out;
    private final int total;
    private final int width;
    private final LongSupplier clock;
    private long start = Long.MIN_VALUE;
    private int base;
    private long lastDraw;
    private boolean drawn;

    /**
     * @param width the terminal's width in columns
     * @param clock nanosecond time source ({@link System#nanoTime} outside tests)
     */
    ProgressBar(PrintWriter out, int total, int width, LongSupplier clock) {
        this.out = out;
        this.total = total;
        this.width = Math.max(40, width);
        this.clock = clock;
    }

    /** A bar for this terminal: its width from {@code COLUMNS}, else 100 columns. */
    static ProgressBar forTerminal(PrintWriter out, int total) {
        int columns = 100;
        String env = System.getenv("COLUMNS");
        if (env != null) {
            try {
                columns = Integer.parseInt(env.trim());
            } catch (NumberFormatException e) {
                // not a number: keep the default
            }
        }
        return new ProgressBar(out, total, columns, System::nanoTime);
    }

    @Override
    public void onIteration(AdversarialTrainer trainer, IterationStats s) {
        long now = clock.getAsLong();
        if (start == Long.MIN_VALUE) {
            // the first iteration of this session: the clock starts when it started
            start = now - (long) (s.seconds() * 1e9);
            base = s.iteration() - 1;
        }
        if (drawn && now - lastDraw < REDRAW_NANOS && s.iteration() != total) {
            return;
        }
        lastDraw = now;
        out.print("\r" + line(s, now) + CLEAR_TO_END);
        out.flush();
        drawn = true;
    }

    /** The bar's text for {@code s} at time {@code now}, at most {@code width - 1} characters. */
    String line(IterationStats s, long now) {
        int i = s.iteration();
        double seconds = Math.max(1e-9, (now - start) / 1e9);
        double rate = (i - base) / seconds;
        String eta = rate > 0 && i < total ? "ETA " + Durations.format(Duration.ofNanos((long) ((total - i) / rate
                * 1e9))) : "ETA -";
        String counts = String.format(Locale.ROOT, "%,d/%,d", i, total);
        String figures = String.format(Locale.ROOT, "  %s  %s  D %.4f  G %.4f  D(real) %.2f  D(fake) %.2f",
                rate >= 10 ? String.format(Locale.ROOT, "%.0f it/s", rate)
                        : String.format(Locale.ROOT, "%.2f it/s", rate), eta, s.dLoss(), s.gLoss(), s.dReal(), s.dFake());
        int percent = (int) (100L * i / total);
        String head = String.format(Locale.ROOT, "%3d%% ", percent);
        // the bar gets what is left of a third of the width at most, and at least 10 columns
        int barWidth = Math.max(10, Math.min(40, width / 3));
        StringBuilder bar = new StringBuilder(barWidth + 2).append('[');
        int filled = (int) ((long) barWidth * i / total);
        for (int k = 0; k < barWidth; k++) {
            bar.append(k < filled ? '=' : k == filled ? '>' : ' ');
        }
        bar.append("] ");
        String text = head + bar + counts + figures;
        return text.length() < width ? text : text.substring(0, width - 1);
    }

    /** Erases the bar, so that a message can be printed on a clean line; the next iteration redraws it. */
    void clear() {
        if (drawn) {
            out.print("\r" + CLEAR_TO_END);
            out.flush();
            drawn = false;
        }
    }

    /** Ends the bar's line, leaving its last state on screen. */
    void finish() {
        if (drawn) {
            out.println();
            out.flush();
            drawn = false;
        }
    }
}
