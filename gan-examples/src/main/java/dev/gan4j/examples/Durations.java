package dev.gan4j.examples;

import java.time.Duration;
import java.util.Locale;

/** Short human-readable durations for the terminal. */
final class Durations {
    private Durations() {
    }

    /** {@code 0.42 s}, {@code 12.3 s}, {@code 4m 05s}, {@code 2h 03m}. */
    static String format(Duration d) {
        double seconds = d.toNanos() / 1e9;
        if (seconds < 10) {
            return String.format(Locale.ROOT, "%.2f s", seconds);
        }
        if (seconds < 60) {
            return String.format(Locale.ROOT, "%.1f s", seconds);
        }
        long s = Math.round(seconds);
        if (s < 3600) {
            return String.format(Locale.ROOT, "%dm %02ds", s / 60, s % 60);
        }
        return String.format(Locale.ROOT, "%dh %02dm", s / 3600, (s % 3600) / 60);
    }
}
