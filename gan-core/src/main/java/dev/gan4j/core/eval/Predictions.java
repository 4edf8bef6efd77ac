package dev.gan4j.core.eval;

import dev.gan4j.core.loss.SoftmaxCrossEntropy;

/**
 * An {@link EvaluationClassifier}'s view of {@code count} samples: its penultimate-layer
 * features and its class logits.
 *
 * @param features {@code count × featureSize}, row-major
 * @param logits {@code count × classes}, row-major
 * @param count number of samples
 * @param featureSize width of a feature vector
 * @param classes number of classes
 */
public record Predictions(float[] features, float[] logits, int count, int featureSize, int classes) {

    public Predictions {
        if (features.length != count * featureSize || logits.length != count * classes) {
            throw new IllegalArgumentException("predictions for " + count + " samples need " + count * featureSize
                    + " features and " + count * classes + " logits, got " + features.length + " and "
                    + logits.length);
        }
    }

    /** The most likely class of sample {@code i}. */
    public int predictedClass(int i) {
        return SoftmaxCrossEntropy.argmax(logits, i, classes);
    }

    /** The most likely class of every sample. */
    public int[] predictedClasses() {
        int[] out = new int[count];
        for (int i = 0; i < count; i++) {
            out[i] = predictedClass(i);
        }
        return out;
    }

    /** Fraction of samples whose predicted class is {@code labels[i]}. */
    public double accuracy(int[] labels) {
        if (labels.length != count) {
            throw new IllegalArgumentException("expected " + count + " labels, got " + labels.length);
        }
        int correct = 0;
        for (int i = 0; i < count; i++) {
            if (predictedClass(i) == labels[i]) {
                correct++;
            }
        }
        return (double) correct / count;
    }
}
