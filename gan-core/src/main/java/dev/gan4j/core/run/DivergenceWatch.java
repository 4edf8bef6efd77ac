package dev.gan4j.core.run;

import dev.gan4j.core.GanExperiment;
import dev.gan4j.core.config.DivergenceConfig;
import dev.gan4j.core.config.ExperimentLoader;
import dev.gan4j.core.io.AtomicFiles;
import dev.gan4j.core.train.AdversarialTrainer;
import dev.gan4j.core.train.IterationStats;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Acts on divergence ({@link DivergenceConfig}): checks every iteration's losses, and the
 * parameters when the configuration asks or a checkpoint is due (so no checkpoint holds NaN).
 * When training diverged it either rolls back to the newest intact checkpoint with lower
 * learning rates ({@code rollback}, at most {@code maxRollbacks} times) or stops the run,
 * naming the last good checkpoint.
 */
final class DivergenceWatch implements RunListener {

    private static final Logger LOG = LoggerFactory.getLogger(DivergenceWatch.class);

    private final RunRecord run;
    private final Checkpointer checkpointer;
    private final DivergenceConfig config;
    private final DivergenceGuard guard;
    private String diverged;

    DivergenceWatch(RunRecord run, Checkpointer checkpointer) {
        this.run = run;
        this.checkpointer = checkpointer;
        this.config = run.experiment().config().output().divergence();
        this.guard = new DivergenceGuard(config);
        guard.reset(run.history());
    }

    @Override
    public boolean onIteration(AdversarialTrainer trainer, IterationStats stats) throws IOException {
        int i = stats.iteration();
        String problem = guard.checkLosses(stats);
        boolean parametersChecked = false;
        if (problem == null && guard.parameterCheckDue(i)) {
            problem = run.parameterProblem();
            parametersChecked = true;
        }
        if (problem == null && checkpointer.due(i) && !parametersChecked) {
            problem = run.parameterProblem();
        }
        if (problem != null) {
            diverge(trainer, i, problem);
            return false;
        }
        return true;
    }

    /** The last checkpoint, if training went on after it, must not be written from diverged parameters. */
    @Override
    public boolean onFinish(AdversarialTrainer trainer, int iteration) throws IOException {
        if (diverged == null && checkpointer.last() != iteration) {
            String problem = run.parameterProblem();
            if (problem != null) {
                diverge(trainer, iteration, problem);
            }
        }
        return diverged == null;
    }

    /** Why training stopped as diverged, or {@code null} if it did not. */
    String diverged() {
        return diverged;
    }

    private void diverge(AdversarialTrainer trainer, int i, String problem) throws IOException {
        String what = "training diverged at iteration " + i + ": " + problem;
        RunStatus status = run.status();
        boolean rollback = config.policy() == DivergenceConfig.Policy.ROLLBACK
                && status.rollbacks() < config.maxRollbacks();
        // diverging again before a newer checkpoint: that checkpoint may already have been on the way
        // out, so an older one is tried first, if one is kept
        Optional<CheckpointPolicy.Loaded> last = Optional.empty();
        if (rollback) {
            last = run.checkpoints().newestValidBefore(checkpointer.rollbackFloor(), run::notice);
            if (last.isEmpty()) {
                last = run.checkpoints().newestValid(run::notice);
            }
        }
        if (last.isPresent()) {
            rollBack(trainer, i, what, last.get());
            return;
        }
        StringBuilder m = new StringBuilder(what);
        if (config.policy() == DivergenceConfig.Policy.ROLLBACK) {
            m.append(status.rollbacks() >= config.maxRollbacks()
                    ? " (after " + status.rollbacks() + " rollbacks, the most output.divergence.maxRollbacks allows)"
                    : " (no intact checkpoint to roll back to)");
        }
        List<Path> kept = run.checkpoints().list();
        if (kept.isEmpty()) {
            m.append("; no checkpoint was kept");
        } else {
            Path good = kept.get(kept.size() - 1);
            m.append("; the last good checkpoint is ").append(run.dir().path().relativize(good)).append(" (iteration ")
                    .append(CheckpointPolicy.iterationOf(good)).append(')');
        }
        if (config.policy() == DivergenceConfig.Policy.STOP) {
            m.append(". Lower the learning rates, or let gan4j do it: --set output.divergence.policy=rollback");
        }
        diverged = m.toString();
        trainer.requestStop();
        run.status(status.with(RunStatus.State.DIVERGED, i, diverged).withEvent(i, "diverged", diverged));
        LOG.debug(diverged);
    }

    private void rollBack(AdversarialTrainer trainer, int i, String what, CheckpointPolicy.Loaded last)
            throws IOException {
        last.checkpoint().restoreInto(trainer);
        trainer.scaleLearningRates(config.lrFactor());
        int k = last.checkpoint().iteration();
        checkpointer.rolledBackTo(k);
        run.sync();
        // the abandoned trajectory's checkpoints go first: a resume would otherwise pick them
        run.checkpoints().deleteAfter(k);
        MetricsFile.truncateAfter(run.dir().metrics(), k);
        run.deleteSamplesAfter(k);
        // the lowered rates become the experiment's: a run resumed later starts from them
        GanExperiment experiment = run.experiment();
        ExperimentLoader loader = ExperimentLoader.create(experiment.layers());
        String json = loader.toJson(loader.parse(run.experimentJson(), run.dir().config().toString(), List.of(
                "optimizers.discriminator.learningRate=" + trainer.discriminatorBaseRate(),
                "optimizers.generator.learningRate=" + trainer.generatorBaseRate())));
        run.experimentJson(json);
        AtomicFiles.write(run.dir().config(), json.getBytes(StandardCharsets.UTF_8));
        run.reread();
        guard.reset(run.history());
        String text = String.format(Locale.ROOT, "%s; rolled back to iteration %d (%s) and multiplied both learning "
                + "rates by %s: D's is now %.4g, G's %.4g", what, k, run.dir().path().relativize(last.file()),
                config.lrFactor(), trainer.discriminatorBaseRate(), trainer.generatorBaseRate());
        run.status(run.status().withRollback().with(RunStatus.State.RUNNING, k, "").withEvent(i, "rollback", text));
        run.notice(text);
    }
}
