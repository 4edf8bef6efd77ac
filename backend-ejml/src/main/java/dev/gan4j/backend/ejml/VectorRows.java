package dev.gan4j.backend.ejml;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@link RowKernel} on the Vector API where it pays and is safe: {@link #addRowVector} walks the
 * matrix in blocks of {@code lanes} rows against the row tiled to one block ({@link RowTiles}),
 * so every index is the loop counter plus a constant (the reason is in
 * {@link VectorActivations#sigmoidBias}), at about 0.08 ns per element against 0.29 for the
 * plain loop, which C2 leaves scalar. {@link #sumColumns} stays {@link ScalarRows}': its
 * accumulator cannot be walked that way without changing the order of the additions.
 *
 * <p>Only touched when {@link VectorApi#available()} says so: its static fields are Vector API
 * objects. Not thread-safe (the tile is reused); one per backend.
 */
final class VectorRows implements RowKernel {

    private static final VectorSpecies<Float> SPECIES = FloatVector.SPECIES_PREFERRED;

    private final RowTiles tiles = new RowTiles();
    private final ScalarRows scalar = new ScalarRows();

    @Override
    public void addRowVector(float[] x, float[] row, float[] y) {
        int block = row.length * SPECIES.length();
        float[] tile = tiles.tile(row, block);
        for (int start = 0; start < x.length; start += block) {
            int length = Math.min(block, x.length - start);
            int bound = SPECIES.loopBound(length);
            for (int t = 0; t < bound; t += SPECIES.length()) {
                FloatVector.fromArray(SPECIES, x, start + t).add(FloatVector.fromArray(SPECIES, tile, t))
                        .intoArray(y, start + t);
            }
            for (int t = bound; t < length; t++) {
                y[start + t] = x[start + t] + tile[t];
            }
        }
    }

    @Override
    public void sumColumns(float[] x, float beta, float[] y) {
        scalar.sumColumns(x, beta, y);
    }

    @Override
    public String describe() {
        return "Vector API (" + SPECIES.length() + " float lanes) for the bias, scalar column sums";
    }
}
