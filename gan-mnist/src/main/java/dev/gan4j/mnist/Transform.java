package dev.gan4j.mnist;

import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * How raw pixel values (0..255 for MNIST) become the floats a model sees. Each constant has the
 * name used in experiment JSON ({@link #jsonName()}).
 */
public enum Transform {
    /** {@code "none"}: the stored values as floats (for IDX files that already hold floats). */
    NONE("none", Float.NEGATIVE_INFINITY, Float.POSITIVE_INFINITY),
    /** {@code "unit"}: {@code x / 255}, so 0..255 becomes [0, 1] (for a sigmoid generator). */
    UNIT("unit", 0f, 1f),
    /** {@code "symmetric"}: {@code x / 127.5 − 1}, so 0..255 becomes [−1, 1] (for a tanh generator). */
    SYMMETRIC("symmetric", -1f, 1f),
    /**
     * {@code "row-minmax"}: each image on its own, {@code (x − min) / (max − min)} to [0, 1], as
     * the tutorial does; a constant image becomes all zeros rather than NaN.
     */
    ROW_MINMAX("row-minmax", 0f, 1f);

    private final String jsonName;
    private final float lower;
    private final float upper;

    Transform(String jsonName, float lower, float upper) {
        this.jsonName = jsonName;
        this.lower = lower;
        this.upper = upper;
    }

    /** The name in experiment files, e.g. {@code "row-minmax"}. */
    public String jsonName() {
        return jsonName;
    }

    /** Smallest value the transform produces from 0..255 input (−∞ for {@link #NONE}). */
    public float lower() {
        return lower;
    }

    /** Largest value the transform produces from 0..255 input (+∞ for {@link #NONE}). */
    public float upper() {
        return upper;
    }

    /**
     * The transform called {@code name} (its JSON name, ignoring case).
     *
     * @throws IllegalArgumentException naming the known transforms if there is none
     */
    public static Transform fromName(String name) {
        for (Transform t : values()) {
            if (t.jsonName.equalsIgnoreCase(name == null ? "" : name.trim())) {
                return t;
            }
        }
        throw new IllegalArgumentException("unknown transform '" + name + "'; known: " + names());
    }

    /** The JSON names of all transforms, comma-separated. */
    public static String names() {
        return Arrays.stream(values()).map(Transform::jsonName).collect(Collectors.joining(", "));
    }

    /** Transforms {@code values[offset .. offset + length)} (one image) in place. */
    public void applyRow(float[] values, int offset, int length) {
        switch (this) {
            case NONE -> {
                // stored values are used as they are
            }
            case UNIT -> {
                for (int i = offset; i < offset + length; i++) {
                    values[i] = values[i] / 255f;
                }
            }
            case SYMMETRIC -> {
                for (int i = offset; i < offset + length; i++) {
                    values[i] = values[i] / 127.5f - 1f;
                }
            }
            case ROW_MINMAX -> {
                float min = Float.POSITIVE_INFINITY;
                float max = Float.NEGATIVE_INFINITY;
                for (int i = offset; i < offset + length; i++) {
                    min = Math.min(min, values[i]);
                    max = Math.max(max, values[i]);
                }
                float range = max - min;
                // a constant image has no range: all zeros keeps it finite (the tutorial would give NaN)
                if (!(range > 0f)) {
                    Arrays.fill(values, offset, offset + length, 0f);
                } else {
                    for (int i = offset; i < offset + length; i++) {
                        values[i] = (values[i] - min) / range;
                    }
                }
            }
        }
    }

    /**
     * The 0..255 pixel value that {@code value} stands for, rounded and clamped: the inverse of
     * this transform for writing images ({@link #ROW_MINMAX} maps [0, 1] to 0..255, since each
     * image's original range is gone).
     *
     * @throws IllegalArgumentException if {@code value} is NaN
     */
    public int toPixel(float value) {
        if (Float.isNaN(value)) {
            throw new IllegalArgumentException("cannot convert NaN to a pixel value");
        }
        double pixel = switch (this) {
            case NONE -> value;
            case UNIT, ROW_MINMAX -> value * 255.0;
            case SYMMETRIC -> (value + 1.0) * 127.5;
        };
        return (int) Math.max(0, Math.min(255, Math.rint(pixel)));
    }
}
