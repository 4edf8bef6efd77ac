package dev.gan4j.core.sweep;

import dev.gan4j.core.config.ExperimentConfig;
import dev.gan4j.core.config.ExperimentLoader;
import dev.gan4j.core.io.AtomicFiles;
import dev.gan4j.core.run.RunException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Runs a sweep with successive halving, rung after rung: every trial to the first rung, each
 * evaluated there; the best {@code ⌈n · keep⌉} (by the objective, ties by trial id; failed,
 * diverged and unscored trials never) resume from their checkpoints to the next rung, and so on
 * to the last. Rungs are synchronous, so the same sweep gives the same leaderboard whatever the
 * executor or its parallelism.
 *
 * <p>The sweep directory holds {@code sweep.json} (the resolved sweep), {@code sweep.jsonl} (an
 * outcome per trial and rung), {@code sweep.html}, {@code trials/<id>/} (each an ordinary run
 * directory) and {@code logs/}. Running a sweep on a directory that holds it already continues:
 * recorded completed and diverged (trial, rung) pairs are not run again; failed ones are tried
 * again; interrupted ones resume from their newest checkpoint.
 */
public final class Sweep {

    /** The resolved sweep. */
    public static final String CONFIG = "sweep.json";
    /** One line per trial and rung. */
    public static final String LOG = "sweep.jsonl";
    /** The sweep's report. */
    public static final String REPORT = "sweep.html";
    /** Where the trials' run directories are. */
    public static final String TRIALS = "trials";
    /** Where workers' output goes. */
    public static final String LOGS = "logs";

    private final Path directory;
    private final SweepConfig config;
    private final List<Trial> trials;
    private final SweepLog log;
    private String trialRoot;
    private TrialSetup setup;

    private Sweep(Path directory, SweepConfig config) {
        this.directory = directory;
        this.config = config;
        this.trials = config.plan();
        this.log = new SweepLog(directory.resolve(LOG));
        this.trialRoot = directory.resolve(TRIALS).toString();
    }

    /**
     * The sweep {@code config} in {@code directory}: created (with {@code sweep.json}) if the
     * directory holds no sweep, continued if it holds this one.
     *
     * @throws RunException if the directory holds another sweep, or cannot be written
     */
    public static Sweep create(Path directory, SweepConfig config) {
        Path file = directory.resolve(CONFIG);
        String json = config.toJson();
        try {
            if (Files.exists(file)) {
                String saved = Files.readString(file, StandardCharsets.UTF_8);
                if (!saved.equals(json)) {
                    throw new RunException(directory + " holds another sweep (its " + CONFIG + " differs from this "
                            + "one: " + firstDifference(saved, json) + "); continue it with 'gan sweep --resume "
                            + directory + "', or choose another --out", null);
                }
            } else {
                if (Files.exists(directory) && !Files.isDirectory(directory)) {
                    throw new RunException(directory + " is a file; a sweep needs a directory", null);
                }
                Files.createDirectories(directory);
                AtomicFiles.write(file, json.getBytes(StandardCharsets.UTF_8));
            }
        } catch (IOException e) {
            throw new RunException("cannot write the sweep directory " + directory + ": " + e.getMessage(), e);
        }
        return new Sweep(directory, config);
    }

    /**
     * The sweep already in {@code directory}, from its {@code sweep.json}.
     *
     * @throws RunException if the directory holds no sweep
     */
    public static Sweep open(Path directory) {
        Path file = directory.resolve(CONFIG);
        if (!Files.isRegularFile(file)) {
            throw new RunException(directory + " does not hold a sweep: it has no " + CONFIG, null);
        }
        try {
            String json = Files.readString(file, StandardCharsets.UTF_8);
            return new Sweep(directory, SweepFile.parse(json, file.toString(), directory, List.of()));
        } catch (IOException e) {
            throw new RunException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    /** The line where two texts first differ, shortened, for a message. */
    private static String firstDifference(String a, String b) {
        String[] x = a.split("\n");
        String[] y = b.split("\n");
        for (int i = 0; i < Math.max(x.length, y.length); i++) {
            String u = i < x.length ? x[i].trim() : "";
            String v = i < y.length ? y[i].trim() : "";
            if (!u.equals(v)) {
                return "line " + (i + 1) + " was " + shorten(u) + ", now " + shorten(v);
            }
        }
        return "in white space";
    }

    private static String shorten(String s) {
        return s.length() > 80 ? s.substring(0, 77) + "..." : s;
    }

    /**
     * Puts the trials' run directories under {@code root} (a path or URI string, without a
     * trailing slash) instead of {@code trials/} in the sweep directory: for executors whose
     * workers see the shared storage under another name.
     */
    public Sweep trialRoot(String root) {
        this.trialRoot = Objects.requireNonNull(root, "root");
        return this;
    }

    /**
     * Warms up with {@code s} instead of the {@link TrialSetup} found on the class path (e.g. one
     * reading another data environment).
     */
    public Sweep setup(TrialSetup s) {
        this.setup = Objects.requireNonNull(s, "s");
        return this;
    }

    /** The sweep directory. */
    public Path directory() {
        return directory;
    }

    /** The resolved sweep. */
    public SweepConfig config() {
        return config;
    }

    /** The trials, in id order. */
    public List<Trial> trials() {
        return trials;
    }

    /** Where trial {@code id}'s run directory is. */
    public String runDirectory(String id) {
        return trialRoot + "/" + id;
    }

    /**
     * Runs (or continues) the sweep to its last rung with {@code executor}, recording every
     * outcome as it comes, and writes {@code sweep.html} after each rung. Before the first task,
     * the {@link TrialSetup} on the class path (if any) warms up, so that trials do not all train
     * the evaluation classifier at once.
     *
     * @return the final leaderboard
     * @throws IOException if {@code sweep.jsonl} or {@code sweep.html} cannot be written
     */
    public Leaderboard run(TrialExecutor executor, SweepListener listener) throws IOException {
        Map<String, TrialOutcome> recorded = log.read();
        listener.planned(config, trials, recorded.size());
        Map<String, Trial> byId = new HashMap<>();
        trials.forEach(t -> byId.put(t.id(), t));
        List<Trial> alive = trials;
        boolean warm = false;
        for (int r = 0; r < config.rungs().size(); r++) {
            List<TrialTask> tasks = new ArrayList<>();
            for (Trial t : alive) {
                TrialOutcome o = recorded.get(SweepLog.key(t.id(), r));
                if (o == null || o.status() == TrialStatus.FAILED) {
                    tasks.add(new TrialTask(t.id(), r, config.rungs().get(r), t.experimentJson(),
                            runDirectory(t.id())));
                }
            }
            if (!tasks.isEmpty()) {
                if (!warm) {
                    warmUp();
                    warm = true;
                }
                listener.rungStarted(r, tasks);
                executor.run(tasks, outcome -> {
                    try {
                        log.append(outcome, byId.get(outcome.trialId()));
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                    recorded.put(SweepLog.key(outcome.trialId(), outcome.rung()), outcome);
                    listener.finished(outcome);
                });
            }
            if (r == config.rungs().size() - 1) {
                break;
            }
            alive = promote(alive, recorded, r);
            listener.rungEnded(r, alive.stream().map(Trial::id).toList());
            SweepReport.write(this, leaderboard(recorded));
            if (alive.isEmpty()) {
                break;
            }
        }
        Leaderboard board = leaderboard(recorded);
        SweepReport.write(this, board);
        return board;
    }

    /** Warms the trial setup up once per distinct data section among the trials (a space may vary the data). */
    private void warmUp() {
        Optional<TrialSetup> s = setup != null ? Optional.of(setup) : TrialRunner.discover();
        if (s.isEmpty()) {
            return;
        }
        ExperimentLoader loader = ExperimentLoader.create();
        java.util.Set<Object> seen = new java.util.HashSet<>();
        for (Trial t : trials) {
            ExperimentConfig c = loader.parse(t.experimentJson(), "trial " + t.id(), List.of());
            if (seen.add(List.of(c.data(), String.valueOf(c.backend())))) {
                s.get().warmUp(c);
            }
        }
    }

    /** The best ⌈n · keep⌉ of the {@code n} trials at rung {@code r} that completed with a finite objective. */
    private List<Trial> promote(List<Trial> entered, Map<String, TrialOutcome> recorded, int r) {
        List<Trial> scored = new ArrayList<>();
        for (Trial t : entered) {
            TrialOutcome o = recorded.get(SweepLog.key(t.id(), r));
            if (o != null && o.status() == TrialStatus.COMPLETED && Double.isFinite(objective(o))) {
                scored.add(t);
            }
        }
        Comparator<Trial> byObjective = (a, b) -> config.objective().compare(
                objective(recorded.get(SweepLog.key(a.id(), r))), objective(recorded.get(SweepLog.key(b.id(), r))));
        scored.sort(byObjective.thenComparing(Trial::id));
        return List.copyOf(scored.subList(0, Math.min(scored.size(), config.promoted(entered.size()))));
    }

    private double objective(TrialOutcome o) {
        Double v = o == null ? null : o.figures().get(config.objective().metric());
        return v == null ? Double.NaN : v;
    }

    /**
     * The leaderboard from {@code sweep.jsonl} as it is now.
     *
     * @throws IOException if it cannot be read
     */
    public Leaderboard leaderboard() throws IOException {
        return leaderboard(log.read());
    }

    private Leaderboard leaderboard(Map<String, TrialOutcome> recorded) {
        List<Leaderboard.Entry> rows = new ArrayList<>();
        long run = 0;
        int lastRung = config.rungs().size() - 1;
        for (Trial t : trials) {
            int reached = -1;
            double seconds = 0;
            for (int r = 0; r <= lastRung; r++) {
                TrialOutcome o = recorded.get(SweepLog.key(t.id(), r));
                if (o != null) {
                    reached = r;
                    seconds += o.seconds();
                    run += config.rungs().get(r) - (r == 0 ? 0 : config.rungs().get(r - 1));
                }
            }
            TrialOutcome o = reached < 0 ? null : recorded.get(SweepLog.key(t.id(), reached));
            rows.add(new Leaderboard.Entry(0, t, reached, reached < 0 ? 0 : config.rungs().get(reached),
                    o == null ? null : o.status(), o == null ? Map.of() : o.figures(), objective(o),
                    o == null ? "" : o.error(), seconds));
        }
        rows.sort(Comparator.<Leaderboard.Entry>comparingInt(e -> -e.rung())
                .thenComparingInt(e -> e.status() == TrialStatus.COMPLETED ? 0 : 1)
                .thenComparing((a, b) -> config.objective().compare(a.objective(), b.objective()))
                .thenComparing(e -> e.trial().id()));
        List<Leaderboard.Entry> ranked = new ArrayList<>();
        for (int i = 0; i < rows.size(); i++) {
            Leaderboard.Entry e = rows.get(i);
            ranked.add(new Leaderboard.Entry(i + 1, e.trial(), e.rung(), e.iterations(), e.status(), e.figures(),
                    e.objective(), e.error(), e.seconds()));
        }
        boolean complete = !ranked.isEmpty() && ranked.get(0).rung() == lastRung
                && ranked.get(0).status() == TrialStatus.COMPLETED;
        return new Leaderboard(ranked, run, (long) trials.size() * config.iterations(), complete);
    }

    /**
     * The best trial: the leaderboard's first, if it completed a rung.
     *
     * @throws IOException if {@code sweep.jsonl} cannot be read
     */
    public Optional<Leaderboard.Entry> best() throws IOException {
        Leaderboard board = leaderboard();
        return board.entries().stream().findFirst().filter(e -> e.status() == TrialStatus.COMPLETED);
    }
}
