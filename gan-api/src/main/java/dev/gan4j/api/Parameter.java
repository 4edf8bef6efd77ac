package dev.gan4j.api;

import java.util.Objects;

/**
 * A named tensor of a layer's state: a trainable weight or bias, or a buffer (such as batch
 * normalisation's running mean) that is saved with the model but not optimised.
 *
 * <p>The {@link #id()} is stable and unique within a model (for example {@code "D.0.weight"}):
 * optimisers key their state by it and checkpoints store tensors under it. Identity matters: the
 * stacked generator→discriminator model holds the very same {@code Parameter} objects as the
 * discriminator.
 */
public final class Parameter {

    /** What role a parameter plays. */
    public enum Kind {
        /** A trainable weight: L2 regularisation and weight decay apply. */
        WEIGHT,
        /** A trainable bias or scale/shift: no L2 regularisation. */
        BIAS,
        /** Non-trainable state updated by the layer itself, e.g. running statistics. */
        BUFFER
    }

    private final String id;
    private final Kind kind;
    private final Tensor value;

    public Parameter(String id, Kind kind, Tensor value) {
        this.id = Objects.requireNonNull(id, "id");
        this.kind = Objects.requireNonNull(kind, "kind");
        this.value = Objects.requireNonNull(value, "value");
        if (id.isBlank()) {
            throw new IllegalArgumentException("parameter id must not be blank");
        }
    }

    /** Stable id, unique within a model. */
    public String id() {
        return id;
    }

    /** The last dot-separated part of the id, e.g. {@code "weight"}. */
    public String name() {
        int dot = id.lastIndexOf('.');
        return dot < 0 ? id : id.substring(dot + 1);
    }

    public Kind kind() {
        return kind;
    }

    /** Whether an optimiser updates it ({@link Kind#WEIGHT} or {@link Kind#BIAS}). */
    public boolean trainable() {
        return kind != Kind.BUFFER;
    }

    /** The live tensor; optimisers update it in place. */
    public Tensor value() {
        return value;
    }

    @Override
    public String toString() {
        return id + " " + kind + " " + java.util.Arrays.toString(value.shape());
    }
}
