package dev.gan4j.core.eval;

import dev.gan4j.api.Dataset;
import java.util.Map;
import java.util.Objects;

/**
 * Labelled data to train an {@link EvaluationClassifier} on, with what identifies it in the
 * classifier's provenance.
 *
 * @param dataset labelled samples; its {@link Dataset#name()} is recorded
 * @param sha256 SHA-256 (lower-case hex) of each file the data came from, by file name; empty
 *     when not known
 * @param inputLow the smallest value the data's transform produces (0 for pixels / 255)
 * @param inputHigh the largest (1 for pixels / 255); samples to score must be in this range
 */
public record ClassifierData(Dataset dataset, Map<String, String> sha256, float inputLow, float inputHigh) {

    public ClassifierData {
        Objects.requireNonNull(dataset, "dataset");
        sha256 = Map.copyOf(Objects.requireNonNull(sha256, "sha256"));
        if (!(Float.isFinite(inputLow) && Float.isFinite(inputHigh) && inputLow < inputHigh)) {
            throw new IllegalArgumentException("the data's value range must be finite with low < high, got ["
                    + inputLow + ", " + inputHigh + "]");
        }
    }
}
