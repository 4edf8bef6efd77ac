package dev.gan4j.core.run;

import dev.gan4j.core.io.AtomicFiles;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Writes {@code report.html}: one static page showing a run — its state, the experiment, the
 * provenance, the curves, the sample grids over time, the latest evaluation figures, the
 * checkpoints and what happened to the run. Every link is relative, so the page opens from disk
 * (and from a copy of the directory). Everything shown is read from the run directory, so the
 * page can be rebuilt from it at any time; it is written atomically.
 *
 * <p>The page carries one small script: once the page has loaded, it marks each image with its
 * decoded size ({@code data-width}) and its place on the page ({@code data-box}), and replaces an
 * image that failed to load with a note naming the missing file. Browser tests read those marks.
 */
public final class RunReport {

    /** Most sample grids shown; a longer run shows this many, evenly spread, plus the last. */
    static final int MAX_GRIDS = 24;

    private static final ObjectMapper JSON = new ObjectMapper();

    private RunReport() {
    }

    /** Rebuilds {@code report.html} of {@code dir}, reading the metrics from its file. */
    public static void write(RunDirectory dir) throws IOException {
        write(dir, MetricsFile.read(dir.metrics()));
    }

    /** Rebuilds {@code report.html} of {@code dir} with the figures in {@code history}. */
    public static void write(RunDirectory dir, MetricsHistory history) throws IOException {
        AtomicFiles.write(dir.report(), html(dir, history).getBytes(StandardCharsets.UTF_8));
    }

    static String html(RunDirectory dir, MetricsHistory history) throws IOException {
        JsonNode config = readJson(dir.config());
        JsonNode provenance = readJson(dir.provenance());
        Optional<RunStatus> status = RunStatus.read(dir.status());
        String name = config.path("name").asText(dir.path().getFileName().toString());
        StringBuilder h = new StringBuilder(16_384);
        h.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
                .append("<title>").append(esc(name)).append(" — gan4j run</title>\n<style>\n").append(CSS)
                .append("</style>\n</head>\n<body>\n");
        header(h, name, config, status, history);
        curves(h, dir, history);
        evaluation(h, history);
        samples(h, dir);
        experiment(h, config);
        provenance(h, provenance);
        checkpoints(h, dir);
        events(h, status);
        h.append("<footer>Written by gan4j ").append(esc(provenance.path("gan4jVersion").asText("")))
                .append(" at ").append(esc(Instant.now().toString())).append(". ")
                .append("Files: <a href=\"").append(RunDirectory.CONFIG).append("\">config.json</a>, ")
                .append("<a href=\"").append(RunDirectory.PROVENANCE).append("\">provenance.json</a>, ")
                .append("<a href=\"").append(RunDirectory.METRICS).append("\">metrics.jsonl</a>.</footer>\n");
        h.append("<script>\n").append(SCRIPT).append("</script>\n</body>\n</html>\n");
        return h.toString();
    }

    private static void header(StringBuilder h, String name, JsonNode config, Optional<RunStatus> status,
            MetricsHistory history) {
        h.append("<header>\n<h1>").append(esc(name)).append("</h1>\n");
        String description = config.path("description").asText("");
        if (!description.isEmpty()) {
            h.append("<p class=\"description\">").append(esc(description)).append("</p>\n");
        }
        int total = config.path("training").path("iterations").asInt(0);
        h.append("<p class=\"state\">");
        if (status.isPresent()) {
            RunStatus s = status.get();
            String state = s.displayState();
            h.append("<span class=\"badge ").append(esc(state)).append("\">").append(esc(state)).append("</span> ");
            h.append(String.format(Locale.ROOT, "iteration %,d of %,d", s.iteration(), s.iterations()));
            if (!s.message().isEmpty()) {
                h.append(" — ").append(esc(s.message()));
            }
            h.append(" <span class=\"muted\">(updated ").append(esc(s.updated())).append(")</span>");
        } else {
            h.append(String.format(Locale.ROOT, "iteration %,d of %,d", history.lastIteration(), total));
        }
        h.append("</p>\n");
        if (history.size() > 0) {
            int i = history.size() - 1;
            h.append("<table class=\"figures\"><tr><th>iteration</th><th>D loss</th><th>G loss</th>")
                    .append("<th>D(real)</th><th>D(fake)</th></tr>\n<tr><td>")
                    .append(String.format(Locale.ROOT, "%,d", history.iteration(i))).append("</td><td>")
                    .append(num(history.dLoss(i))).append("</td><td>").append(num(history.gLoss(i)))
                    .append("</td><td>").append(num(history.dReal(i))).append("</td><td>")
                    .append(num(history.dFake(i))).append("</td></tr></table>\n");
        }
        h.append("</header>\n");
    }

    private static void curves(StringBuilder h, RunDirectory dir, MetricsHistory history) {
        h.append("<section id=\"curves\">\n<h2>Curves</h2>\n");
        if (Files.exists(dir.curves())) {
            h.append("<img class=\"curves\" src=\"").append(RunDirectory.CURVES)
                    .append("\" alt=\"losses and discriminator scores over the iterations\">\n");
        } else {
            h.append("<p class=\"muted\">No curves yet").append(history.size() == 0 ? ": no iteration has run" : "")
                    .append(".</p>\n");
        }
        h.append("</section>\n");
    }

    private static void evaluation(StringBuilder h, MetricsHistory history) {
        if (history.evaluations().isEmpty()) {
            return;
        }
        h.append("<section id=\"evaluation\">\n<h2>Evaluation</h2>\n");
        if (history.evaluationJudge() != null) {
            h.append("<p>Measured with the <span class=\"judge\">").append(esc(history.evaluationJudge()))
                    .append("</span> evaluation classifier.</p>\n");
        }
        h.append("<table>\n<tr><th>figure</th>")
                .append("<th>latest</th><th>at iteration</th><th>evaluations</th></tr>\n");
        for (Map.Entry<String, MetricsHistory.Series> e : history.evaluations().entrySet()) {
            MetricsHistory.Series s = e.getValue();
            h.append("<tr><td>").append(esc(e.getKey())).append("</td><td>").append(num(s.last()))
                    .append("</td><td>").append(String.format(Locale.ROOT, "%,d", s.iteration(s.size() - 1)))
                    .append("</td><td>").append(s.size()).append("</td></tr>\n");
        }
        h.append("</table>\n</section>\n");
    }

    private static void samples(StringBuilder h, RunDirectory dir) throws IOException {
        h.append("<section id=\"samples\">\n<h2>Samples</h2>\n");
        h.append("<p class=\"muted\">Every grid is drawn from the same noise, so each place in the grid shows how "
                + "one input evolves. A conditional model draws one row per class.</p>\n<div class=\"grids\">\n");
        if (Files.exists(dir.finalImage())) {
            figure(h, RunDirectory.FINAL, "final");
        }
        List<Path> grids = new ArrayList<>();
        Path samples = dir.path().resolve(RunDirectory.SAMPLES);
        if (Files.isDirectory(samples)) {
            try (DirectoryStream<Path> files = Files.newDirectoryStream(samples, "iter-*.png")) {
                files.forEach(grids::add);
            }
        }
        grids.sort((a, b) -> Long.compare(number(a), number(b)));
        List<Path> shown = spread(grids, MAX_GRIDS);
        for (int i = shown.size() - 1; i >= 0; i--) {
            Path p = shown.get(i);
            figure(h, RunDirectory.SAMPLES + "/" + p.getFileName(),
                    String.format(Locale.ROOT, "iteration %,d", number(p)));
        }
        if (grids.isEmpty() && !Files.exists(dir.finalImage())) {
            h.append("<p class=\"muted\">No sample grid yet.</p>\n");
        }
        h.append("</div>\n");
        if (shown.size() < grids.size()) {
            h.append("<p class=\"muted\">").append(shown.size()).append(" of ").append(grids.size())
                    .append(" grids shown; all are in <a href=\"samples/\">samples/</a>.</p>\n");
        }
        h.append("</section>\n");
    }

    /** At most {@code max} of {@code all}, evenly spread, always with the last. */
    static <T> List<T> spread(List<T> all, int max) {
        if (all.size() <= max) {
            return all;
        }
        List<T> out = new ArrayList<>();
        for (int i = 0; i < max; i++) {
            out.add(all.get((int) Math.round((double) i * (all.size() - 1) / (max - 1))));
        }
        return out;
    }

    private static long number(Path sample) {
        String n = sample.getFileName().toString().replaceAll("\\D", "");
        return n.isEmpty() ? -1 : Long.parseLong(n);
    }

    private static void figure(StringBuilder h, String src, String caption) {
        h.append("<figure><a href=\"").append(esc(src)).append("\"><img class=\"grid\" src=\"").append(esc(src))
                .append("\" alt=\"samples, ").append(esc(caption)).append("\"></a><figcaption>").append(esc(caption))
                .append("</figcaption></figure>\n");
    }

    private static void experiment(StringBuilder h, JsonNode config) throws JsonProcessingException {
        h.append("<section id=\"experiment\">\n<h2>Experiment</h2>\n<table>\n");
        row(h, "seed", config.path("seed").asText());
        row(h, "backend", config.path("backend").asText());
        JsonNode data = config.path("data");
        row(h, "data", data.path("dataset").asText() + " / " + data.path("split").asText() + ", transform "
                + data.path("transform").asText());
        JsonNode noise = config.path("noise");
        row(h, "noise", noise.path("dim").asText() + "-dimensional " + noise.path("distribution").asText()
                + ", scaling " + noise.path("scaling").asText()
                + (noise.path("bank").asInt(0) > 0 ? ", a fixed bank of " + noise.path("bank").asText() : ", fresh"));
        row(h, "conditioning", config.path("conditioning").asText());
        row(h, "generator", layers(config.path("generator")));
        row(h, "discriminator", layers(config.path("discriminator")));
        row(h, "loss", config.path("loss").path("type").asText());
        row(h, "D optimiser", compact(config.path("optimizers").path("discriminator")));
        row(h, "G optimiser", compact(config.path("optimizers").path("generator")));
        row(h, "training", compact(config.path("training")));
        h.append("</table>\n<details><summary>Resolved experiment (config.json)</summary><pre>")
                .append(esc(JSON.writerWithDefaultPrettyPrinter().writeValueAsString(config)))
                .append("</pre></details>\n</section>\n");
    }

    private static String layers(JsonNode list) {
        List<String> out = new ArrayList<>();
        for (JsonNode layer : list) {
            StringBuilder s = new StringBuilder(layer.path("type").asText("?"));
            if (layer.has("units")) {
                s.append('(').append(layer.get("units").asText()).append(')');
            }
            out.add(s.toString());
        }
        return String.join(" → ", out);
    }

    private static String compact(JsonNode node) {
        List<String> out = new ArrayList<>();
        Iterator<Map.Entry<String, JsonNode>> it = node.fields();
        while (it.hasNext()) {
            Map.Entry<String, JsonNode> e = it.next();
            out.add(e.getKey() + " " + (e.getValue().isValueNode() ? e.getValue().asText() : e.getValue().toString()));
        }
        return String.join(", ", out);
    }

    private static void provenance(StringBuilder h, JsonNode p) {
        if (p.isMissingNode() || p.isEmpty()) {
            return;
        }
        h.append("<section id=\"provenance\">\n<h2>Provenance</h2>\n<table>\n");
        row(h, "gan4j", p.path("gan4jVersion").asText());
        row(h, "started", p.path("startTime").asText());
        List<String> cmd = new ArrayList<>();
        p.path("commandLine").forEach(a -> cmd.add(a.asText()));
        row(h, "command", String.join(" ", cmd));
        JsonNode b = p.path("backend");
        row(h, "backend", b.path("name").asText() + " " + b.path("version").asText()
                + (b.path("settings").isEmpty() ? "" : " " + compact(b.path("settings"))));
        JsonNode j = p.path("java");
        row(h, "Java", j.path("version").asText() + " (" + j.path("vendor").asText() + ", " + j.path("vm").asText()
                + ")");
        JsonNode os = p.path("os");
        row(h, "machine", os.path("name").asText() + " " + os.path("version").asText() + " " + os.path("arch").asText()
                + ", " + os.path("processors").asText() + " processors");
        JsonNode d = p.path("dataset");
        row(h, "dataset", d.path("name").asText() + ": " + d.path("size").asText() + " samples of shape "
                + d.path("sampleShape") + ", " + d.path("classCount").asText() + " classes");
        for (JsonNode f : d.path("files")) {
            row(h, "data file", f.path("path").asText() + " (" + f.path("size").asText() + " bytes, SHA-256 "
                    + f.path("sha256").asText() + (f.path("verified").asBoolean() ? ", verified" : "") + ", from "
                    + f.path("origin").asText() + ")");
        }
        h.append("</table>\n</section>\n");
    }

    private static void checkpoints(StringBuilder h, RunDirectory dir) throws IOException {
        List<Path> all = CheckpointPolicy.list(dir.checkpoints());
        boolean best = Files.exists(dir.bestCheckpoint());
        if (all.isEmpty() && !best) {
            return;
        }
        h.append("<section id=\"checkpoints\">\n<h2>Checkpoints</h2>\n<ul>\n");
        for (int i = all.size() - 1; i >= 0; i--) {
            String rel = RunDirectory.CHECKPOINTS + "/" + all.get(i).getFileName();
            h.append("<li><a href=\"").append(esc(rel)).append("\">").append(esc(rel)).append("</a> (iteration ")
                    .append(String.format(Locale.ROOT, "%,d", CheckpointPolicy.iterationOf(all.get(i))))
                    .append(")</li>\n");
        }
        if (best) {
            String rel = RunDirectory.CHECKPOINTS + "/" + dir.bestCheckpoint().getFileName();
            h.append("<li><a href=\"").append(esc(rel)).append("\">").append(esc(rel))
                    .append("</a> (best evaluation score)</li>\n");
        }
        h.append("</ul>\n<p class=\"muted\">Continue this run with <code>gan train --resume ")
                .append(esc(dir.path().toString())).append("</code>.</p>\n</section>\n");
    }

    private static void events(StringBuilder h, Optional<RunStatus> status) {
        if (status.isEmpty() || status.get().events().isEmpty()) {
            return;
        }
        h.append("<section id=\"events\">\n<h2>History</h2>\n<table>\n<tr><th>time</th><th>iteration</th>")
                .append("<th>event</th><th></th></tr>\n");
        for (RunStatus.Event e : status.get().events()) {
            h.append("<tr><td>").append(esc(e.time())).append("</td><td>")
                    .append(String.format(Locale.ROOT, "%,d", e.iteration())).append("</td><td>").append(esc(e.kind()))
                    .append("</td><td>").append(esc(e.text())).append("</td></tr>\n");
        }
        h.append("</table>\n</section>\n");
    }

    private static void row(StringBuilder h, String key, String value) {
        h.append("<tr><th>").append(esc(key)).append("</th><td>").append(esc(value)).append("</td></tr>\n");
    }

    private static String num(double v) {
        if (Double.isNaN(v)) {
            return "NaN";
        }
        if (Double.isInfinite(v)) {
            return v > 0 ? "∞" : "−∞";
        }
        return String.format(Locale.ROOT, "%.4g", v);
    }

    private static JsonNode readJson(Path file) throws IOException {
        try {
            return JSON.readTree(Files.readAllBytes(file));
        } catch (NoSuchFileException e) {
            return JSON.createObjectNode();
        } catch (JsonProcessingException e) {
            throw new RunException(file + " is not valid JSON: " + e.getOriginalMessage(), e);
        }
    }

    /** HTML-escapes text for element content and quoted attribute values. */
    public static String esc(String s) {
        StringBuilder out = new StringBuilder(s.length() + 16);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }

    /** The report's style sheet, which other gan4j pages (a sweep's) share. */
    public static final String CSS = """
            body { font-family: system-ui, sans-serif; margin: 0 auto; max-width: 1240px; padding: 1em 1.5em;
                   color: #222; background: #fff; }
            h1 { margin: 0.2em 0; } h2 { border-bottom: 1px solid #ddd; padding-bottom: 0.2em; margin-top: 1.6em; }
            .description, .muted { color: #666; }
            .badge { display: inline-block; padding: 0.1em 0.6em; border-radius: 0.8em; color: #fff;
                     background: #777; font-weight: bold; }
            .badge.finished { background: #2e7d32; } .badge.running { background: #1565c0; }
            .badge.interrupted { background: #ef6c00; } .badge.failed, .badge.killed { background: #c62828; }
            .badge.diverged { background: #6a1b9a; }
            table { border-collapse: collapse; margin: 0.5em 0; }
            th, td { text-align: left; padding: 0.25em 0.8em; border-bottom: 1px solid #eee; vertical-align: top; }
            td { font-variant-numeric: tabular-nums; word-break: break-word; }
            img.curves { width: 100%; max-width: 1200px; border: 1px solid #ddd; }
            .grids { display: flex; flex-wrap: wrap; gap: 12px; }
            figure { margin: 0; text-align: center; }
            img.grid { width: 280px; image-rendering: pixelated; border: 1px solid #ddd; background: #000; }
            figcaption { color: #555; font-size: 0.9em; }
            pre { background: #f6f6f6; padding: 0.8em; overflow: auto; font-size: 0.85em; }
            .missing { display: inline-block; padding: 1em; border: 2px dashed #c62828; color: #c62828; }
            footer { margin-top: 2em; color: #888; font-size: 0.85em; }
            """;

    /**
     * The report's one script, which other gan4j pages share: marks each image with its decoded size
     * and place, and names a missing one (see the class comment).
     */
    public static final String SCRIPT = """
            window.addEventListener('load', function () {
              document.querySelectorAll('img').forEach(function (img) {
                var r = img.getBoundingClientRect();
                img.setAttribute('data-width', String(img.naturalWidth));
                img.setAttribute('data-box', [r.left + window.scrollX, r.top + window.scrollY, r.width, r.height]
                    .map(Math.round).join(','));
                if (img.naturalWidth === 0) {
                  var note = document.createElement('span');
                  note.className = 'missing';
                  note.textContent = 'missing image: ' + img.getAttribute('src');
                  img.replaceWith(note);
                }
              });
              document.body.setAttribute('data-ready', 'yes');
            });
            """;
}
