package dev.gan4j.mnist;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Objects;

/**
 * The content of one IDX file: an element type, the dimensions and the elements in row-major
 * order.
 *
 * <p>Elements are held as the file's big-endian bytes, so a 60,000-image MNIST file costs 47 MB
 * rather than four times that; {@link #toFloatArray()} and {@link #toIntArray()} decode them.
 * This is a final class rather than a record because it owns a large array: a record would
 * compare arrays by identity and either copy them on every access or expose them.
 *
 * <p>Instances are immutable.
 */
public final class IdxArray {

    /** The most dimensions an array may have; real IDX files have 1 to 4. */
    public static final int MAX_RANK = 16;
    /** The most data bytes an array may hold: the largest Java byte array. */
    public static final long MAX_DATA_BYTES = Integer.MAX_VALUE - 8;

    private final IdxType type;
    private final int[] dims;
    private final byte[] data;
    private final int count;

    /** Takes ownership of {@code data}; callers have validated it. */
    IdxArray(IdxType type, int[] dims, byte[] data) {
        this.type = type;
        this.dims = dims;
        this.data = data;
        this.count = data.length / type.size();
    }

    /**
     * An array of {@code type} with the given dimensions whose elements are the big-endian
     * bytes {@code data} (copied).
     *
     * @throws IllegalArgumentException if the dimensions are invalid or {@code data} has the
     *     wrong length
     */
    public static IdxArray of(IdxType type, int[] dims, byte[] data) {
        Objects.requireNonNull(type, "type");
        long expected = checkedBytes(type, dims);
        if (data.length != expected) {
            throw new IllegalArgumentException("dimensions " + formatDims(dims) + " of " + type.describe()
                    + " need " + expected + " bytes, got " + data.length);
        }
        return new IdxArray(type, dims.clone(), data.clone());
    }

    /** An unsigned-byte array; each of {@code values} is stored as is (so -1 reads back as 255). */
    public static IdxArray ofUnsignedBytes(int[] dims, byte[] values) {
        return of(IdxType.UBYTE, dims, values);
    }

    /**
     * An integer array of {@code type} (ubyte, byte, short or int) holding {@code values}.
     *
     * @throws IllegalArgumentException if {@code type} is not an integer type, the length does
     *     not match the dimensions, or a value does not fit the type (naming its index)
     */
    public static IdxArray ofInts(IdxType type, int[] dims, int[] values) {
        if (!type.isInteger()) {
            throw new IllegalArgumentException("ofInts needs an integer type, got " + type.describe());
        }
        byte[] data = new byte[checkedLength(type, dims, values.length)];
        ByteBuffer bb = ByteBuffer.wrap(data);
        for (int i = 0; i < values.length; i++) {
            int v = values[i];
            switch (type) {
                case UBYTE -> {
                    requireRange(v, 0, 255, i, type);
                    bb.put((byte) v);
                }
                case BYTE -> {
                    requireRange(v, Byte.MIN_VALUE, Byte.MAX_VALUE, i, type);
                    bb.put((byte) v);
                }
                case SHORT -> {
                    requireRange(v, Short.MIN_VALUE, Short.MAX_VALUE, i, type);
                    bb.putShort((short) v);
                }
                default -> bb.putInt(v);
            }
        }
        return new IdxArray(type, dims.clone(), data);
    }

    /** A float32 array holding {@code values}. */
    public static IdxArray ofFloats(int[] dims, float[] values) {
        byte[] data = new byte[checkedLength(IdxType.FLOAT, dims, values.length)];
        ByteBuffer.wrap(data).asFloatBuffer().put(values);
        return new IdxArray(IdxType.FLOAT, dims.clone(), data);
    }

    /** A float64 array holding {@code values}. */
    public static IdxArray ofDoubles(int[] dims, double[] values) {
        byte[] data = new byte[checkedLength(IdxType.DOUBLE, dims, values.length)];
        ByteBuffer.wrap(data).asDoubleBuffer().put(values);
        return new IdxArray(IdxType.DOUBLE, dims.clone(), data);
    }

    /** The element type. */
    public IdxType type() {
        return type;
    }

    /** The dimensions, as a fresh copy; the first is usually the number of samples. */
    public int[] dims() {
        return dims.clone();
    }

    /** Number of dimensions. */
    public int rank() {
        return dims.length;
    }

    /** Size of dimension {@code axis}. */
    public int dim(int axis) {
        return dims[axis];
    }

    /** Number of elements: the product of the dimensions. */
    public int count() {
        return count;
    }

    /** Element {@code index} (row-major) as a double; exact for every type. */
    public double getDouble(int index) {
        Objects.checkIndex(index, count);
        return switch (type) {
            case UBYTE -> data[index] & 0xFF;
            case BYTE -> data[index];
            case SHORT -> (short) ((data[2 * index] << 8) | (data[2 * index + 1] & 0xFF));
            case INT -> readInt(4 * index);
            case FLOAT -> Float.intBitsToFloat(readInt(4 * index));
            case DOUBLE -> Double.longBitsToDouble(((long) readInt(8 * index) << 32)
                    | (readInt(8 * index + 4) & 0xFFFFFFFFL));
        };
    }

    /**
     * Element {@code index} of an integer array.
     *
     * @throws IllegalStateException if the element type is float or double
     */
    public int getInt(int index) {
        requireInteger();
        return (int) getDouble(index);
    }

    /**
     * Every element converted to float (int and double values are rounded to nearest).
     *
     * @throws DataLoadException if the heap cannot take the float array: a small gzip file can
     *     hold a large array of bytes, which as floats needs four times the memory
     */
    public float[] toFloatArray() {
        HeapBudget.require(4L * count, "an IDX array of " + formatDims(dims) + " " + type.describe() + " as floats");
        float[] out = new float[count];
        copyFloats(0, out, 0, count);
        return out;
    }

    /**
     * Copies elements {@code [from, from + length)} as floats into {@code dst[dstOffset..]}.
     *
     * @throws IndexOutOfBoundsException if a range is out of bounds
     */
    public void copyFloats(int from, float[] dst, int dstOffset, int length) {
        Objects.checkFromIndexSize(from, length, count);
        Objects.checkFromIndexSize(dstOffset, length, dst.length);
        switch (type) {
            case UBYTE -> {
                for (int i = 0; i < length; i++) {
                    dst[dstOffset + i] = data[from + i] & 0xFF;
                }
            }
            case BYTE -> {
                for (int i = 0; i < length; i++) {
                    dst[dstOffset + i] = data[from + i];
                }
            }
            case FLOAT -> ByteBuffer.wrap(data).asFloatBuffer().get(from, dst, dstOffset, length);
            default -> {
                for (int i = 0; i < length; i++) {
                    dst[dstOffset + i] = (float) getDouble(from + i);
                }
            }
        }
    }

    /**
     * Every element of an integer array as an int.
     *
     * @throws IllegalStateException if the element type is float or double
     */
    public int[] toIntArray() {
        requireInteger();
        int[] out = new int[count];
        switch (type) {
            case UBYTE -> {
                for (int i = 0; i < count; i++) {
                    out[i] = data[i] & 0xFF;
                }
            }
            case BYTE -> {
                for (int i = 0; i < count; i++) {
                    out[i] = data[i];
                }
            }
            case INT -> ByteBuffer.wrap(data).asIntBuffer().get(out);
            default -> {
                for (int i = 0; i < count; i++) {
                    out[i] = getInt(i);
                }
            }
        }
        return out;
    }

    /** The big-endian element bytes, shared: for {@link IdxWriter} only, never modified. */
    byte[] bytes() {
        return data;
    }

    private void requireInteger() {
        if (!type.isInteger()) {
            throw new IllegalStateException("IDX array holds " + type.describe() + " values, not integers");
        }
    }

    private int readInt(int at) {
        return (data[at] << 24) | ((data[at + 1] & 0xFF) << 16) | ((data[at + 2] & 0xFF) << 8) | (data[at + 3] & 0xFF);
    }

    private static void requireRange(int v, int lo, int hi, int index, IdxType type) {
        if (v < lo || v > hi) {
            throw new IllegalArgumentException("value " + v + " at index " + index + " does not fit "
                    + type.describe() + " [" + lo + ", " + hi + "]");
        }
    }

    private static int checkedLength(IdxType type, int[] dims, int values) {
        long bytes = checkedBytes(type, dims);
        if (bytes != (long) values * type.size()) {
            throw new IllegalArgumentException("dimensions " + formatDims(dims) + " hold " + bytes / type.size()
                    + " elements, got " + values);
        }
        return (int) bytes;
    }

    /** Validates dimensions and returns the data size in bytes. */
    static long checkedBytes(IdxType type, int[] dims) {
        Objects.requireNonNull(dims, "dims");
        if (dims.length < 1 || dims.length > MAX_RANK) {
            throw new IllegalArgumentException("an IDX array needs 1 to " + MAX_RANK + " dimensions, got "
                    + dims.length);
        }
        long bytes = type.size();
        for (int d : dims) {
            if (d < 0) {
                throw new IllegalArgumentException("negative dimension in " + Arrays.toString(dims));
            }
            bytes *= d; // at most 16 factors below 2^31 after the check below: cannot wrap unnoticed
            if (bytes > MAX_DATA_BYTES) {
                throw new IllegalArgumentException("dimensions " + formatDims(dims) + " of " + type.describe()
                        + " exceed " + MAX_DATA_BYTES + " bytes");
            }
        }
        return bytes;
    }

    /** E.g. {@code 10000×28×28}. */
    static String formatDims(int[] dims) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < dims.length; i++) {
            if (i > 0) {
                sb.append('×');
            }
            sb.append(dims[i]);
        }
        return sb.toString();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof IdxArray other && type == other.type && Arrays.equals(dims, other.dims)
                && Arrays.equals(data, other.data);
    }

    @Override
    public int hashCode() {
        return Objects.hash(type, Arrays.hashCode(dims), Arrays.hashCode(data));
    }

    @Override
    public String toString() {
        return "IdxArray[" + type.describe() + ", " + formatDims(dims) + "]";
    }
}
