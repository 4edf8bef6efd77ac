package dev.gan4j.core.run;

import dev.gan4j.core.io.FileWriteException;
import dev.gan4j.core.train.IterationStats;
import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Map;

/**
 * {@code metrics.jsonl}: one JSON object per iteration, appended line by line so a crash loses at
 * most the line being written and the file can be followed while training.
 *
 * <p>Keys: {@code iteration}, {@code d_loss}, {@code g_loss}, {@code d_real}, {@code d_fake} (the
 * mean D score on real and on generated samples) and {@code seconds} (the iteration's wall-clock
 * time: the one value that differs between two runs with the same seed). A non-finite value is
 * written as {@code null}, since JSON has no NaN. An evaluation of the generator after an
 * iteration adds a line {@code {"iteration": N, "judge": "cnn", "evaluation": {"frechetDistance": …, …}}}
 * (the judge names what measured the figures, when known).
 *
 * <p>The file is opened in append mode and each line goes to the operating system in one write,
 * so a killed process leaves whole lines plus at most one partial last line, which
 * {@link MetricsFile} ignores and a resumed run cuts off. {@link #sync()} forces the lines to
 * disk; a run calls it before every checkpoint, so the metrics of a checkpoint's iterations are
 * on disk before the checkpoint is.
 */
public final class MetricsLog implements Closeable {


    private final Path file;
    private final FileChannel out;
    private final StringBuilder line = new StringBuilder(160);
    private ByteBuffer bytes = ByteBuffer.allocate(256);

    private MetricsLog(Path file, FileChannel out) {
        this.file = file;
        this.out = out;
    }

    /** Opens {@code file} for appending, creating it if needed. */
    public static MetricsLog open(Path file) throws IOException {
        try {
            return new MetricsLog(file, FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.APPEND,
                    StandardOpenOption.WRITE));
        } catch (IOException e) {
            throw FileWriteException.writing(file, e);
        }
    }

    /** Appends one line for {@code stats}. */
    public void append(IterationStats stats) throws IOException {
        line.setLength(0);
        line.append("{\"iteration\":").append(stats.iteration());
        number("d_loss", stats.dLoss());
        number("g_loss", stats.gLoss());
        number("d_real", stats.dReal());
        number("d_fake", stats.dFake());
        number("seconds", stats.seconds());
        line.append("}\n");
        write();
    }

    /**
     * Appends {@code {"iteration": N, "evaluation": {...}}} with {@code figures} in their order.
     *
     * @throws IllegalArgumentException if a figure's name is not a plain identifier (the line is
     *     written without escaping)
     */
    public void appendEvaluation(int iteration, Map<String, Double> figures) throws IOException {
        appendEvaluation(iteration, null, figures);
    }

    /**
     * Appends {@code {"iteration": N, "judge": "cnn", "evaluation": {...}}} with {@code figures}
     * in their order; without the judge when it is {@code null}.
     *
     * @param judge what measured the figures (see {@link RunEvaluator#judge()}), or {@code null}
     * @throws IllegalArgumentException if the judge or a figure's name is not a plain identifier
     *     (the line is written without escaping)
     */
    public void appendEvaluation(int iteration, String judge, Map<String, Double> figures) throws IOException {
        if (judge != null && !judge.matches("[A-Za-z_][A-Za-z0-9_-]*")) {
            throw new IllegalArgumentException("evaluation judge '" + judge
                    + "' must be letters, digits, hyphens and underscores");
        }
        line.setLength(0);
        line.append("{\"iteration\":").append(iteration);
        if (judge != null) {
            line.append(",\"judge\":\"").append(judge).append('"');
        }
        line.append(",\"evaluation\":{");
        int start = line.length();
        for (Map.Entry<String, Double> e : figures.entrySet()) {
            if (!e.getKey().matches("[A-Za-z_][A-Za-z0-9_]*")) {
                throw new IllegalArgumentException("evaluation figure name '" + e.getKey()
                        + "' must be letters, digits and underscores");
            }
            number(e.getKey(), e.getValue() == null ? Double.NaN : e.getValue());
        }
        // number() puts a comma before every key; the object's first one is not wanted
        if (line.length() > start) {
            line.deleteCharAt(start);
        }
        line.append("}}\n");
        write();
    }

    private void number(String key, double value) {
        line.append(",\"").append(key).append("\":");
        if (Double.isFinite(value)) {
            line.append(value);
        } else {
            line.append("null");
        }
    }

    /** One write of the line (ASCII: keys and numbers only) through a reused buffer. */
    private void write() throws IOException {
        if (bytes.capacity() < line.length()) {
            bytes = ByteBuffer.allocate(2 * line.length());
        }
        bytes.clear();
        for (int i = 0; i < line.length(); i++) {
            bytes.put((byte) line.charAt(i));
        }
        bytes.flip();
        try {
            while (bytes.hasRemaining()) {
                out.write(bytes);
            }
        } catch (IOException e) {
            // a full disk is reported without the file's name
            throw FileWriteException.writing(file, e);
        }
    }

    /** Forces every line written so far to disk. */
    public void sync() throws IOException {
        try {
            out.force(false);
        } catch (IOException e) {
            throw FileWriteException.writing(file, e);
        }
    }

    @Override
    public void close() throws IOException {
        out.close();
    }
}
