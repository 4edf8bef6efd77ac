package dev.gan4j.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gan4j.core.train.IterationStats;
import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

class ProgressBarTest {

    private final StringWriter text = new StringWriter();
    private long now;

    private ProgressBar bar(int total, int width) {
        return new ProgressBar(new PrintWriter(text), total, width, () -> now);
    }

    private static IterationStats stats(int i) {
        return new IterationStats(i, 0.25, 0.5, 0.75, 0.125, 0.1);
    }

    @Test
    void showsPercentBarCountsRateEtaAndLosses() {
        ProgressBar b = bar(1500, 200);
        now = 100_000_000L; // iteration 1 took 0.1 s: the clock started at 0
        b.onIteration(null, stats(1));
        now = 67_500_000_000L; // 675 iterations in 67.5 s: 10 it/s
        // a 40-column bar (a third of 200, at most 40), 18 of them done
        assertEquals(" 45% [" + "=".repeat(18) + ">" + " ".repeat(21) + "] 675/1,500  10 it/s  ETA 1m 23s  D 0.2500  "
                + "G 0.5000  D(real) 0.75  D(fake) 0.13", b.line(stats(675), now));
    }

    @Test
    void aResumedRunCountsOnlyItsOwnIterations() {
        ProgressBar b = bar(1000, 200);
        now = 500_000_000L;
        b.onIteration(null, new IterationStats(501, 0.1, 0.1, 0.5, 0.5, 0.5)); // resumed at 500
        now = 10_000_000_000L; // 100 iterations in 10 s since the clock started: 10 it/s
        String line = b.line(stats(600), now);
        assertTrue(line.contains("600/1,000  10 it/s  ETA 40.0 s"), line);
    }

    @Test
    void staysWithinTheTerminalWidthAndRedrawsAtMostTenTimesASecond() {
        ProgressBar b = bar(100, 60);
        for (int i = 1; i <= 100; i++) {
            now = i * 10_000_000L; // 100 iterations a second
            b.onIteration(null, stats(i));
        }
        String out = text.toString();
        String[] frames = out.split("\r");
        // the first frame, one every 100 ms (10 in the second) and the last iteration's
        assertTrue(frames.length - 1 >= 10 && frames.length - 1 <= 12, frames.length - 1 + " frames");
        for (String f : frames) {
            assertTrue(f.replace("\u001b[K", "").length() < 60, "too wide: " + f);
        }
        assertTrue(frames[frames.length - 1].startsWith("100% [==="), frames[frames.length - 1]);
        b.finish();
        assertTrue(text.toString().endsWith("\n"));
    }

    @Test
    void clearErasesTheLineForAMessage() {
        ProgressBar b = bar(10, 100);
        b.onIteration(null, stats(1));
        b.clear();
        assertTrue(text.toString().endsWith("\r\u001b[K"), text.toString());
        int before = text.toString().length();
        b.onIteration(null, stats(2));
        assertTrue(text.toString().length() > before, "redrawn right after a clear");
    }
}
