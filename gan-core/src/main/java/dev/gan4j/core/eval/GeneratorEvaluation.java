package dev.gan4j.core.eval;

import dev.gan4j.api.SeededRandom;
import dev.gan4j.core.GanExperiment;
import dev.gan4j.core.run.RunEvaluator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Scores an experiment's generator with an {@link Evaluator}: draws a fixed number of samples,
 * always from the same noise (a fresh {@code new SeededRandom(seed).fork("evaluation")} each
 * time, so successive evaluations of a run differ only by what the generator learned), with
 * balanced labels for a conditional model, maps them from the data's value range to the
 * classifier's and evaluates them. Drawing samples uses the generator's sampling call site in
 * eval mode, so it changes nothing about training.
 */
public final class GeneratorEvaluation implements RunEvaluator {

    private final Evaluator evaluator;
    private final int samples;
    private final long seed;
    private final float low;
    private final float high;

    /**
     * @param samples samples per evaluation
     * @param seed seeds the noise and the precision/recall subsets
     * @param low the smallest value the data's transform produces, which generated samples share
     * @param high the largest
     */
    public GeneratorEvaluation(Evaluator evaluator, int samples, long seed, float low, float high) {
        this.evaluator = Objects.requireNonNull(evaluator, "evaluator");
        if (samples <= PrecisionRecall.DEFAULT_K) {
            throw new IllegalArgumentException("an evaluation needs more than " + PrecisionRecall.DEFAULT_K
                    + " samples, got " + samples);
        }
        if (!(low < high)) {
            throw new IllegalArgumentException("the data's value range must have low < high, got [" + low + ", "
                    + high + "]");
        }
        this.samples = samples;
        this.seed = seed;
        this.low = low;
        this.high = high;
    }

    public Evaluator evaluator() {
        return evaluator;
    }

    /**
     * Labels {@code 0, 1, …, classes − 1, 0, 1, …} for {@code count} samples: as balanced as the
     * count allows.
     */
    public static int[] balancedLabels(int count, int classes) {
        int[] labels = new int[count];
        for (int i = 0; i < count; i++) {
            labels[i] = i % classes;
        }
        return labels;
    }

    /**
     * Every figure for {@code experiment}'s generator as it is now.
     *
     * @throws IllegalArgumentException if the generator's samples do not fit the classifier, or
     *     a conditional model's classes differ from the classifier's
     */
    public EvaluationReport report(GanExperiment experiment) {
        EvaluationClassifier classifier = evaluator.classifier();
        int classes = experiment.model().classCount();
        if (classes > 0 && classes != classifier.architecture().classes()) {
            throw new IllegalArgumentException("the model is conditioned on " + classes + " classes but the "
                    + "evaluation classifier knows " + classifier.architecture().classes());
        }
        if (experiment.model().sampleSize() != classifier.architecture().inputSize()) {
            throw new IllegalArgumentException("the generator draws samples of " + experiment.model().sampleSize()
                    + " values but the evaluation classifier takes " + classifier.architecture().inputSize());
        }
        SeededRandom random = new SeededRandom(seed).fork("evaluation");
        int[] labels = classes > 0 ? balancedLabels(samples, classes) : null;
        float[] x = experiment.generate(samples, random.fork("noise"), labels);
        return evaluator.evaluate(classifier.toInputRange(x, low, high), samples, labels, random.fork("subsets"));
    }

    /** The evaluation classifier's judge, {@code cnn} or {@code mlp}: recorded with every evaluation. */
    @Override
    public String judge() {
        return evaluator.classifier().architecture().judge().id();
    }

    /** {@link #figures(EvaluationReport)} of {@link #report(GanExperiment)}. */
    @Override
    public Map<String, Double> evaluate(GanExperiment experiment) {
        return figures(report(experiment));
    }

    /**
     * The figures of {@code r} that change during training, in the order a run shows them:
     * Fréchet distance, classifier score, precision, recall, modes, conditional accuracy (when
     * there are labels) and the class histogram's KL divergence from uniform.
     */
    public static Map<String, Double> figures(EvaluationReport r) {
        Map<String, Double> f = new LinkedHashMap<>();
        f.put("frechetDistance", r.frechetDistance());
        f.put("classifierScore", r.classifierScore());
        f.put("precision", r.precision());
        f.put("recall", r.recall());
        f.put("modes", (double) r.modes());
        if (r.conditionalAccuracy() != null) {
            f.put("conditionalAccuracy", r.conditionalAccuracy());
        }
        f.put("klFromUniform", r.klFromUniform());
        return f;
    }
}
