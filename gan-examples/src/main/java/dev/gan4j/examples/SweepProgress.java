package dev.gan4j.examples;

import dev.gan4j.core.run.RunDirectory;
import dev.gan4j.core.run.RunStatus;
import dev.gan4j.core.sweep.Leaderboard;
import dev.gan4j.core.sweep.Sweep;
import dev.gan4j.core.sweep.SweepConfig;
import dev.gan4j.core.sweep.SweepListener;
import dev.gan4j.core.sweep.Trial;
import dev.gan4j.core.sweep.TrialOutcome;
import dev.gan4j.core.sweep.TrialStatus;
import dev.gan4j.core.sweep.TrialTask;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * What {@code gan sweep} shows while it runs: a live table on a terminal (one row per trial of
 * the current rung: its iteration, read from its {@code status.json}, its state and latest
 * objective; redrawn in place with ANSI codes every second), a line per event otherwise, or
 * nothing; and the leaderboard at the end.
 */
final class SweepProgress implements SweepListener, AutoCloseable {

    private static final String UP = "\u001b[%dA";
    private static final String CLEAR_BELOW = "\u001b[J";

    private final PrintWriter out;
    private final Sweep sweep;
    private final boolean table;
    private final boolean silent;
    private final Map<String, Trial> trials = new HashMap<>();
    private final Map<String, TrialTask> current = new LinkedHashMap<>();
    private final Map<String, TrialOutcome> outcomes = new HashMap<>();
    private ScheduledExecutorService redraw;
    private int drawn;
    private int rung;

    private SweepProgress(PrintWriter out, Sweep sweep, boolean table, boolean silent) {
        this.out = out;
        this.sweep = sweep;
        this.table = table;
        this.silent = silent;
        sweep.trials().forEach(t -> trials.put(t.id(), t));
    }

    static SweepProgress table(PrintWriter out, Sweep sweep) {
        return new SweepProgress(out, sweep, true, false);
    }

    static SweepProgress lines(PrintWriter out, Sweep sweep) {
        return new SweepProgress(out, sweep, false, false);
    }

    static SweepProgress silent(Sweep sweep) {
        return new SweepProgress(new PrintWriter(PrintWriter.nullWriter()), sweep, false, true);
    }

    @Override
    public synchronized void planned(SweepConfig config, List<Trial> planned, int recorded) {
        if (silent) {
            return;
        }
        if (recorded > 0) {
            out.printf(Locale.ROOT, "Continuing: %d trial outcomes are recorded in %s%n", recorded, Sweep.LOG);
        }
        out.printf(Locale.ROOT, "Successive halving trains at most %,d iterations; every trial to the end would "
                + "take %,d%n", config.plannedIterations(), (long) config.trials() * config.iterations());
        out.flush();
    }

    @Override
    public synchronized void rungStarted(int r, List<TrialTask> tasks) {
        rung = r;
        current.clear();
        tasks.forEach(t -> current.put(t.trialId(), t));
        if (silent) {
            return;
        }
        out.printf(Locale.ROOT, "Rung %d: %d trial%s to %,d iterations%n", r, tasks.size(), tasks.size() == 1 ? ""
                : "s", tasks.get(0).iterations());
        out.flush();
        if (table && redraw == null) {
            redraw = Executors.newSingleThreadScheduledExecutor(r2 -> {
                Thread t = new Thread(r2, "gan-sweep-table");
                t.setDaemon(true);
                return t;
            });
            redraw.scheduleAtFixedRate(this::draw, 0, 1, TimeUnit.SECONDS);
        }
    }

    @Override
    public synchronized void finished(TrialOutcome o) {
        outcomes.put(o.trialId(), o);
        if (silent) {
            return;
        }
        if (table) {
            draw();
            return;
        }
        out.printf(Locale.ROOT, "  %s rung %d (%,d iterations): %s, %.1f s  [%s]%n", o.trialId(), o.rung(),
                o.iterations(), describe(o), o.seconds(), trials.get(o.trialId()).describe());
        out.flush();
    }

    @Override
    public synchronized void rungEnded(int r, List<String> promoted) {
        if (silent) {
            return;
        }
        if (table) {
            draw();
            drawn = 0; // keep the finished rung's table on screen
            current.clear(); // and draw nothing more until the next rung starts
        }
        out.printf(Locale.ROOT, "Rung %d done: %d promoted (%s)%n", r, promoted.size(), String.join(", ", promoted));
        out.flush();
    }

    /** The outcome in a few words: the objective and the other figures, or the error. */
    private String describe(TrialOutcome o) {
        if (o.status() != TrialStatus.COMPLETED) {
            return o.status().name().toLowerCase(Locale.ROOT) + ": " + o.error();
        }
        String metric = sweep.config().objective().metric();
        StringBuilder s = new StringBuilder();
        Double objective = o.figures().get(metric);
        s.append(metric).append(' ').append(objective == null ? "missing" : num(objective));
        o.figures().forEach((k, v) -> {
            if (!k.equals(metric)) {
                s.append(", ").append(k).append(' ').append(num(v));
            }
        });
        return s.toString();
    }

    private synchronized void draw() {
        if (current.isEmpty()) {
            return;
        }
        List<String> lines = new ArrayList<>();
        lines.add(String.format(Locale.ROOT, "  %-6s %4s %17s  %-10s %-12s %s", "trial", "rung", "iteration",
                "state", sweep.config().objective().metric(), "settings"));
        for (TrialTask t : current.values()) {
            TrialOutcome o = outcomes.get(t.trialId());
            boolean done = o != null && o.rung() == rung;
            int at = done ? (int) t.iterations() : iteration(t);
            String state = done ? o.status().name().toLowerCase(Locale.ROOT) : at > 0 ? "training" : "waiting";
            Double v = done ? o.figures().get(sweep.config().objective().metric()) : null;
            lines.add(String.format(Locale.ROOT, "  %-6s %4d %8s/%-8s  %-10s %-12s %s", t.trialId(), t.rung(),
                    String.format(Locale.ROOT, "%,d", at), String.format(Locale.ROOT, "%,d", t.iterations()), state,
                    v == null ? "" : num(v), trials.get(t.trialId()).describe()));
        }
        if (drawn > 0) {
            out.print(String.format(Locale.ROOT, UP, drawn));
        }
        out.print("\r" + CLEAR_BELOW);
        int width = columns();
        for (String l : lines) {
            out.println(l.length() > width ? l.substring(0, width - 1) : l);
        }
        out.flush();
        drawn = lines.size();
    }

    private static int columns() {
        try {
            return Math.max(40, Integer.parseInt(System.getenv().getOrDefault("COLUMNS", "120").trim()));
        } catch (NumberFormatException e) {
            return 120;
        }
    }

    /** The trial's iteration as its {@code status.json} last said, 0 if unknown. */
    private int iteration(TrialTask t) {
        try {
            return RunStatus.read(Path.of(t.runDirectory()).resolve(RunDirectory.STATUS)).map(RunStatus::iteration)
                    .orElse(0);
        } catch (IOException | RuntimeException e) {
            return 0; // being rewritten: next second
        }
    }

    @Override
    public synchronized void close() {
        if (redraw != null) {
            redraw.shutdownNow();
            redraw = null;
        }
    }

    /** Prints the leaderboard and the compute successive halving saved. */
    static void printLeaderboard(PrintWriter out, Sweep sweep, Leaderboard board) {
        String metric = sweep.config().objective().metric();
        out.printf(Locale.ROOT, "%nLeaderboard (%s, %s):%n", metric, sweep.config().objective().minimize()
                ? "lower is better" : "higher is better");
        out.printf(Locale.ROOT, "  %4s  %-6s %10s  %-10s %12s  %s%n", "rank", "trial", "iterations", "status", metric,
                "settings");
        for (Leaderboard.Entry e : board.entries()) {
            out.printf(Locale.ROOT, "  %4d  %-6s %10s  %-10s %12s  %s%s%n", e.rank(), e.trial().id(),
                    String.format(Locale.ROOT, "%,d", e.iterations()), e.status() == null ? "waiting"
                            : e.status().name().toLowerCase(Locale.ROOT), num(e.objective()), e.trial().describe(),
                    e.error().isEmpty() ? "" : "  (" + e.error() + ")");
        }
        out.printf(Locale.ROOT, "Compute: successive halving trained %,d iterations; all %d trials to %,d would be "
                + "%,d (%.0f%% saved)%n", board.iterationsRun(), sweep.trials().size(), sweep.config().iterations(),
                board.iterationsAllToEnd(), 100 * board.saved());
    }

    static String num(double v) {
        if (!Double.isFinite(v)) {
            return Double.isNaN(v) ? "-" : v > 0 ? "inf" : "-inf";
        }
        return String.format(Locale.ROOT, "%.4g", v);
    }
}
