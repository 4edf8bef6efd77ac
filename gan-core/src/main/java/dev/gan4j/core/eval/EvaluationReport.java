package dev.gan4j.core.eval;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.Objects;

/**
 * Every figure {@link Evaluator#evaluate} measures on one set of samples.
 *
 * @param samples number of samples scored
 * @param referenceSamples number of real samples they were compared with
 * @param classifierScore {@code exp(E[KL(p(y|x) ‖ p(y))])}, in [1, classes]; higher is better
 * @param frechetDistance Fréchet distance between Gaussian fits of the classifier features of
 *     the samples and of the reference; lower is better, and it depends on the sample count
 * @param classHistogram how many samples the classifier assigns to each class
 * @param klFromUniform KL divergence of the class histogram from uniform, in nats; 0 is balanced
 * @param modes classes holding at least {@link #modeThreshold} of the samples
 * @param modeThreshold the fraction a class must hold to count as a mode
 * @param precision fraction of samples inside the real data's k-NN manifold
 * @param recall fraction of real data inside the samples' k-NN manifold
 * @param k the neighbourhood size of precision and recall
 * @param precisionRecallSamples points of each set in one precision/recall comparison (equal counts; with
 *     fewer samples than reference points, the means over disjoint parts of the reference)
 * @param conditionalAccuracy fraction of samples classified as the label they were generated
 *     for; {@code null} without labels
 * @param judge which evaluation classifier measured the figures ({@link Judge#id()}: {@code cnn} or
 *     {@code mlp}); figures of different judges are not comparable
 * @param classifierAccuracy the classifier's held-out accuracy, for judging the other figures
 */
@JsonPropertyOrder({"samples", "referenceSamples", "classifierScore", "frechetDistance", "classHistogram",
    "klFromUniform", "modes", "modeThreshold", "precision", "recall", "k", "precisionRecallSamples",
    "conditionalAccuracy", "judge", "classifierAccuracy"})
public record EvaluationReport(int samples, int referenceSamples, double classifierScore, double frechetDistance,
        int[] classHistogram, double klFromUniform, int modes, double modeThreshold, double precision, double recall,
        int k, int precisionRecallSamples, Double conditionalAccuracy, String judge, double classifierAccuracy) {

    public EvaluationReport {
        Objects.requireNonNull(classHistogram, "classHistogram");
        Objects.requireNonNull(judge, "judge");
        classHistogram = classHistogram.clone();
    }

    @Override
    public int[] classHistogram() {
        return classHistogram.clone();
    }

    /** This report as one line of JSON, fields in declaration order. */
    public String toJson() {
        try {
            return new ObjectMapper().writeValueAsString(this);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof EvaluationReport r && samples == r.samples && referenceSamples == r.referenceSamples
                && Double.compare(classifierScore, r.classifierScore) == 0
                && Double.compare(frechetDistance, r.frechetDistance) == 0
                && Arrays.equals(classHistogram, r.classHistogram)
                && Double.compare(klFromUniform, r.klFromUniform) == 0 && modes == r.modes
                && Double.compare(modeThreshold, r.modeThreshold) == 0 && Double.compare(precision, r.precision) == 0
                && Double.compare(recall, r.recall) == 0 && k == r.k
                && precisionRecallSamples == r.precisionRecallSamples
                && Objects.equals(conditionalAccuracy, r.conditionalAccuracy) && judge.equals(r.judge)
                && Double.compare(classifierAccuracy, r.classifierAccuracy) == 0;
    }

    @Override
    public int hashCode() {
        return Objects.hash(samples, referenceSamples, classifierScore, frechetDistance, Arrays.hashCode(classHistogram),
                klFromUniform, modes, precision, recall, k, conditionalAccuracy, judge);
    }

    @Override
    public String toString() {
        return toJson();
    }
}
