package dev.gan4j.backend.ejml;

/**
 * A row vector repeated end to end into a reused array, so that a loop over a block of whole rows
 * reads the row at the same index as the matrix, plus a constant: see
 * {@link VectorActivations#sigmoidBias} for why vector loops want that. Not thread-safe; one per
 * kernel.
 */
final class RowTiles {

    private float[] tile = new float[0];

    /**
     * {@code row} repeated to {@code length} elements ({@code length} a multiple of
     * {@code row.length}): element {@code t} is {@code row[t % row.length]}. The array may be
     * longer than {@code length}; it is overwritten by the next call.
     */
    float[] tile(float[] row, int length) {
        if (tile.length < length) {
            tile = new float[length];
        }
        for (int from = 0; from < length; from += row.length) {
            System.arraycopy(row, 0, tile, from, row.length);
        }
        return tile;
    }
}
