package dev.gan4j.core.train;

import dev.gan4j.api.Backend;
import dev.gan4j.api.Tensor;

/**
 * One D round's inputs, refilled in place by {@link BatchSource#next()}. For a conditional GAN
 * (one-hot conditioning) every input carries its one-hot label in its last columns.
 *
 * @param generatorInput G's input: noise, then the one-hot labels of the samples asked for
 * @param real D's input for the real samples: the samples, then their one-hot labels
 * @param fakeLabels the one-hot labels of the samples G is asked for; null for an unconditional GAN
 * @param fakeInput where {@link #discriminatorInput} puts G's samples with their labels; null for an
 *     unconditional GAN
 */
record Batch(Tensor generatorInput, Tensor real, Tensor fakeLabels, Tensor fakeInput) {

    /** D's input for G's samples {@code fake}: the samples themselves, or with their labels appended. */
    Tensor discriminatorInput(Backend backend, Tensor fake) {
        if (fakeLabels == null) {
            return fake;
        }
        backend.concatColumns(fake, fakeLabels, fakeInput);
        return fakeInput;
    }
}
