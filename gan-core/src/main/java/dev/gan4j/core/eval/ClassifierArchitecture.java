package dev.gan4j.core.eval;

/**
 * The shape of an {@link EvaluationClassifier}, one kind per {@link Judge}: a small
 * {@linkplain CnnArchitecture convolutional network} (the default) or a
 * {@linkplain MlpArchitecture multilayer perceptron}. Either ends in a hidden layer whose
 * activations are the features the Fréchet distance and precision/recall compare, and an output
 * layer of one logit per class.
 *
 * <p>Saved in a classifier file as its record components plus {@code "judge"} (see
 * {@link ClassifierFile}); two architectures are the same network exactly when they are equal.
 */
public sealed interface ClassifierArchitecture permits CnnArchitecture, MlpArchitecture {

    /** Which judge this network is. */
    Judge judge();

    /** Values per sample the network takes, e.g. 784 for 28 × 28 images. */
    int inputSize();

    /** Width of the feature vector: the last hidden layer's. */
    int featureSize();

    /** Number of classes, at least 2. */
    int classes();

    /**
     * The layer sizes as a file-name part, e.g. {@code cnn-1x28x28-16-32-128-10}: different
     * networks get different names, so their cache files do not replace each other.
     */
    String signature();
}
