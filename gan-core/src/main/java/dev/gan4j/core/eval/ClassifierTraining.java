package dev.gan4j.core.eval;

/**
 * How an {@link EvaluationClassifier} is trained: Adam, its learning rate decaying linearly to
 * {@code learningRate / epochs} in the last epoch, on mini-batches of a seeded shuffle of
 * the training part of the data, with a seeded part held out to measure accuracy honestly.
 *
 * @param epochs passes over the training part, positive
 * @param batchSize samples per Adam step, positive
 * @param learningRate Adam's learning rate, positive
 * @param heldOutFraction the part of the data never trained on, in (0, 1)
 * @param seed drives the split, the initial weights, the shuffles and the augmentation
 * @param maxShift training images are shifted by up to this many pixels in each direction
 *     (uniform, independent per image and axis, zero fill), 0 for none; needs square images
 */
public record ClassifierTraining(int epochs, int batchSize, double learningRate, double heldOutFraction, long seed,
        int maxShift) {

    public ClassifierTraining {
        if (epochs <= 0) {
            throw new IllegalArgumentException("classifier epochs must be positive, got " + epochs);
        }
        if (batchSize <= 0) {
            throw new IllegalArgumentException("classifier batchSize must be positive, got " + batchSize);
        }
        if (!(learningRate > 0 && Double.isFinite(learningRate))) {
            throw new IllegalArgumentException("classifier learningRate must be positive, got " + learningRate);
        }
        if (!(heldOutFraction > 0 && heldOutFraction < 1)) {
            throw new IllegalArgumentException("classifier heldOutFraction must be in (0, 1), got " + heldOutFraction);
        }
        if (maxShift < 0) {
            throw new IllegalArgumentException("classifier maxShift must be >= 0, got " + maxShift);
        }
    }

    /**
     * The default: 20 epochs of batches of 50 at Adam 2e-3, 20% held out, shifts of up to one
     * pixel, seed 4. Trained on 8,000 of the 10,000 MNIST test digits the mlp judge reaches
     * 98.25% accuracy on the other 2,000 in about 10 s of one CPU core with backend-ejml (the cnn
     * judge, with {@link #cnnDefaultsFor 10 epochs}, 98.95% in about 30 s).
     */
    public static ClassifierTraining defaults() {
        return new ClassifierTraining(20, 50, 2e-3, 0.2, 4, 1);
    }

    /**
     * The defaults with as many epochs as show the network about 160,000 training samples (20
     * for the 8,000 trained on when the 10,000 test digits are all there is, 4 for 48,000 of the
     * 60,000 training digits), at least 3 and at most 20: more data needs fewer passes.
     *
     * @param size samples in the data, held-out part included
     */
    public static ClassifierTraining defaultsFor(int size) {
        return defaults().withEpochs(epochsFor(size, 160_000, 3, 20));
    }

    /**
     * The CNN judge's training: as {@link #defaults()} but over about {@value #CNN_SAMPLES_SEEN}
     * training samples (10 epochs of the 8,000 trained on when the 10,000 test digits are all
     * there is, 2 of 48,000 training images), at least 2 epochs and at most 10: a convolutional
     * network learns from fewer passes than a perceptron, and each pass costs it more.
     *
     * @param size samples in the data, held-out part included
     */
    public static ClassifierTraining cnnDefaultsFor(int size) {
        return defaults().withEpochs(epochsFor(size, CNN_SAMPLES_SEEN, 2, 10));
    }

    /** Training samples the CNN judge's default training shows the network. */
    static final int CNN_SAMPLES_SEEN = 80_000;

    /** Epochs over the trained part of {@code size} samples that show about {@code seen} samples, clamped. */
    private static int epochsFor(int size, int seen, int least, int most) {
        double trained = size * (1 - defaults().heldOutFraction());
        int epochs = (int) Math.round(seen / Math.max(trained, 1));
        return Math.max(least, Math.min(most, epochs));
    }

    /** This configuration with another number of epochs. */
    public ClassifierTraining withEpochs(int newEpochs) {
        return new ClassifierTraining(newEpochs, batchSize, learningRate, heldOutFraction, seed, maxShift);
    }
}
