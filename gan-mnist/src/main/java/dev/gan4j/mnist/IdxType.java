package dev.gan4j.mnist;

import java.util.Optional;

/**
 * The element types an IDX file can hold, with their type codes (the third byte of the file)
 * and their sizes. Multi-byte values are big-endian in the file.
 */
public enum IdxType {
    /** {@code 0x08}: unsigned byte, 0..255 (MNIST pixels and labels). */
    UBYTE(0x08, 1),
    /** {@code 0x09}: signed byte. */
    BYTE(0x09, 1),
    /** {@code 0x0B}: signed 16-bit integer. */
    SHORT(0x0B, 2),
    /** {@code 0x0C}: signed 32-bit integer. */
    INT(0x0C, 4),
    /** {@code 0x0D}: IEEE 754 float32. */
    FLOAT(0x0D, 4),
    /** {@code 0x0E}: IEEE 754 float64. */
    DOUBLE(0x0E, 8);

    private final int code;
    private final int size;

    IdxType(int code, int size) {
        this.code = code;
        this.size = size;
    }

    /** The type code stored in byte 2 of the file. */
    public int code() {
        return code;
    }

    /** Bytes per element. */
    public int size() {
        return size;
    }

    /** Whether values are integers (and can serve as class labels). */
    public boolean isInteger() {
        return this != FLOAT && this != DOUBLE;
    }

    /** The type with this code, if any. */
    public static Optional<IdxType> fromCode(int code) {
        for (IdxType t : values()) {
            if (t.code == code) {
                return Optional.of(t);
            }
        }
        return Optional.empty();
    }

    /** E.g. {@code "0x08 ubyte"}, for error messages. */
    String describe() {
        return String.format("0x%02X %s", code, name().toLowerCase(java.util.Locale.ROOT));
    }

    /** Every type code with its name, for error messages. */
    static String describeAll() {
        StringBuilder sb = new StringBuilder();
        for (IdxType t : values()) {
            if (sb.length() > 0) {
                sb.append(", ");
            }
            sb.append(t.describe());
        }
        return sb.toString();
    }
}
