package dev.gan4j.core.train;

import dev.gan4j.api.Backend;
import dev.gan4j.api.Tensor;

/**
 * One-hot conditioning in G's step: the labels G was asked for ride in the last columns of its
 * input and must be appended to its samples for D, and D's input gradient loses them again
 * before it goes back into G.
 */
final class LabelColumns {

    private final Backend backend;
    private final int dim;
    private final Tensor labels;
    private final Tensor discriminatorInput;
    private final Tensor sampleGradient;

    /** For mini-batches of {@code batch} rows of {@code dim} noise values plus {@code classes} label columns. */
    LabelColumns(Backend backend, int batch, int dim, int classes, int features) {
        this.backend = backend;
        this.dim = dim;
        this.labels = backend.zeros(batch, classes);
        this.discriminatorInput = backend.zeros(batch, features + classes);
        this.sampleGradient = backend.zeros(batch, features);
    }

    /** D's input: the samples {@code fake} that G made from {@code input}, then {@code input}'s labels. */
    Tensor append(Tensor input, Tensor fake) {
        backend.sliceColumns(input, dim, labels);
        backend.concatColumns(fake, labels, discriminatorInput);
        return discriminatorInput;
    }

    /** The part of D's input gradient that belongs to the samples. */
    Tensor strip(Tensor gradient) {
        backend.sliceColumns(gradient, 0, sampleGradient);
        return sampleGradient;
    }
}
