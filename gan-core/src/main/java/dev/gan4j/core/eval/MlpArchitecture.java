package dev.gan4j.core.eval;

import java.util.List;

/**
 * The {@code mlp} judge's shape: a multilayer perceptron
 * {@code input → hidden[0] → LeakyReLU → … → hidden[last] → LeakyReLU → classes} whose last
 * hidden activations are the features the Fréchet distance and precision/recall compare.
 *
 * @param inputSize values per sample, e.g. 784 for 28 × 28 images
 * @param hidden widths of the hidden layers, at least one, each positive
 * @param leakySlope the LeakyReLU slope for negative inputs, in [0, 1)
 * @param classes number of classes, at least 2
 */
public record MlpArchitecture(int inputSize, List<Integer> hidden, float leakySlope, int classes)
        implements ClassifierArchitecture {

    public MlpArchitecture {
        if (inputSize <= 0) {
            throw new IllegalArgumentException("classifier inputSize must be positive, got " + inputSize);
        }
        if (hidden == null || hidden.isEmpty() || hidden.stream().anyMatch(h -> h == null || h <= 0)) {
            throw new IllegalArgumentException("classifier hidden layers must be one or more positive widths, got "
                    + hidden);
        }
        if (!(leakySlope >= 0f && leakySlope < 1f)) {
            throw new IllegalArgumentException("classifier leakySlope must be in [0, 1), got " + leakySlope);
        }
        if (classes < 2) {
            throw new IllegalArgumentException("a classifier needs at least 2 classes, got " + classes);
        }
        hidden = List.copyOf(hidden);
    }

    /** The default for MNIST-like data: 784 → 256 → 128 → 10, LeakyReLU(0.2). */
    public static MlpArchitecture mnist() {
        return new MlpArchitecture(784, List.of(256, 128), 0.2f, 10);
    }

    @Override
    public Judge judge() {
        return Judge.MLP;
    }

    /** Width of the feature vector: the last hidden layer's. */
    @Override
    public int featureSize() {
        return hidden.get(hidden.size() - 1);
    }

    /** {@code 784-256-128-10}: the cache name gan4j has always given this network (no judge prefix). */
    @Override
    public String signature() {
        StringBuilder sb = new StringBuilder().append(inputSize);
        for (int h : hidden) {
            sb.append('-').append(h);
        }
        return sb.append('-').append(classes).toString();
    }
}
