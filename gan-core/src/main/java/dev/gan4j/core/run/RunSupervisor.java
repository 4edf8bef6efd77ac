package dev.gan4j.core.run;

import dev.gan4j.core.io.AtomicFiles;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gan4j.core.GanExperiment;
import dev.gan4j.core.checkpoint.Checkpoint;
import dev.gan4j.core.checkpoint.CheckpointException;
import dev.gan4j.core.config.DivergenceConfig;
import dev.gan4j.core.config.ExperimentLoader;
import dev.gan4j.core.config.OutputConfig;
import dev.gan4j.core.train.AdversarialTrainer;
import dev.gan4j.core.train.IterationStats;
import java.io.Closeable;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Looks after a run while it trains: appends the metrics, writes sample grids, checkpoints,
 * curves and the report on their schedules, keeps {@code status.json} current, watches for
 * divergence and acts on it, and, for a resumed run, puts the trainer back where its newest
 * intact checkpoint left it. {@link TrainingRun} drives it; it holds the run directory's lock
 * from {@link #start} or {@link #resume} until {@link #close()}.
 *
 * <p>Crash safety: metrics lines are appended whole and forced to disk before every checkpoint,
 * and a checkpoint is written only after its parameters are checked to be finite, so a run killed
 * at any moment leaves a loadable last checkpoint whose iterations all have their metrics lines.
 * {@link #resume} cuts {@code metrics.jsonl} back to that checkpoint's iteration (dropping a
 * partial last line), so a resumed run writes each iteration's line exactly once and, given the
 * same backend, the same numbers as a run that was never stopped.
 */
public final class RunSupervisor implements Closeable {

    private static final Logger LOG = LoggerFactory.getLogger(RunSupervisor.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Writes the preview grid (the same noise every time) to a file. */
    @FunctionalInterface
    public interface PreviewWriter {
        void write(Path file) throws IOException;
    }

    private final GanExperiment experiment;
    private final RunDirectory dir;
    /** The resolved experiment: rewritten when a rollback lowers the learning rates. */
    private String experimentJson;
    private final PreviewWriter previews;
    private final Consumer<String> notices;
    private final RunLock lock;
    private final OutputConfig output;
    private final DivergenceConfig divergence;
    private final CheckpointPolicy checkpoints;
    private final DivergenceGuard guard;
    private final MetricsHistory history = new MetricsHistory();
    private final MetricsFile.Tail tail;
    private final ReportPainter painter;
    private MetricsLog metrics;
    private RunStatus status;
    private int lastCheckpoint = -1;
    /** The iteration the last rollback returned to, while no newer checkpoint has been written. */
    private long rollbackFloor = Long.MAX_VALUE;
    private String diverged;
    private Score score;
    private double best = Double.NaN;
    private RunEvaluator evaluator;
    private int lastEvaluation = -1;

    private RunSupervisor(GanExperiment experiment, RunDirectory dir, String experimentJson, PreviewWriter previews,
            Consumer<String> notices, RunLock lock) {
        this.experiment = experiment;
        this.dir = dir;
        this.experimentJson = experimentJson;
        this.previews = previews;
        this.notices = notices;
        this.lock = lock;
        this.output = experiment.config().output();
        this.divergence = output.divergence();
        this.checkpoints = new CheckpointPolicy(dir, output.checkpointEvery(), output.keepCheckpoints());
        this.guard = new DivergenceGuard(divergence);
        this.tail = new MetricsFile.Tail(dir.metrics());
        this.painter = new ReportPainter(dir, experiment.config().name());
    }

    /**
     * Starts a new run in {@code dir} (whose config and provenance are written): takes the lock,
     * writes {@code status.json} and the checkpoint of iteration 0, the point a rollback returns
     * to if training diverges before the first scheduled checkpoint.
     *
     * @param experimentJson the resolved experiment, embedded in every checkpoint
     * @param notices receives warnings meant for the user
     */
    public static RunSupervisor start(GanExperiment experiment, RunDirectory dir, String experimentJson,
            PreviewWriter previews, Consumer<String> notices) throws IOException {
        RunLock lock = RunLock.acquire(dir);
        RunSupervisor s = new RunSupervisor(experiment, dir, experimentJson, previews, notices, lock);
        try {
            int total = experiment.config().training().iterations();
            s.status = RunStatus.starting(total).withEvent(experiment.iteration(), "started",
                    "started on " + experiment.backend().name() + " by process " + ProcessHandle.current().pid());
            s.status.write(dir.status());
            s.metrics = MetricsLog.open(dir.metrics());
            s.checkpoint(experiment.trainer());
            return s;
        } catch (IOException | RuntimeException e) {
            s.close();
            throw e;
        }
    }

    /**
     * Reopens the run in {@code dir} and puts {@code experiment}'s trainer where its newest intact
     * checkpoint left it: damaged checkpoints are set aside with a warning, temporary files of
     * interrupted writes are deleted, {@code metrics.jsonl} is cut back to the checkpoint's
     * iteration and sample grids after it are deleted, to be drawn again. With no intact
     * checkpoint the run starts over from iteration 0, with a warning.
     *
     * @param experimentJson the resolved experiment; checkpoints of another experiment are refused
     * @throws RunException if another process trains the run, or its checkpoint belongs to
     *     another experiment or architecture
     */
    public static RunSupervisor resume(GanExperiment experiment, RunDirectory dir, String experimentJson,
            PreviewWriter previews, Consumer<String> notices) throws IOException {
        RunLock lock = RunLock.acquire(dir);
        RunSupervisor s = new RunSupervisor(experiment, dir, experimentJson, previews, notices, lock);
        try {
            s.reopen();
            return s;
        } catch (IOException | RuntimeException e) {
            s.close();
            throw e;
        }
    }

    private void reopen() throws IOException {
        int deleted = CheckpointPolicy.deleteTemporaryFiles(dir);
        if (deleted > 0) {
            LOG.debug("deleted {} temporary files left by interrupted writes in {}", deleted, dir);
        }
        Optional<RunStatus> previous = RunStatus.read(dir.status());
        if (previous.isPresent() && previous.get().state() == RunStatus.State.RUNNING) {
            notices.accept("the run was not stopped cleanly (killed, or its machine stopped) after iteration "
                    + previous.get().iteration() + " or later; resuming from its newest intact checkpoint");
        }
        Optional<CheckpointPolicy.Loaded> loaded = checkpoints.newestValid(notices);
        AdversarialTrainer trainer = experiment.trainer();
        int from = 0;
        String origin;
        if (loaded.isPresent()) {
            Checkpoint c = loaded.get().checkpoint();
            String difference = difference(c.experimentJson(), experimentJson);
            if (difference != null) {
                throw new RunException(loaded.get().file() + " belongs to another experiment (" + difference
                        + "); a run resumes only with the experiment it was started with", null);
            }
            try {
                c.restoreInto(trainer);
            } catch (CheckpointException e) {
                throw new RunException(loaded.get().file() + ": " + e.getMessage(), e);
            }
            from = c.iteration();
            origin = "from " + dir.path().relativize(loaded.get().file());
        } else {
            notices.accept("no intact checkpoint in " + dir.checkpoints() + "; starting the run over from iteration 0");
            origin = "from the start (no intact checkpoint)";
        }
        lastCheckpoint = from;
        int kept = MetricsFile.truncateAfter(dir.metrics(), from);
        if (kept < from) {
            notices.accept(dir.metrics() + " ends at iteration " + kept + " but the checkpoint is at iteration " + from
                    + ": the lines in between are lost and will stay missing");
        }
        deleteSamplesAfter(from);
        tail.reset();
        tail.poll(history);
        guard.reset(history);
        rememberBest();
        int total = experiment.config().training().iterations();
        RunStatus base = previous.orElse(RunStatus.starting(total));
        status = base.ownedByThisProcess(total).with(RunStatus.State.RUNNING, from, "")
                .withEvent(from, "resumed", "resumed at iteration " + from + " " + origin + " on "
                        + experiment.backend().name() + " by process " + ProcessHandle.current().pid());
        status.write(dir.status());
        metrics = MetricsLog.open(dir.metrics());
    }

    /**
     * Scores the generator with {@code e} every {@code output.evaluateEvery} iterations and after
     * the last one (nothing if that is 0 or {@code e} is {@code null}).
     */
    public void evaluator(RunEvaluator e) {
        this.evaluator = e;
    }

    /**
     * Handles one finished iteration: its metrics line, the divergence checks, then whatever is
     * due (evaluation, sample grid, best checkpoint, checkpoint, curves and report).
     *
     * @return {@code false} if the iteration was thrown away by a rollback or training stops
     *     because it diverged; {@code true} if it stands
     */
    public boolean onIteration(AdversarialTrainer trainer, IterationStats stats) throws IOException {
        int i = stats.iteration();
        metrics.append(stats);
        tail.poll(history);
        String problem = guard.checkLosses(stats);
        boolean parametersChecked = false;
        if (problem == null && guard.parameterCheckDue(i)) {
            problem = parameterProblem();
            parametersChecked = true;
        }
        if (problem == null && checkpoints.due(i) && !parametersChecked) {
            problem = parameterProblem();
        }
        if (problem != null) {
            diverge(trainer, i, problem);
            return false;
        }
        if (output.evaluateEvery() > 0 && i % output.evaluateEvery() == 0) {
            evaluate(i);
        }
        if (output.sampleEvery() > 0 && i % output.sampleEvery() == 0) {
            previews.write(dir.sample(i));
        }
        offerBest(trainer, i);
        boolean wrote = false;
        if (checkpoints.due(i)) {
            checkpoint(trainer);
            wrote = true;
        }
        if (wrote || (output.plotEvery() > 0 && i % output.plotEvery() == 0)) {
            painter.request(history.copy());
        }
        return true;
    }

    /**
     * Ends the run: unless it diverged, a last checkpoint (if the last iteration has none yet)
     * and the final grid; then the curves, the status and the report.
     *
     * @return the state the run ended in
     */
    public RunStatus finish() throws IOException {
        AdversarialTrainer trainer = experiment.trainer();
        int i = trainer.iteration();
        int total = experiment.config().training().iterations();
        if (diverged == null && lastCheckpoint != i) {
            String problem = parameterProblem();
            if (problem != null) {
                diverge(trainer, i, problem);
            }
        }
        if (diverged == null) {
            // the final figures, unless stopped early: a user waiting for Ctrl-C should not wait for them
            if (output.evaluateEvery() > 0 && lastEvaluation != i && i >= total) {
                evaluate(i);
                offerBest(trainer, i);
            }
            if (lastCheckpoint != i) {
                checkpoint(trainer);
            }
            metrics.sync();
            previews.write(dir.finalImage());
            boolean done = i >= total;
            String text = done ? "finished all " + total + " iterations"
                    : "stopped after iteration " + i + " of " + total + "; continue with gan train --resume " + dir;
            status = status.with(done ? RunStatus.State.FINISHED : RunStatus.State.INTERRUPTED, i, "")
                    .withEvent(i, done ? "finished" : "interrupted", text);
        } else {
            status = status.with(RunStatus.State.DIVERGED, i, diverged);
        }
        status.write(dir.status());
        drawCurvesAndReport();
        return status;
    }

    /** Records that the run failed with {@code error}, keeping its last checkpoint; best effort. */
    public void fail(Throwable error) {
        try {
            int i = experiment.iteration();
            String message = error.getMessage() == null ? error.toString() : error.getMessage();
            status = status.with(RunStatus.State.FAILED, i, message).withEvent(i, "failed", message);
            status.write(dir.status());
            if (metrics != null) {
                metrics.sync();
            }
            drawCurvesAndReport();
        } catch (IOException | RuntimeException e) {
            error.addSuppressed(e);
        }
    }

    /** Why training stopped as diverged, or {@code null} if it did not. */
    public String divergence() {
        return diverged;
    }

    /** The figures so far. */
    public MetricsHistory history() {
        return history;
    }

    /** The run's status as last written. */
    public RunStatus status() {
        return status;
    }

    // ---- evaluation -----------------------------------------------------------------------

    /** Appends the evaluator's figures for iteration {@code i} and reads them into the history. */
    private void evaluate(int i) throws IOException {
        if (evaluator == null) {
            return;
        }
        Map<String, Double> figures = evaluator.evaluate(experiment);
        metrics.appendEvaluation(i, figures);
        lastEvaluation = i;
        tail.poll(history);
    }

    // ---- checkpoints ----------------------------------------------------------------------

    private void checkpoint(AdversarialTrainer trainer) throws IOException {
        metrics.sync();
        Path file = checkpoints.write(Checkpoint.capture(trainer, experimentJson));
        lastCheckpoint = trainer.iteration();
        rollbackFloor = Long.MAX_VALUE;
        status = status.with(RunStatus.State.RUNNING, lastCheckpoint, "");
        status.write(dir.status());
        LOG.debug("wrote {}", file);
    }

    private String parameterProblem() {
        return DivergenceGuard.checkParameters(experiment.backend(), experiment.model().parameters());
    }

    /** The figure that picks the best checkpoint, and whether lower is better. */
    record Score(String key, boolean lowerIsBetter) {
        private static final List<Score> KNOWN = List.of(new Score("frechetDistance", true),
                new Score("frechet_distance", true), new Score("fid", true), new Score("classifierScore", false),
                new Score("classifier_score", false), new Score("inceptionScore", false));

        /** The preferred known figure among {@code names}, or {@code null}. */
        static Score choose(java.util.Set<String> names) {
            return KNOWN.stream().filter(s -> names.contains(s.key())).findFirst().orElse(null);
        }

        boolean better(double candidate, double incumbent) {
            return Double.isFinite(candidate)
                    && (Double.isNaN(incumbent) || (lowerIsBetter ? candidate < incumbent : candidate > incumbent));
        }
    }

    /** If an evaluation of this very iteration is the best so far, saves the state as {@code best.ckpt}. */
    private void offerBest(AdversarialTrainer trainer, int i) throws IOException {
        if (score == null) {
            score = Score.choose(history.evaluations().keySet());
            if (score == null) {
                return;
            }
        }
        MetricsHistory.Series s = history.evaluations().get(score.key());
        if (s == null || s.size() == 0 || s.iteration(s.size() - 1) != i || !score.better(s.last(), best)) {
            return;
        }
        if (parameterProblem() != null) {
            return;
        }
        best = s.last();
        checkpoints.writeBest(Checkpoint.capture(trainer, experimentJson));
        LOG.debug("best {} so far, {} at iteration {}: wrote {}", score.key(), best, i, dir.bestCheckpoint());
    }

    private void rememberBest() {
        score = Score.choose(history.evaluations().keySet());
        if (score != null) {
            MetricsHistory.Series s = history.evaluations().get(score.key());
            for (int k = 0; k < s.size(); k++) {
                if (score.better(s.value(k), best)) {
                    best = s.value(k);
                }
            }
        }
    }

    // ---- divergence -----------------------------------------------------------------------

    private void diverge(AdversarialTrainer trainer, int i, String problem) throws IOException {
        String what = "training diverged at iteration " + i + ": " + problem;
        boolean rollback = divergence.policy() == DivergenceConfig.Policy.ROLLBACK
                && status.rollbacks() < divergence.maxRollbacks();
        // diverging again before a newer checkpoint: that checkpoint may already have been on the way
        // out, so an older one is tried first, if one is kept
        Optional<CheckpointPolicy.Loaded> last = Optional.empty();
        if (rollback) {
            last = checkpoints.newestValidBefore(rollbackFloor, notices);
            if (last.isEmpty()) {
                last = checkpoints.newestValid(notices);
            }
        }
        if (last.isPresent()) {
            rollBack(trainer, i, what, last.get());
            return;
        }
        StringBuilder m = new StringBuilder(what);
        if (divergence.policy() == DivergenceConfig.Policy.ROLLBACK) {
            m.append(status.rollbacks() >= divergence.maxRollbacks()
                    ? " (after " + status.rollbacks() + " rollbacks, the most output.divergence.maxRollbacks allows)"
                    : " (no intact checkpoint to roll back to)");
        }
        List<Path> kept = checkpoints.list();
        if (kept.isEmpty()) {
            m.append("; no checkpoint was kept");
        } else {
            Path good = kept.get(kept.size() - 1);
            m.append("; the last good checkpoint is ").append(dir.path().relativize(good)).append(" (iteration ")
                    .append(CheckpointPolicy.iterationOf(good)).append(')');
        }
        if (divergence.policy() == DivergenceConfig.Policy.STOP) {
            m.append(". Lower the learning rates, or let gan4j do it: --set output.divergence.policy=rollback");
        }
        diverged = m.toString();
        trainer.requestStop();
        status = status.with(RunStatus.State.DIVERGED, i, diverged).withEvent(i, "diverged", diverged);
        status.write(dir.status());
        LOG.debug(diverged);
    }

    private void rollBack(AdversarialTrainer trainer, int i, String what, CheckpointPolicy.Loaded last)
            throws IOException {
        last.checkpoint().restoreInto(trainer);
        trainer.scaleLearningRates(divergence.lrFactor());
        int k = last.checkpoint().iteration();
        rollbackFloor = k;
        metrics.sync();
        // the abandoned trajectory's checkpoints go first: a resume would otherwise pick them
        checkpoints.deleteAfter(k);
        MetricsFile.truncateAfter(dir.metrics(), k);
        deleteSamplesAfter(k);
        // the lowered rates become the experiment's: a run resumed later starts from them
        ExperimentLoader loader = ExperimentLoader.create(experiment.layers());
        experimentJson = loader.toJson(loader.parse(experimentJson, dir.config().toString(), List.of(
                "optimizers.discriminator.learningRate=" + trainer.discriminatorBaseRate(),
                "optimizers.generator.learningRate=" + trainer.generatorBaseRate())));
        AtomicFiles.write(dir.config(), experimentJson.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        history.clear();
        tail.reset();
        tail.poll(history);
        guard.reset(history);
        lastCheckpoint = k;
        String text = String.format(Locale.ROOT, "%s; rolled back to iteration %d (%s) and multiplied both learning "
                + "rates by %s: D's is now %.4g, G's %.4g", what, k, dir.path().relativize(last.file()),
                divergence.lrFactor(), trainer.discriminatorBaseRate(), trainer.generatorBaseRate());
        status = status.withRollback().with(RunStatus.State.RUNNING, k, "").withEvent(i, "rollback", text);
        status.write(dir.status());
        notices.accept(text);
    }


    // ---- files ----------------------------------------------------------------------------

    private void drawCurvesAndReport() throws IOException {
        painter.paintNow(history);
    }

    private void deleteSamplesAfter(int iteration) throws IOException {
        Path samples = dir.path().resolve(RunDirectory.SAMPLES);
        if (!Files.isDirectory(samples)) {
            return;
        }
        try (DirectoryStream<Path> files = Files.newDirectoryStream(samples, "iter-*.png")) {
            for (Path p : files) {
                String digits = p.getFileName().toString().replaceAll("\\D", "");
                if (!digits.isEmpty() && Long.parseLong(digits) > iteration) {
                    Files.delete(p);
                }
            }
        }
    }

    /**
     * Where two resolved experiments differ in anything that makes them different experiments, or
     * {@code null} if they do not: the backend, the outputs, the description, the iteration count
     * (a resumed run may be extended) and the optimisers' learning rates (a rollback lowers them)
     * may differ.
     */
    static String difference(String savedJson, String currentJson) throws JsonProcessingException {
        if (savedJson == null) {
            return null;
        }
        JsonNode a = comparable(JSON.readTree(savedJson));
        JsonNode b = comparable(JSON.readTree(currentJson));
        return firstDifference("$", a, b);
    }

    private static JsonNode comparable(JsonNode n) {
        ObjectNode o = n.deepCopy();
        o.remove(List.of("backend", "output", "description"));
        if (o.get("training") instanceof ObjectNode t) {
            t.remove("iterations");
        }
        for (String network : List.of("discriminator", "generator")) {
            if (o.path("optimizers").get(network) instanceof ObjectNode opt) {
                opt.remove("learningRate");
            }
        }
        return o;
    }

    private static String firstDifference(String path, JsonNode a, JsonNode b) {
        if (a.isObject() && b.isObject()) {
            Iterator<Map.Entry<String, JsonNode>> it = a.fields();
            while (it.hasNext()) {
                Map.Entry<String, JsonNode> e = it.next();
                String d = firstDifference(path + "." + e.getKey(), e.getValue(), b.path(e.getKey()));
                if (d != null) {
                    return d;
                }
            }
            Iterator<String> names = b.fieldNames();
            while (names.hasNext()) {
                String name = names.next();
                if (!a.has(name)) {
                    return path + "." + name + " is new";
                }
            }
            return null;
        }
        if (a.isArray() && b.isArray() && a.size() == b.size()) {
            for (int i = 0; i < a.size(); i++) {
                String d = firstDifference(path + "[" + i + "]", a.get(i), b.get(i));
                if (d != null) {
                    return d;
                }
            }
            return null;
        }
        return a.equals(b) ? null : path + " was " + a + ", is " + (b.isMissingNode() ? "missing" : b.toString());
    }

    /** Stops drawing, closes the metrics file and releases the run's lock. */
    @Override
    public void close() throws IOException {
        try {
            painter.close();
            if (metrics != null) {
                metrics.close();
            }
        } finally {
            lock.close();
        }
    }
}
