package dev.gan4j.core.eval;

/** Hears about each finished epoch of {@link EvaluationClassifier} training (for progress output). */
@FunctionalInterface
public interface EpochListener {

    /**
     * @param epoch the epoch just finished, from 1
     * @param epochs the number of epochs in all
     * @param meanLoss mean cross-entropy over the epoch's mini-batches
     * @param batchAccuracy accuracy on the epoch's mini-batches, measured while training
     */
    void onEpoch(int epoch, int epochs, double meanLoss, double batchAccuracy);
}
