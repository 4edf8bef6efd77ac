package dev.gan4j.core.run;

import dev.gan4j.core.train.AdversarialTrainer;
import dev.gan4j.core.train.IterationStats;
import java.io.IOException;
import java.util.Map;

/**
 * Scores the generator with a {@link RunEvaluator} every {@code output.evaluateEvery} iterations
 * and after the last one (not when stopped early: a user waiting for Ctrl-C should not wait for
 * it): the figures go to {@code metrics.jsonl} and into the history.
 */
final class Evaluations implements RunListener {

    private final RunRecord run;
    private final RunEvaluator evaluator;
    private final int every;
    private int last = -1;

    /** @param evaluator null: the run does not evaluate, whatever the experiment asks */
    Evaluations(RunRecord run, RunEvaluator evaluator) {
        this.run = run;
        this.evaluator = evaluator;
        this.every = run.experiment().config().output().evaluateEvery();
    }

    @Override
    public boolean onIteration(AdversarialTrainer trainer, IterationStats stats) throws IOException {
        if (every > 0 && stats.iteration() % every == 0) {
            evaluate(stats.iteration());
        }
        return true;
    }

    @Override
    public boolean onFinish(AdversarialTrainer trainer, int iteration) throws IOException {
        if (every > 0 && last != iteration && iteration >= run.experiment().config().training().iterations()) {
            evaluate(iteration);
        }
        return true;
    }

    private void evaluate(int i) throws IOException {
        if (evaluator == null) {
            return;
        }
        Map<String, Double> figures = evaluator.evaluate(run.experiment());
        run.metrics().appendEvaluation(i, evaluator.judge(), figures);
        last = i;
        run.readNewLines();
    }
}
