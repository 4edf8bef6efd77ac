package dev.gan4j.core.eval;

import dev.gan4j.api.Dataset;
import dev.gan4j.api.SeededRandom;
import java.util.Objects;

/**
 * Scores sets of samples against a fixed set of real ones with an {@link EvaluationClassifier}:
 * the reference features, their Gaussian fit and their k-NN radii are computed once, so scoring
 * during training costs one classifier pass over the samples plus the comparisons.
 *
 * <p>Precision and recall compare equal numbers of points, because k-NN radii shrink as a set
 * grows: more samples than reference points are subsampled (seeded) to the reference's count;
 * fewer are compared with each of {@code ⌊reference / samples⌋} disjoint random parts of the
 * reference in turn, and the figures averaged. The
 * Fréchet distance uses every sample and every reference point; it is biased upwards for small
 * sample counts, so compare it only between evaluations of equal sample counts.
 *
 * <p>Not thread-safe (the classifier is not).
 */
public final class Evaluator {

    private final EvaluationClassifier classifier;
    private final Predictions reference;
    private final GaussianFit referenceFit;
    private final int k;
    /** k-NN radii of the whole reference set, computed on first need (a sample set at least as large). */
    private double[] referenceRadii;

    private Evaluator(EvaluationClassifier classifier, Predictions reference, int k) {
        if (reference.count() <= k) {
            throw new IllegalArgumentException("the reference set needs more than k = " + k + " samples, got "
                    + reference.count());
        }
        this.classifier = classifier;
        this.reference = reference;
        this.referenceFit = GaussianFit.of(reference.features(), reference.count(), reference.featureSize());
        this.k = k;
    }

    /** An evaluator comparing with every sample of {@code real}, with k = 3. */
    public static Evaluator of(EvaluationClassifier classifier, Dataset real) {
        return new Evaluator(classifier, classifier.predict(real), PrecisionRecall.DEFAULT_K);
    }

    /** An evaluator comparing with {@code count} row-major real samples, with k = 3. */
    public static Evaluator of(EvaluationClassifier classifier, float[] real, int count) {
        return new Evaluator(classifier, classifier.predict(real, count), PrecisionRecall.DEFAULT_K);
    }

    /** An evaluator comparing with the given real predictions, with neighbourhood size {@code k}. */
    public static Evaluator of(EvaluationClassifier classifier, Predictions real, int k) {
        return new Evaluator(classifier, real, k);
    }

    public EvaluationClassifier classifier() {
        return classifier;
    }

    /**
     * Scores {@code count} row-major samples, which must be in the classifier's input range
     * (see {@link EvaluationClassifier#toInputRange}).
     *
     * @param labels the class each sample was generated for (conditional models), or
     *     {@code null}
     * @param random chooses the subsets for precision and recall
     * @throws IllegalArgumentException if there are not more than k samples, or labels are of
     *     the wrong count or out of range
     */
    public EvaluationReport evaluate(float[] samples, int count, int[] labels, SeededRandom random) {
        Objects.requireNonNull(random, "random");
        if (count <= k) {
            throw new IllegalArgumentException("evaluation needs more than k = " + k + " samples, got " + count);
        }
        int classes = classifier.architecture().classes();
        if (labels != null) {
            if (labels.length != count) {
                throw new IllegalArgumentException("expected one label per sample: " + count + " samples, "
                        + labels.length + " labels");
            }
            for (int i = 0; i < count; i++) {
                if (labels[i] < 0 || labels[i] >= classes) {
                    throw new IllegalArgumentException("label " + labels[i] + " at index " + i + " is outside [0, "
                            + classes + ")");
                }
            }
        }
        Predictions p = classifier.predict(samples, count);
        double score = ClassMetrics.classifierScore(p.logits(), count, classes);
        double fd = FrechetDistance.between(GaussianFit.of(p.features(), count, p.featureSize()), referenceFit);
        int[] histogram = ClassMetrics.histogram(p.predictedClasses(), classes);
        PrecisionRecall pr = precisionRecall(p, random);
        return new EvaluationReport(count, reference.count(), score, fd, histogram,
                ClassMetrics.klFromUniform(histogram), ClassMetrics.modes(histogram, ClassMetrics.MODE_THRESHOLD),
                ClassMetrics.MODE_THRESHOLD, pr.precision(), pr.recall(), k, pr.realCount(),
                labels == null ? null : p.accuracy(labels), classifier.architecture().judge().id(),
                classifier.provenance().heldOutAccuracy());
    }

    /**
     * Precision and recall at equal counts {@code m = min(samples, reference)}. With fewer
     * samples than reference points the reference is cut into {@code ⌊reference / m⌋} disjoint
     * random parts of {@code m} points and the figures are the means over the parts: one random
     * part alone makes precision swing widely for a collapsed generator, whose few distinct
     * samples sit near a few real points that a part may or may not hold.
     */
    private PrecisionRecall precisionRecall(Predictions generated, SeededRandom random) {
        int d = generated.featureSize();
        int m = Math.min(generated.count(), reference.count());
        float[] gen = subset(generated.features(), generated.count(), d, m, random.fork("generated"));
        double[] genRadii = PrecisionRecall.radii(classifier.backend(), gen, m, d, k);
        if (m == reference.count()) {
            if (referenceRadii == null) {
                referenceRadii = PrecisionRecall.radii(classifier.backend(), reference.features(), m, d, k);
            }
            return PrecisionRecall.compute(classifier.backend(), reference.features(), m, referenceRadii, gen, m,
                    genRadii, d, k);
        }
        int parts = reference.count() / m;
        int[] order = random.fork("reference").permutation(reference.count());
        float[] real = new float[m * d];
        double precision = 0;
        double recall = 0;
        for (int part = 0; part < parts; part++) {
            for (int i = 0; i < m; i++) {
                System.arraycopy(reference.features(), order[part * m + i] * d, real, i * d, d);
            }
            double[] realRadii = PrecisionRecall.radii(classifier.backend(), real, m, d, k);
            PrecisionRecall pr = PrecisionRecall.compute(classifier.backend(), real, m, realRadii, gen, m, genRadii, d,
                    k);
            precision += pr.precision();
            recall += pr.recall();
        }
        return new PrecisionRecall(precision / parts, recall / parts, k, m, m);
    }

    /** {@code m} of the {@code n} rows, chosen without replacement; all rows, in order, if m = n. */
    private static float[] subset(float[] rows, int n, int d, int m, SeededRandom random) {
        if (m == n) {
            return rows;
        }
        int[] pick = random.permutation(n);
        float[] out = new float[m * d];
        for (int i = 0; i < m; i++) {
            System.arraycopy(rows, pick[i] * d, out, i * d, d);
        }
        return out;
    }
}
