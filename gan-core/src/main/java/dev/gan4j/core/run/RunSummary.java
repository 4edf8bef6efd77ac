package dev.gan4j.core.run;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The key figures of one run directory, for {@code gan runs}: read from its {@code config.json},
 * {@code provenance.json}, {@code status.json} and the end of its {@code metrics.jsonl}, without
 * loading checkpoints or the whole metrics file.
 *
 * @param directory the run directory
 * @param experiment the experiment's name
 * @param started when training started (ISO-8601 UTC), or empty if not recorded
 * @param state {@code running}, {@code finished}, {@code interrupted}, {@code failed},
 *     {@code diverged}, {@code killed} (it says running but its process is gone),
 *     {@code damaged} (one of its files cannot be parsed: the figures cannot be trusted, and
 *     {@link #message()} says which and why), or {@code unknown} (no status file)
 * @param iteration the last iteration with metrics
 * @param iterations the iterations the run is configured for
 * @param dLoss the last iteration's D loss (NaN if none)
 * @param gLoss the last iteration's G loss (NaN if none)
 * @param evaluation the latest evaluation figures, by name (empty if never evaluated)
 * @param message what is damaged, and why it stopped early, or empty
 */
public record RunSummary(Path directory, String experiment, String started, String state, int iteration,
        int iterations, double dLoss, double gLoss, Map<String, Double> evaluation, String message) {

    /** How much of the end of a metrics file is read for the last figures. */
    static final int TAIL_BYTES = 256 * 1024;

    /** Also refuses a value followed by more ({@code {...}garbage}), which a plain read would accept. */
    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    public RunSummary {
        evaluation = Map.copyOf(evaluation);
        message = message == null ? "" : message;
    }

    /**
     * The runs directly inside {@code parent}, oldest first; directories that hold no run (no
     * {@code config.json}) are skipped.
     *
     * @throws IOException if {@code parent} cannot be listed
     */
    public static List<RunSummary> list(Path parent) throws IOException {
        List<RunSummary> out = new ArrayList<>();
        try (DirectoryStream<Path> dirs = Files.newDirectoryStream(parent, Files::isDirectory)) {
            for (Path dir : dirs) {
                if (Files.isRegularFile(dir.resolve(RunDirectory.CONFIG))) {
                    out.add(read(dir));
                }
            }
        }
        out.sort(Comparator.comparing(RunSummary::started).thenComparing(s -> s.directory().toString()));
        return out;
    }

    /**
     * The summary of the run in {@code dir}; a file that cannot be parsed makes its state
     * {@code damaged}, with the file and the reason in {@link #message()}.
     */
    public static RunSummary read(Path dir) {
        String experiment = dir.getFileName().toString();
        int iterations = 0;
        String started = "";
        List<String> problems = new ArrayList<>();
        try {
            JsonNode config = JSON.readTree(Files.readAllBytes(dir.resolve(RunDirectory.CONFIG)));
            experiment = config.path("name").asText(experiment);
            iterations = config.path("training").path("iterations").asInt(0);
        } catch (IOException e) {
            problems.add(RunDirectory.CONFIG + " unreadable: " + message(e));
        }
        try {
            started = JSON.readTree(Files.readAllBytes(dir.resolve(RunDirectory.PROVENANCE))).path("startTime")
                    .asText("");
        } catch (NoSuchFileException e) {
            // a run that failed before training started has no provenance
        } catch (IOException e) {
            problems.add(RunDirectory.PROVENANCE + " unreadable: " + message(e));
        }
        String state = "unknown";
        String stopped = "";
        try {
            Optional<RunStatus> status = RunStatus.read(dir.resolve(RunDirectory.STATUS));
            if (status.isPresent()) {
                state = status.get().displayState();
                stopped = status.get().message();
            }
        } catch (IOException | RunException e) {
            problems.add(RunDirectory.STATUS + " unreadable: " + message(e));
        }
        Tail tail = new Tail();
        try {
            tail = Tail.read(dir.resolve(RunDirectory.METRICS));
            if (tail.damage != null) {
                problems.add(RunDirectory.METRICS + " unreadable: " + tail.damage);
            }
        } catch (IOException e) {
            problems.add(RunDirectory.METRICS + " unreadable: " + message(e));
        }
        String message = stopped;
        if (!problems.isEmpty()) {
            state = "damaged";
            message = String.join("; ", problems) + (message.isEmpty() ? "" : "; " + message);
        }
        return new RunSummary(dir, experiment, started, state, tail.iteration, iterations, tail.dLoss, tail.gLoss,
                tail.evaluation, message);
    }

    private static String message(Exception e) {
        return e instanceof JsonProcessingException j ? j.getOriginalMessage() : String.valueOf(e.getMessage());
    }

    /** The last training figures and latest evaluation figures in the end of a metrics file. */
    private static final class Tail {
        int iteration;
        double dLoss = Double.NaN;
        double gLoss = Double.NaN;
        final Map<String, Double> evaluation = new LinkedHashMap<>();
        /** The first line that is not a JSON object, and why; null if none. */
        String damage;

        static Tail read(Path file) throws IOException {
            Tail t = new Tail();
            byte[] bytes;
            boolean cut;
            try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
                long size = ch.size();
                long from = Math.max(0, size - TAIL_BYTES);
                cut = from > 0;
                ByteBuffer buf = ByteBuffer.allocate((int) (size - from));
                while (buf.hasRemaining() && ch.read(buf, from + buf.position()) >= 0) {
                    // read the whole tail
                }
                bytes = buf.array();
                if (from > 0) {
                    // the first line of the tail is probably cut: start after it
                    int nl = 0;
                    while (nl < bytes.length && bytes[nl] != '\n') {
                        nl++;
                    }
                    bytes = java.util.Arrays.copyOfRange(bytes, Math.min(bytes.length, nl + 1), bytes.length);
                }
            } catch (NoSuchFileException e) {
                return t;
            }
            String text = new String(bytes, StandardCharsets.UTF_8);
            int end = text.lastIndexOf('\n');
            String[] lines = end < 0 ? new String[0] : text.substring(0, end).split("\n");
            for (int i = 0; i < lines.length; i++) {
                String line = lines[i];
                if (line.isBlank()) {
                    continue;
                }
                JsonNode node;
                try {
                    node = JSON.readTree(line);
                } catch (JsonProcessingException e) {
                    t.damage(cut, i, "is not JSON: " + e.getOriginalMessage());
                    continue;
                }
                if (!node.isObject()) {
                    t.damage(cut, i, "is not a JSON object");
                    continue;
                }
                if (node.has("d_loss")) {
                    t.iteration = node.path("iteration").asInt();
                    t.dLoss = MetricsFile.number(node.get("d_loss"));
                    t.gLoss = MetricsFile.number(node.get("g_loss"));
                }
                MetricsFile.forEachEvaluation(node, t.evaluation::put);
            }
            String partial = text.substring(end + 1).strip();
            if (!partial.isEmpty() && !partial.startsWith("{")) {
                // a line cut short by a crash is the start of an object; anything else is not ours
                t.damage(cut, lines.length, "is not JSON");
            }
            return t;
        }

        /** Keeps the first damage found; {@code index} counts lines from the start of what was read. */
        private void damage(boolean cut, int index, String what) {
            if (damage == null) {
                damage = (cut ? "a line in its last " + TAIL_BYTES / 1024 + " KiB" : "line " + (index + 1)) + " "
                        + what;
            }
        }
    }
}
