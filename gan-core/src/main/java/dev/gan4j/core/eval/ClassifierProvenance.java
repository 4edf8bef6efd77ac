package dev.gan4j.core.eval;

import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * Where an {@link EvaluationClassifier} came from and how good it is, saved with its weights so
 * a cached classifier can be checked against the data it is asked to judge.
 *
 * @param data the training dataset's name, e.g. {@code "mnist/test"}
 * @param dataSha256 SHA-256 of each data file by file name (empty when not known)
 * @param inputLow smallest input value the classifier was trained on
 * @param inputHigh largest input value the classifier was trained on
 * @param recipe the revision of gan4j's training procedure ({@link EvaluationClassifier#RECIPE}):
 *     a cached classifier trained by an older procedure is retrained
 * @param training the training configuration (epochs, batch, learning rate, split, seed)
 * @param trainCount samples trained on
 * @param heldOutCount samples held out, never trained on
 * @param trainAccuracy accuracy on the training part after training
 * @param heldOutAccuracy accuracy on the held-out part: the honest figure
 * @param gan4jVersion the gan4j version that trained it, or {@code "unknown"}
 * @param backend the backend that trained it, e.g. {@code "ejml 0.43.1"}
 * @param created when training finished, ISO-8601 UTC
 */
public record ClassifierProvenance(String data, Map<String, String> dataSha256, float inputLow, float inputHigh,
        int recipe, ClassifierTraining training, int trainCount, int heldOutCount, double trainAccuracy, double heldOutAccuracy,
        String gan4jVersion, String backend, String created) {

    public ClassifierProvenance {
        Objects.requireNonNull(data, "data");
        Objects.requireNonNull(training, "training");
        // sorted so that the saved file is stable
        dataSha256 = java.util.Collections.unmodifiableMap(new TreeMap<>(
                Objects.requireNonNull(dataSha256, "dataSha256")));
    }

    /**
     * Whether a classifier with this provenance was trained by the current procedure as
     * {@code training} asks, on exactly the data {@code data} describes (name, file hashes and
     * value range).
     */
    public boolean matches(ClassifierData data, ClassifierTraining training) {
        return recipe == EvaluationClassifier.RECIPE && trainedOn(data) && this.training.equals(training);
    }

    /** Whether the classifier was trained on exactly {@code data}: name, file hashes and value range. */
    public boolean trainedOn(ClassifierData data) {
        return this.data.equals(data.dataset().name()) && dataSha256.equals(data.sha256())
                && inputLow == data.inputLow() && inputHigh == data.inputHigh();
    }
}
