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
    private static final int PAD = 52;
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
                .append(".plots { display: flex; flex-wrap: wrap; gap: 12px; }\ntd.status { white-space: nowrap; }\n")
                // the run report's break-word would split a rank like "10" over two lines in a wide table
                .append("td { word-break: normal; }\n")
                .append("</style>\n</head>\n<body>\n");
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
        String metric = c.objective().metric();
        List<String> figures = new ArrayList<>();
        board.entries().forEach(e -> e.figures().keySet().stream().filter(k -> !k.equals(metric)
                && !figures.contains(k)).forEach(figures::add));
        h.append("<h2>Leaderboard</h2>\n<table>\n<tr><th>#</th><th>trial</th><th>iterations</th><th>status</th><th>")
                .append(esc(metric)).append(" ★</th>");
        // a path breaks after its dots, so that long paths do not widen the table
        c.space().keySet().forEach(p -> h.append("<th>").append(esc(p).replace(".", ".<wbr>")).append("</th>"));
        figures.forEach(f -> h.append("<th class=\"muted\">").append(esc(f)).append("</th>"));
        h.append("<th>seconds</th></tr>\n");
        for (Leaderboard.Entry e : board.entries()) {
            String id = e.trial().id();
            h.append("<tr><td>").append(e.rank()).append("</td><td><a href=\"").append(Sweep.TRIALS).append('/')
                    .append(esc(id)).append('/').append(RunDirectory.REPORT).append("\">").append(esc(id))
                    .append("</a></td><td>").append(String.format(Locale.ROOT, "%,d", e.iterations()))
                    .append("</td><td class=\"status\">").append(e.status() == null ? "waiting" : e.status().name().toLowerCase(
                            Locale.ROOT));
            if (!e.error().isEmpty()) {
                h.append("<br><span class=\"muted\">").append(esc(e.error())).append("</span>");
            }
            h.append("</td><td><b>").append(e.status() == TrialStatus.COMPLETED ? num(e.objective()) : "")
                    .append("</b></td>");
            e.trial().settings().values().forEach(v -> h.append("<td>").append(esc(v.toString())).append("</td>"));
            for (String f : figures) {
                Double v = e.figures().get(f);
                h.append("<td class=\"muted\">").append(v == null ? "" : num(v)).append("</td>");
            }
            h.append("<td>").append(String.format(Locale.ROOT, "%.1f", e.seconds())).append("</td></tr>\n");
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
        double[] xd = extremes(points, 0);
        double[] yd = extremes(points, 1);
        s.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" fill=\"none\" "
                + "stroke=\"#bbb\"/>\n", PAD, 8, W - PAD - 8, H - PAD - 8));
        for (int i = 0; i < points.size(); i++) {
            double[] p = points.get(i);
            s.append(String.format(Locale.ROOT, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"5\" fill=\"%s\" "
                    + "fill-opacity=\"0.8\"><title>%s</title></circle>\n", px(p[0], xr), py(p[1], yr),
                    RUNG_COLOURS[(int) Math.min(p[2], RUNG_COLOURS.length - 1)], esc(labels.get(i))));
        }
        // axis labels at the lowest and highest values plotted (every category for a categorical path)
        if (numeric) {
            xLabel(s, px(xd[0], xr), num(log ? Math.pow(10, xd[0]) : xd[0]));
            if (xd[1] > xd[0]) {
                xLabel(s, px(xd[1], xr), num(log ? Math.pow(10, xd[1]) : xd[1]));
            }
        } else {
            for (int i = 0; i < categories.size(); i++) {
                xLabel(s, px(i, xr), categories.get(i));
            }
        }
        yLabel(s, py(yd[0], yr), num(yd[0]));
        if (yd[1] > yd[0]) {
            yLabel(s, py(yd[1], yr), num(yd[1]));
        }
        s.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" font-size=\"12\" text-anchor=\"middle\">%s%s"
                + "</text>\n", (W + PAD) / 2, H - 10, esc(path), log ? " (log scale)" : ""));
        s.append("</svg><figcaption>").append(esc(metric)).append(" against ").append(esc(path))
                .append("</figcaption></figure>\n");
        return s.toString();
    }

    private static void xLabel(StringBuilder s, double x, String text) {
        s.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%d\" font-size=\"11\" text-anchor=\"middle\">%s"
                + "</text>\n", x, H - PAD + 16, esc(text)));
    }

    private static void yLabel(StringBuilder s, double y, String text) {
        s.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%.1f\" font-size=\"11\" text-anchor=\"end\" "
                + "dominant-baseline=\"middle\">%s</text>\n", PAD - 4, y, esc(text)));
    }

    /** The lowest and highest value on {@code axis}; {0, 1} without points. */
    private static double[] extremes(List<double[]> points, int axis) {
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (double[] p : points) {
            lo = Math.min(lo, p[axis]);
            hi = Math.max(hi, p[axis]);
        }
        return points.isEmpty() ? new double[] {0, 1} : new double[] {lo, hi};
    }

    private static double[] range(List<double[]> points, int axis) {
        double[] e = extremes(points, axis);
        if (e[1] - e[0] < 1e-12) {
            // one value: centre it
            return new double[] {e[0] - 0.5, e[1] + 0.5};
        }
        double m = 0.06 * (e[1] - e[0]);
        return new double[] {e[0] - m, e[1] + m};
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
