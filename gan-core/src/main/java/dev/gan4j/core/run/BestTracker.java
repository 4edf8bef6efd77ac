package dev.gan4j.core.run;

import dev.gan4j.core.train.AdversarialTrainer;
import dev.gan4j.core.train.IterationStats;
import java.io.IOException;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the state of the best evaluation so far as {@code checkpoints/best.ckpt}: the best
 * {@code frechetDistance} (else another known figure, see {@link Score}), written when an
 * evaluation of the very iteration just finished beats every earlier one and the parameters are
 * finite. A resumed run remembers the best of the evaluations it kept.
 */
final class BestTracker implements RunListener {

    private static final Logger LOG = LoggerFactory.getLogger(BestTracker.class);

    /** The figure that picks the best checkpoint, and whether lower is better. */
    record Score(String key, boolean lowerIsBetter) {
        private static final List<Score> KNOWN = List.of(new Score("frechetDistance", true),
                new Score("frechet_distance", true), new Score("fid", true), new Score("classifierScore", false),
                new Score("classifier_score", false), new Score("inceptionScore", false));

        /** The preferred known figure among {@code names}, or {@code null}. */
        static Score choose(Set<String> names) {
            return KNOWN.stream().filter(s -> names.contains(s.key())).findFirst().orElse(null);
        }

        boolean better(double candidate, double incumbent) {
            return Double.isFinite(candidate)
                    && (Double.isNaN(incumbent) || (lowerIsBetter ? candidate < incumbent : candidate > incumbent));
        }
    }

    private final RunRecord run;
    private Score score;
    private double best = Double.NaN;

    BestTracker(RunRecord run) {
        this.run = run;
        MetricsHistory history = run.history();
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

    @Override
    public boolean onIteration(AdversarialTrainer trainer, IterationStats stats) throws IOException {
        offer(trainer, stats.iteration());
        return true;
    }

    @Override
    public boolean onFinish(AdversarialTrainer trainer, int iteration) throws IOException {
        offer(trainer, iteration);
        return true;
    }

    /** If an evaluation of iteration {@code i} is the best so far, saves the state as {@code best.ckpt}. */
    private void offer(AdversarialTrainer trainer, int i) throws IOException {
        MetricsHistory history = run.history();
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
        if (run.parameterProblem() != null) {
            return;
        }
        best = s.last();
        run.checkpoints().writeBest(run.capture(trainer));
        LOG.debug("best {} so far, {} at iteration {}: wrote {}", score.key(), best, i, run.dir().bestCheckpoint());
    }
}
