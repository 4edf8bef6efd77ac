package dev.gan4j.core.sweep;

import static dev.gan4j.core.run.RunReport.esc;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gan4j.core.io.AtomicFiles;
import dev.gan4j.core.run.RunDirectory;
import dev.gan4j.core.run.RunReport;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Writes {@code sweep.html}: the leaderboard with links to every trial's {@code report.html},
 * one scatter plot (inline SVG) per searched path against the objective at the first rung, where
 * every trial was scored, and the best trials' sample grids. Links are relative, so the page opens
 * from disk and from a copy of the directory; it carries the run report's style and script.
 */
final class SweepReport {

    /** Best trials whose sample grids are shown. */
    static final int GRIDS = 4;
    private static final int W = 360;
    private static final int H = 240;
    private static final int PAD = 46;
    private static final String[] RUNG_COLOURS = {"#9e9e9e", "#1565c0", "#ef6c00", "#2e7d32", "#6a1b9a", "#c62828"};

    private SweepReport() {
    }

    static void write(Sweep sweep, Leaderboard board) throws IOException {
        AtomicFiles.write(sweep.directory().resolve(Sweep.REPORT), html(sweep, board).getBytes(StandardCharsets.UTF_8));
    }

    static String html(Sweep sweep, Leaderboard board) throws IOException {
        SweepConfig c = sweep.config();
        StringBuilder h = new StringBuilder();
        h.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>")
                .append(esc(c.name())).append(" — gan4j sweep</title>\n<style>\n").append(RunReport.CSS)
                .append("svg.scatter { border: 1px solid #ddd; background: #fff; }\n")
                .append(".plots { display: flex; flex-wrap: wrap; gap: 12px; }\n</style>\n</head>\n<body>\n");
        h.append("<h1>").append(esc(c.name())).append(" <span class=\"badge ")
                .append(board.complete() ? "finished\">finished" : "running\">in progress").append("</span></h1>\n");
        h.append(String.format(Locale.ROOT, "<p>%d trials (%s), rungs %s keeping %.3g at each, objective %s (%s). "
                + "Successive halving trained %,d iterations where running every trial to %,d would take %,d: "
                + "%.0f%% saved.</p>\n", c.trials(), c.random() ? "random, seed " + c.seed() : "grid", c.rungs(),
                c.keep(), esc(c.objective().metric()), c.objective().goal(), board.iterationsRun(), c.iterations(),
                board.iterationsAllToEnd(), 100 * board.saved()));
        leaderboard(h, sweep, board);
        h.append("<h2>Settings against ").append(esc(c.objective().metric())).append(" at rung 0 (")
                .append(String.format(Locale.ROOT, "%,d", c.rungs().get(0))).append(" iterations)</h2>\n")
                .append("<p class=\"muted\">Colour: the last rung a trial reached (grey: the first). Missing points "
                        + "failed, diverged or were not scored.</p>\n<div class=\"plots\">\n");
        Map<String, TrialOutcome> firstRung = new java.util.HashMap<>();
        for (TrialOutcome o : new SweepLog(sweep.directory().resolve(Sweep.LOG)).read().values()) {
            if (o.rung() == 0) {
                firstRung.put(o.trialId(), o);
            }
        }
        for (Map.Entry<String, Domain> e : c.space().entrySet()) {
            h.append(scatter(e.getKey(), e.getValue(), board, firstRung, c.objective().metric()));
        }
        h.append("</div>\n");
        grids(h, sweep, board);
        h.append("<footer>Written by gan4j from ").append(Sweep.CONFIG).append(" and ").append(Sweep.LOG)
                .append(".</footer>\n<script>\n").append(RunReport.SCRIPT).append("</script>\n</body>\n</html>\n");
        return h.toString();
    }

    private static void leaderboard(StringBuilder h, Sweep sweep, Leaderboard board) {
        SweepConfig c = sweep.config();
        List<String> figures = new ArrayList<>();
        board.entries().forEach(e -> e.figures().keySet().stream().filter(k -> !figures.contains(k))
                .forEach(figures::add));
        h.append("<h2>Leaderboard</h2>\n<table>\n<tr><th>#</th><th>trial</th><th>iterations</th><th>status</th>");
        figures.forEach(f -> h.append("<th>").append(esc(f)).append(f.equals(c.objective().metric()) ? " ★" : "")
                .append("</th>"));
        h.append("<th>settings</th><th>seconds</th></tr>\n");
        for (Leaderboard.Entry e : board.entries()) {
            String id = e.trial().id();
            h.append("<tr><td>").append(e.rank()).append("</td><td><a href=\"").append(Sweep.TRIALS).append('/')
                    .append(esc(id)).append('/').append(RunDirectory.REPORT).append("\">").append(esc(id))
                    .append("</a></td><td>").append(String.format(Locale.ROOT, "%,d", e.iterations()))
                    .append("</td><td>").append(e.status() == null ? "waiting" : e.status().name().toLowerCase(
                            Locale.ROOT));
            if (!e.error().isEmpty()) {
                h.append("<br><span class=\"muted\">").append(esc(e.error())).append("</span>");
            }
            h.append("</td>");
            for (String f : figures) {
                Double v = e.figures().get(f);
                h.append("<td>").append(v == null ? "" : num(v)).append("</td>");
            }
            h.append("<td>").append(esc(e.trial().describe())).append("</td><td>")
                    .append(String.format(Locale.ROOT, "%.1f", e.seconds())).append("</td></tr>\n");
        }
        h.append("</table>\n");
    }

    private static String scatter(String path, Domain domain, Leaderboard board, Map<String, TrialOutcome> firstRung,
            String metric) {
        List<double[]> points = new ArrayList<>();
        List<String> labels = new ArrayList<>();
        List<String> categories = new ArrayList<>();
        boolean numeric = board.entries().stream().allMatch(e -> e.trial().settings().get(path).isNumber());
        boolean log = domain instanceof Domain.Range r && r.logarithmic();
        for (Leaderboard.Entry e : board.entries()) {
            TrialOutcome o = firstRung.get(e.trial().id());
            Double y = o == null ? null : o.figures().get(metric);
            JsonNode v = e.trial().settings().get(path);
            if (!numeric && !categories.contains(v.toString())) {
                categories.add(v.toString());
            }
            if (y == null || !Double.isFinite(y)) {
                continue;
            }
            double x = numeric ? v.asDouble() : categories.indexOf(v.toString());
            if (log && x <= 0) {
                continue;
            }
            points.add(new double[] {log ? Math.log10(x) : x, y, Math.max(0, e.rung())});
            labels.add(e.trial().id() + ": " + path + "=" + v + ", " + metric + " " + num(y));
        }
        StringBuilder s = new StringBuilder();
        s.append("<figure><svg class=\"scatter\" xmlns=\"http://www.w3.org/2000/svg\" width=\"").append(W)
                .append("\" height=\"").append(H).append("\" viewBox=\"0 0 ").append(W).append(' ').append(H)
                .append("\" role=\"img\" aria-label=\"").append(esc(path)).append("\">\n");
        double[] xr = range(points, 0);
        double[] yr = range(points, 1);
        s.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" fill=\"none\" "
                + "stroke=\"#bbb\"/>\n", PAD, 8, W - PAD - 8, H - PAD - 8));
        for (int i = 0; i < points.size(); i++) {
            double[] p = points.get(i);
            s.append(String.format(Locale.ROOT, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"5\" fill=\"%s\" "
                    + "fill-opacity=\"0.8\"><title>%s</title></circle>\n", px(p[0], xr), py(p[1], yr),
                    RUNG_COLOURS[(int) Math.min(p[2], RUNG_COLOURS.length - 1)], esc(labels.get(i))));
        }
        // axis labels: the ends of each range (category names for a categorical path)
        String xLow = numeric ? num(log ? Math.pow(10, xr[0]) : xr[0]) : categories.isEmpty() ? "" : categories.get(0);
        String xHigh = numeric ? num(log ? Math.pow(10, xr[1]) : xr[1])
                : categories.isEmpty() ? "" : categories.get(categories.size() - 1);
        s.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" font-size=\"11\">%s</text>\n", PAD, H - PAD + 16,
                esc(xLow)));
        s.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" font-size=\"11\" text-anchor=\"end\">%s</text>\n",
                W - 8, H - PAD + 16, esc(xHigh)));
        s.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" font-size=\"12\" text-anchor=\"middle\">%s%s"
                + "</text>\n", (W + PAD) / 2, H - 10, esc(path), log ? " (log scale)" : ""));
        s.append(String.format(Locale.ROOT, "<text x=\"4\" y=\"%d\" font-size=\"11\">%s</text>\n", 18, esc(num(yr[1]))));
        s.append(String.format(Locale.ROOT, "<text x=\"4\" y=\"%d\" font-size=\"11\">%s</text>\n", H - PAD,
                esc(num(yr[0]))));
        s.append("</svg><figcaption>").append(esc(metric)).append(" against ").append(esc(path))
                .append("</figcaption></figure>\n");
        return s.toString();
    }

    private static double[] range(List<double[]> points, int axis) {
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (double[] p : points) {
            lo = Math.min(lo, p[axis]);
            hi = Math.max(hi, p[axis]);
        }
        if (points.isEmpty()) {
            return new double[] {0, 1};
        }
        if (hi - lo < 1e-12) {
            // one value: centre it
            return new double[] {lo - 0.5, hi + 0.5};
        }
        double m = 0.06 * (hi - lo);
        return new double[] {lo - m, hi + m};
    }

    private static double px(double x, double[] r) {
        return PAD + (x - r[0]) / (r[1] - r[0]) * (W - PAD - 8);
    }

    private static double py(double y, double[] r) {
        return 8 + (1 - (y - r[0]) / (r[1] - r[0])) * (H - PAD - 8);
    }

    private static void grids(StringBuilder h, Sweep sweep, Leaderboard board) throws IOException {
        h.append("<h2>Best trials' samples</h2>\n<div class=\"grids\">\n");
        int shown = 0;
        for (Leaderboard.Entry e : board.entries()) {
            if (shown == GRIDS || e.status() != TrialStatus.COMPLETED) {
                break;
            }
            Optional<String> image = grid(sweep.directory().resolve(Sweep.TRIALS).resolve(e.trial().id()),
                    (int) e.iterations());
            if (image.isEmpty()) {
                continue;
            }
            h.append("<figure><a href=\"").append(Sweep.TRIALS).append('/').append(esc(e.trial().id())).append('/')
                    .append(RunDirectory.REPORT).append("\"><img class=\"grid\" src=\"").append(Sweep.TRIALS)
                    .append('/').append(esc(e.trial().id())).append('/').append(esc(image.get())).append("\" alt=\"")
                    .append(esc(e.trial().id())).append(" samples\"></a><figcaption>#").append(e.rank()).append(' ')
                    .append(esc(e.trial().id())).append(String.format(Locale.ROOT, " at %,d", e.iterations()))
                    .append("</figcaption></figure>\n");
            shown++;
        }
        if (shown == 0) {
            h.append("<p class=\"muted\">No trial has a sample grid yet.</p>\n");
        }
        h.append("</div>\n");
    }

    /**
     * The trial's grid at {@code iteration}, relative to its run directory: {@code final.png}
     * for a finished run, else the newest {@code samples/iter-N.png} at most {@code iteration}.
     */
    private static Optional<String> grid(Path run, int iteration) throws IOException {
        Path samples = run.resolve(RunDirectory.SAMPLES);
        if (Files.isDirectory(samples)) {
            try (Stream<Path> files = Files.list(samples)) {
                Optional<String> newest = files.map(f -> f.getFileName().toString())
                        .filter(n -> n.matches("iter-\\d+\\.png")
                                && Integer.parseInt(n.substring(5, n.length() - 4)) <= iteration)
                        .max(String::compareTo);
                if (newest.isPresent()) {
                    return Optional.of(RunDirectory.SAMPLES + "/" + newest.get());
                }
            }
        }
        return Files.isRegularFile(run.resolve(RunDirectory.FINAL)) ? Optional.of(RunDirectory.FINAL)
                : Optional.empty();
    }

    static String num(double v) {
        if (!Double.isFinite(v)) {
            return Double.isNaN(v) ? "NaN" : v > 0 ? "∞" : "−∞";
        }
        return String.format(Locale.ROOT, "%.4g", v);
    }
}
