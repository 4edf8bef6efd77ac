package dev.gan4j.backend.ejml;

import static dev.gan4j.backend.ejml.EjmlBackend.describe;
import static dev.gan4j.backend.ejml.EjmlBackend.ejml;
import static dev.gan4j.backend.ejml.EjmlBackend.indexWindow;
import static dev.gan4j.backend.ejml.EjmlBackend.sameColumns;

import dev.gan4j.api.GatherKernels;
import dev.gan4j.api.Tensor;
import java.util.Objects;

/**
 * The ejml backend's mixed-batch gather: rows are copied straight from whichever input holds
 * them, where the plain composition first copies both inputs into a stacked tensor (a full extra
 * pass over real and generated samples, and a tensor to keep). Stateless: one instance per backend.
 */
final class EjmlGatherKernels implements GatherKernels {

    @Override
    public void gatherStackedRows(Tensor top, Tensor bottom, int[] indices, int offset, Tensor out) {
        EjmlTensor tt = ejml(top, "gatherStackedRows", "top");
        EjmlTensor tb = ejml(bottom, "gatherStackedRows", "bottom");
        EjmlTensor to = ejml(out, "gatherStackedRows", "out");
        Objects.requireNonNull(indices, "indices");
        sameColumns("gatherStackedRows", "top", tt, "bottom", tb);
        sameColumns("gatherStackedRows", "top", tt, "out", to);
        int count = to.rows();
        indexWindow("gatherStackedRows", indices, offset, count);
        if (tt.data == to.data || tb.data == to.data) {
            throw new IllegalArgumentException("gatherStackedRows: out must share storage with neither top nor bottom");
        }
        int cols = tt.columns();
        int split = tt.rows();
        int rows = split + tb.rows();
        // Validate every index before copying so a bad one leaves out untouched.
        for (int k = 0; k < count; k++) {
            int row = indices[offset + k];
            if (row < 0 || row >= rows) {
                throw new IllegalArgumentException("gatherStackedRows: indices[" + (offset + k) + "] = " + row
                        + " is not a row of top " + describe(tt) + " stacked on bottom " + describe(tb));
            }
        }
        for (int k = 0; k < count; k++) {
            int row = indices[offset + k];
            if (row < split) {
                System.arraycopy(tt.data, row * cols, to.data, k * cols, cols);
            } else {
                System.arraycopy(tb.data, (row - split) * cols, to.data, k * cols, cols);
            }
        }
    }
}
