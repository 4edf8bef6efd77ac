package dev.gan4j.backend.nd4j;

import dev.gan4j.api.Backend;
import dev.gan4j.api.Tensor;
import java.nio.FloatBuffer;
import java.util.Arrays;
import java.util.Objects;
import org.bytedeco.javacpp.FloatPointer;
import org.bytedeco.javacpp.LongPointer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.cpu.nativecpu.buffer.BaseCpuDataBuffer;
import org.nd4j.nativeblas.OpaqueDataBuffer;

/**
 * A float32, row-major ({@code 'c'}) ND4J array seen as a gan4j {@link Tensor}.
 *
 * <p>Besides the array it keeps the handles every operation needs, derived once here so that no
 * operation allocates or asks ND4J for them again: a direct {@link FloatBuffer} over the native
 * storage (Java loops, absolute indexing only), the storage's {@link FloatPointer} (BLAS), an
 * opaque buffer plus the shape information of a rank-1 view of all elements (ND4J's native
 * element-wise loops, which then never care about the tensor's own shape) and the shape
 * information of the tensor's own shape (libnd4j's convolution ops, which do).
 */
final class Nd4jTensor implements Tensor {

    private final Nd4jBackend backend;
    private final INDArray array;
    // Rank-1 view of all elements: the shape the native element-wise loops are given.
    private final INDArray flat;
    private final int[] shape;
    private final int rows;
    private final int columns;
    private final int size;

    /** The elements, in row-major order; use absolute get/put only, the position is shared. */
    final FloatBuffer data;
    /** Start of the storage, for BLAS. */
    final FloatPointer pointer;
    /** ND4J's native buffer, for its element-wise loops. */
    final OpaqueDataBuffer opaque;
    /** Shape information of the rank-1 view, for ND4J's element-wise loops. */
    final LongPointer flatShapeInfo;
    /** Shape information of the array in its own shape, for libnd4j's custom ops. */
    final LongPointer shapeInfo;

    /**
     * Wraps {@code array}, which must be a float, {@code 'c'}-ordered array that owns its storage
     * from offset 0 (as every array this backend creates or reshapes is).
     */
    Nd4jTensor(Nd4jBackend backend, INDArray array, int[] shape) {
        this.backend = Objects.requireNonNull(backend, "backend");
        this.array = Objects.requireNonNull(array, "array");
        this.shape = shape.clone();
        this.size = Math.toIntExact(array.length());
        if (array.dataType() != DataType.FLOAT || array.ordering() != 'c' || array.offset() != 0) {
            throw new IllegalStateException("nd4j tensor needs a float 'c' array from offset 0, got "
                    + array.dataType() + " '" + array.ordering() + "' offset " + array.offset());
        }
        this.rows = shape.length == 1 ? 1 : shape[0];
        this.columns = size / rows;
        this.flat = array.rank() == 1 ? array : array.reshape('c', new long[] {size});
        this.data = array.data().asNioFloat();
        this.pointer = (FloatPointer) array.data().addressPointer();
        this.opaque = ((BaseCpuDataBuffer) array.data()).getOpaqueDataBuffer();
        this.flatShapeInfo = (LongPointer) flat.shapeInfoDataBuffer().addressPointer();
        this.shapeInfo = (LongPointer) array.shapeInfoDataBuffer().addressPointer();
        if (data.capacity() < size) {
            throw new IllegalStateException("ND4J buffer holds " + data.capacity()
                    + " floats, tensor " + Arrays.toString(shape) + " needs " + size);
        }
    }

    @Override
    public int[] shape() {
        return shape.clone();
    }

    /** The shape itself, not a copy, for checks that must not allocate; callers do not change it. */
    int[] dims() {
        return shape;
    }

    @Override
    public int rank() {
        return shape.length;
    }

    @Override
    public int dim(int axis) {
        Objects.checkIndex(axis, shape.length);
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
        return size;
    }

    @Override
    public Backend backend() {
        return backend;
    }

    @Override
    public float[] toArray() {
        float[] result = new float[size];
        data.get(0, result, 0, size);
        return result;
    }

    @Override
    public void toArray(float[] dst) {
        Objects.requireNonNull(dst, "dst");
        if (dst.length < size) {
            throw new IllegalArgumentException("toArray: destination has " + dst.length
                    + " elements, tensor " + Arrays.toString(shape) + " has " + size);
        }
        data.get(0, dst, 0, size);
    }

    @Override
    public void copyFrom(float[] src) {
        Objects.requireNonNull(src, "src");
        if (src.length < size) {
            throw new IllegalArgumentException("copyFrom: source has " + src.length
                    + " elements, tensor " + Arrays.toString(shape) + " has " + size);
        }
        data.put(0, src, 0, size);
    }

    @Override
    public float getFlat(int index) {
        Objects.checkIndex(index, size);
        return data.get(index);
    }

    @Override
    public Tensor reshape(int... newShape) {
        int newSize = Nd4jBackend.checkShape("reshape", newShape);
        if (newSize != size) {
            throw new IllegalArgumentException("reshape: cannot view " + Arrays.toString(shape) + " ("
                    + size + " elements) as " + Arrays.toString(newShape) + " (" + newSize + " elements)");
        }
        // A 'c' reshape of a contiguous array is a view on the same DataBuffer.
        return new Nd4jTensor(backend, array.reshape('c', Nd4jBackend.toLongs(newShape)), newShape);
    }

    @Override
    public <T> T unwrap(Class<T> type) {
        Objects.requireNonNull(type, "type");
        if (type.isInstance(array)) {
            return type.cast(array);
        }
        throw new IllegalArgumentException("an nd4j tensor is backed by " + INDArray.class.getName()
                + ", not " + type.getName());
    }

    /** Whether this tensor and {@code other} use the same storage (one may be a reshape of the other). */
    boolean sharesStorageWith(Nd4jTensor other) {
        return pointer.address() == other.pointer.address();
    }

    @Override
    public String toString() {
        return "Nd4jTensor" + Arrays.toString(shape);
    }
}
