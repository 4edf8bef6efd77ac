package dev.gan4j.api;

/**
 * A dense float32 array in row-major order, owned by one {@link Backend}.
 *
 * <p>A tensor is a handle to storage: all arithmetic goes through the owning {@link Backend}'s
 * explicit operations with output arguments, so a training step can reuse its tensors and
 * allocate nothing after warm-up. Tensors carry no gradients; back-propagation is explicit in
 * {@link Layer#backward}.
 *
 * <p>Shapes are {@code int[]}: rank 2 ({@code [rows, columns]}) for dense work and rank 4
 * ({@code [N, C, H, W]}) for convolutions. Every operation sees a tensor as a matrix of
 * {@link #rows()} = {@code shape[0]} rows and {@link #columns()} = the product of the remaining
 * dimensions; a rank-1 tensor is one row.
 *
 * <p>Tensors are not thread-safe.
 */
public interface Tensor {

    /** The shape, as a fresh copy. */
    int[] shape();

    /** Number of dimensions. */
    int rank();

    /** Size of dimension {@code axis}. */
    int dim(int axis);

    /** {@code shape[0]} for rank ≥ 2, 1 for a rank-1 tensor. */
    int rows();

    /** Product of all dimensions after the first (for rank 1: its length). */
    int columns();

    /** Total number of elements. */
    int size();

    /** The backend that owns this tensor's storage. */
    Backend backend();

    /** Copies every element, in row-major order, into a new array. */
    float[] toArray();

    /**
     * Copies every element, in row-major order, into {@code dst[0..size())}.
     *
     * @throws IllegalArgumentException if {@code dst} is shorter than {@link #size()}
     */
    void toArray(float[] dst);

    /**
     * Overwrites every element from {@code src[0..size())}, in row-major order.
     *
     * @throws IllegalArgumentException if {@code src} is shorter than {@link #size()}
     */
    void copyFrom(float[] src);

    /** One element by its row-major flat index; for tests and diagnostics, not hot loops. */
    float getFlat(int index);

    /**
     * A view with another shape of the same size, sharing this tensor's storage.
     *
     * @throws IllegalArgumentException if the sizes differ
     */
    Tensor reshape(int... shape);

    /**
     * The backend's native object behind this tensor (for example an EJML matrix or an ND4J
     * array), for code that needs an operation the SPI does not offer.
     *
     * @throws IllegalArgumentException if the tensor is not backed by {@code type}
     */
    <T> T unwrap(Class<T> type);
}
