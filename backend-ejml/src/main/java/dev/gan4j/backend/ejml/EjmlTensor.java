package dev.gan4j.backend.ejml;

import dev.gan4j.api.Backend;
import dev.gan4j.api.Tensor;
import java.util.Arrays;
import java.util.Objects;
import org.ejml.data.FMatrixRMaj;

/**
 * A {@link Tensor} stored in an EJML {@link FMatrixRMaj} that is viewed as
 * {@link #rows()} × {@link #columns()}.
 *
 * <p>The float array is the storage: {@link #reshape} makes a new tensor and a new matrix header
 * over the same array, so writes through either are seen by both. Every tensor's elements start
 * at index 0 of its array and occupy exactly {@link #size()} elements, which is what lets the
 * element-wise loops in {@link EjmlBackend} run in place safely (aliased operands always share
 * indices). Do not {@code reshape} the matrix returned by {@link #unwrap}: EJML may then replace
 * its array and the views would stop sharing storage.
 */
final class EjmlTensor implements Tensor {

    private final EjmlBackend backend;
    private final int[] shape;
    private final int rows;
    private final int columns;
    /** The storage, shared by all views; length is exactly {@code rows * columns}. */
    final float[] data;
    /** The rows × columns EJML header over {@link #data}. */
    final FMatrixRMaj matrix;

    EjmlTensor(EjmlBackend backend, float[] data, int[] shape) {
        this.backend = backend;
        this.shape = shape.clone();
        this.rows = shape.length == 1 ? 1 : shape[0];
        this.columns = shape.length == 1 ? shape[0] : data.length / shape[0];
        this.data = data;
        this.matrix = FMatrixRMaj.wrap(rows, columns, data);
    }

    /**
     * Validates a shape and returns its element count.
     *
     * @throws IllegalArgumentException if the shape is empty, has a non-positive dimension or
     *     more than {@link Integer#MAX_VALUE} elements
     */
    static int checkedSize(int[] shape) {
        Objects.requireNonNull(shape, "shape");
        if (shape.length == 0) {
            throw new IllegalArgumentException("shape must have at least one dimension, got []");
        }
        long size = 1;
        for (int i = 0; i < shape.length; i++) {
            if (shape[i] <= 0) {
                throw new IllegalArgumentException("shape " + Arrays.toString(shape) + ": dimension " + i
                        + " must be positive, got " + shape[i]);
            }
            size *= shape[i];
            if (size > Integer.MAX_VALUE) {
                throw new IllegalArgumentException("shape " + Arrays.toString(shape)
                        + " has more than " + Integer.MAX_VALUE + " elements");
            }
        }
        return (int) size;
    }

    @Override
    public int[] shape() {
        return shape.clone();
    }

    /** The shape array itself, not a copy: for the backend's checks, which must not allocate. Do not modify. */
    int[] dims() {
        return shape;
    }

    @Override
    public int rank() {
        return shape.length;
    }

    @Override
    public int dim(int axis) {
        if (axis < 0 || axis >= shape.length) {
            throw new IndexOutOfBoundsException("axis " + axis + " out of range for shape "
                    + Arrays.toString(shape));
        }
        return shape[axis];
    }

    @Override
    public int rows() {
        return rows;
    }

    @Override
    public int columns() {
        return columns;
    }

    @Override
    public int size() {
        return data.length;
    }

    @Override
    public Backend backend() {
        return backend;
    }

    @Override
    public float[] toArray() {
        return data.clone();
    }

    @Override
    public void toArray(float[] dst) {
        Objects.requireNonNull(dst, "dst");
        if (dst.length < data.length) {
            throw new IllegalArgumentException("toArray: destination has " + dst.length
                    + " elements, tensor " + Arrays.toString(shape) + " needs " + data.length);
        }
        System.arraycopy(data, 0, dst, 0, data.length);
    }

    @Override
    public void copyFrom(float[] src) {
        Objects.requireNonNull(src, "src");
        if (src.length < data.length) {
            throw new IllegalArgumentException("copyFrom: source has " + src.length
                    + " elements, tensor " + Arrays.toString(shape) + " needs " + data.length);
        }
        System.arraycopy(src, 0, data, 0, data.length);
    }

    @Override
    public float getFlat(int index) {
        if (index < 0 || index >= data.length) {
            throw new IndexOutOfBoundsException("flat index " + index + " out of range [0, " + data.length
                    + ") for shape " + Arrays.toString(shape));
        }
        return data[index];
    }

    @Override
    public Tensor reshape(int... newShape) {
        int size = checkedSize(newShape);
        if (size != data.length) {
            throw new IllegalArgumentException("cannot reshape " + Arrays.toString(shape) + " (" + data.length
                    + " elements) to " + Arrays.toString(newShape) + " (" + size + " elements)");
        }
        return new EjmlTensor(backend, data, newShape);
    }

    /** Supports {@link FMatrixRMaj} (and its supertypes) and {@code float[].class} (the storage). */
    @Override
    public <T> T unwrap(Class<T> type) {
        Objects.requireNonNull(type, "type");
        if (type.isInstance(matrix)) {
            return type.cast(matrix);
        }
        if (type == float[].class) {
            return type.cast(data);
        }
        throw new IllegalArgumentException("an ejml tensor unwraps to " + FMatrixRMaj.class.getName()
                + " or float[], not " + type.getName());
    }

    @Override
    public String toString() {
        return "EjmlTensor" + Arrays.toString(shape);
    }
}
