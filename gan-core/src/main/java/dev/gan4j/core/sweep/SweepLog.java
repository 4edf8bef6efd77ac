package dev.gan4j.core.sweep;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code sweep.jsonl}: one line per (trial, rung) outcome, appended and forced to disk as each
 * task ends, with the trial's settings: what a rerun of the sweep skips. A later line for the
 * same pair replaces an earlier one (a failed task tried again); a torn last line (the sweep was
 * killed while writing it) is ignored.
 */
final class SweepLog {

    private static final Logger LOG = LoggerFactory.getLogger(SweepLog.class);

    private final Path file;

    SweepLog(Path file) {
        this.file = file;
    }

    /** The recorded outcomes by {@code trial/rung}, in file order. */
    Map<String, TrialOutcome> read() throws IOException {
        Map<String, TrialOutcome> out = new LinkedHashMap<>();
        if (!Files.exists(file)) {
            return out;
        }
        byte[] bytes = Files.readAllBytes(file);
        if (bytes.length > 0 && bytes[bytes.length - 1] != '\n') {
            // a line torn by a kill: end it, so the next append starts a line of its own
            Files.write(file, new byte[] {'\n'}, StandardOpenOption.APPEND);
        }
        List<String> lines = new String(bytes, StandardCharsets.UTF_8).lines().toList();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            if (line.isBlank()) {
                continue;
            }
            try {
                TrialOutcome o = TrialJson.outcome(TrialJson.JSON.readTree(line));
                out.put(key(o.trialId(), o.rung()), o);
            } catch (IOException | IllegalArgumentException e) {
                LOG.warn("{} line {} is not an outcome (torn by a kill?); its task runs again", file, i + 1);
            }
        }
        return out;
    }

    /** Appends {@code outcome} with {@code trial}'s settings and forces it to disk. */
    synchronized void append(TrialOutcome outcome, Trial trial) throws IOException {
        ObjectNode n = TrialJson.outcome(outcome);
        ObjectNode settings = TrialJson.JSON.createObjectNode();
        trial.settings().forEach(settings::set);
        // settings after the ids, for a reader of the file
        ObjectNode line = TrialJson.JSON.createObjectNode();
        line.put("trial", outcome.trialId()).put("rung", outcome.rung()).put("iterations", outcome.iterations());
        line.set("settings", settings);
        n.fields().forEachRemaining(e -> {
            if (!line.has(e.getKey())) {
                line.set(e.getKey(), e.getValue());
            }
        });
        byte[] bytes = (TrialJson.JSON.writeValueAsString(line) + "\n").getBytes(StandardCharsets.UTF_8);
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.APPEND)) {
            ByteBuffer b = ByteBuffer.wrap(bytes);
            while (b.hasRemaining()) {
                ch.write(b);
            }
            ch.force(false);
        }
    }

    static String key(String trial, int rung) {
        return trial + "/" + rung;
    }
}
