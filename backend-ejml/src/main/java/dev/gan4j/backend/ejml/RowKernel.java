package dev.gan4j.backend.ejml;

/**
 * Loops that broadcast a row over a matrix or fold a matrix onto a row: a dense layer's bias in
 * the forward pass ({@link #addRowVector}) and its gradient in the backward pass
 * ({@link #sumColumns}). C2 in Java 17 does not vectorise either as plain loops (it cannot rule
 * out that the row and the matrix share an array at different offsets); {@link VectorRows} does,
 * but is not chosen (see {@link #choose()}).
 *
 * <p>Both implementations round exactly alike, adding in the same order, so a run's numbers do
 * not depend on the choice. Matrices are row-major float arrays whose row length is the row
 * vector's length.
 */
interface RowKernel {

    /** {@code y[i·cols + j] = x[i·cols + j] + row[j]} with {@code cols = row.length}; {@code x} may be {@code y}. */
    void addRowVector(float[] x, float[] row, float[] y);

    /**
     * {@code y[j] = x[j] + beta·y[j]}, then {@code y[j] += x[i·cols + j]} for each further row
     * {@code i} in order, with {@code cols = y.length}: column sums, accumulated in float, row by
     * row. {@code y} may share {@code x}'s array only when {@code x} has one row.
     */
    void sumColumns(float[] x, float beta, float[] y);

    /** What runs, for the backend's settings. */
    String describe();

    /**
     * {@link ScalarRows}, always: {@link VectorRows} is 2.5 times faster for the bias but is
     * Vector API code, which Java 17's C2 sometimes compiles into a loop that boxes vectors (see
     * {@link ActivationKernel#choose()}); it stays, tested for the same bits.
     */
    static RowKernel choose() {
        return new ScalarRows();
    }
}
