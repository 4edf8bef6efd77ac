package dev.gan4j.core.run;

import dev.gan4j.core.GanExperiment;
import java.io.IOException;
import java.util.Map;

/**
 * Scores a run's generator while it trains (every {@code output.evaluateEvery} iterations and
 * after the last one). The figures go to {@code metrics.jsonl} as
 * {@code {"iteration": N, "judge": "cnn", "evaluation": {...}}}, into the curves and the report, and the first
 * known one ({@code frechetDistance}, else {@code classifierScore}) picks the best checkpoint.
 * gan-core's implementation is {@code dev.gan4j.core.eval.GeneratorEvaluation}.
 */
@FunctionalInterface
public interface RunEvaluator {

    /**
     * Figures for {@code experiment}'s generator as it is now, by name, in the order they
     * should be shown; a non-finite value is written as {@code null}. Must not change the
     * experiment's training state (parameters, optimisers, random streams).
     */
    Map<String, Double> evaluate(GanExperiment experiment) throws IOException;

    /**
     * What measures the figures, written with each evaluation as {@code "judge"} (for
     * {@code GeneratorEvaluation} its classifier, {@code cnn} or {@code mlp}): figures of
     * different judges are not comparable. {@code null}, the default, writes nothing.
     */
    default String judge() {
        return null;
    }
}
