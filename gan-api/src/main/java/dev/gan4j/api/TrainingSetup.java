package dev.gan4j.api;

import java.util.Arrays;

/**
 * The training a layer will take part in, for {@link LayerType#validate}: what a layer may need to
 * check before any training starts, so that {@code gan validate} catches what {@code gan train}
 * would fail on (a group size that does not divide the batch, a layer that needs labels).
 *
 * @param network {@code "generator"} or {@code "discriminator"}
 * @param batchSize rows per mini-batch in the discriminator and generator steps
 * @param samplesPerIteration rows of the generator's forward pass that makes each D round's samples
 * @param classCount classes the model is conditioned on, 0 when unconditional
 * @param sampleShape per-sample shape of the data
 * @param noiseDim length of a noise vector
 */
public record TrainingSetup(String network, int batchSize, int samplesPerIteration, int classCount,
        int[] sampleShape, int noiseDim) {

    public TrainingSetup {
        sampleShape = sampleShape.clone();
    }

    @Override
    public int[] sampleShape() {
        return sampleShape.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TrainingSetup t && network.equals(t.network) && batchSize == t.batchSize
                && samplesPerIteration == t.samplesPerIteration && classCount == t.classCount
                && Arrays.equals(sampleShape, t.sampleShape) && noiseDim == t.noiseDim;
    }

    @Override
    public int hashCode() {
        return (network.hashCode() * 31 + batchSize) * 31 + Arrays.hashCode(sampleShape);
    }

    @Override
    public String toString() {
        return "TrainingSetup[" + network + ", batch " + batchSize + ", samplesPerIteration " + samplesPerIteration
                + ", classes " + classCount + ", sample " + Arrays.toString(sampleShape) + ", noise " + noiseDim + "]";
    }
}
