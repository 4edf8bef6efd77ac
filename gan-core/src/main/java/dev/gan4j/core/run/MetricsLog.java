package dev.gan4j.core.run;

import dev.gan4j.core.train.IterationStats;
import java.io.BufferedWriter;
import java.io.Closeable;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * {@code metrics.jsonl}: one JSON object per iteration, appended and flushed line by line so a
 * crash loses at most the line being written and the file can be followed while training.
 *
 * <p>Keys: {@code iteration}, {@code d_loss}, {@code g_loss}, {@code d_real}, {@code d_fake} (the
 * mean D score on real and on generated samples) and {@code seconds} (the iteration's wall-clock
 * time: the one value that differs between two runs with the same seed). A non-finite value is
 * written as {@code null}, since JSON has no NaN.
 */
public final class MetricsLog implements Closeable {

    private final BufferedWriter out;
    private final StringBuilder line = new StringBuilder(160);

    private MetricsLog(BufferedWriter out) {
        this.out = out;
    }

    /** Opens {@code file} for appending, creating it if needed. */
    public static MetricsLog open(Path file) throws IOException {
        return new MetricsLog(Files.newBufferedWriter(file, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                StandardOpenOption.APPEND, StandardOpenOption.WRITE));
    }

    /** Appends one line for {@code stats} and flushes it. */
    public void append(IterationStats stats) throws IOException {
        line.setLength(0);
        line.append("{\"iteration\":").append(stats.iteration());
        number("d_loss", stats.dLoss());
        number("g_loss", stats.gLoss());
        number("d_real", stats.dReal());
        number("d_fake", stats.dFake());
        number("seconds", stats.seconds());
        line.append("}\n");
        out.write(line.toString());
        out.flush();
    }

    private void number(String key, double value) {
        line.append(",\"").append(key).append("\":");
        if (Double.isFinite(value)) {
            line.append(value);
        } else {
            line.append("null");
        }
    }

    @Override
    public void close() throws IOException {
        out.close();
    }
}
