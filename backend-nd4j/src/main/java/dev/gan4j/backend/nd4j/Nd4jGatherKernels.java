package dev.gan4j.backend.nd4j;

import static dev.gan4j.backend.nd4j.Nd4jBackend.own;
import static dev.gan4j.backend.nd4j.Nd4jBackend.requireColumns;
import static dev.gan4j.backend.nd4j.Nd4jBackend.requireIndexWindow;

import dev.gan4j.api.GatherKernels;
import dev.gan4j.api.Tensor;
import java.util.Objects;

/**
 * The nd4j backend's mixed-batch gather: rows are copied straight from whichever input holds
 * them, without the stacked copy the plain composition makes first. Stateless: one instance per
 * backend.
 */
final class Nd4jGatherKernels implements GatherKernels {

    @Override
    public void gatherStackedRows(Tensor top, Tensor bottom, int[] indices, int offset, Tensor out) {
        Nd4jTensor tt = own("gatherStackedRows", "top", top);
        Nd4jTensor tb = own("gatherStackedRows", "bottom", bottom);
        Nd4jTensor to = own("gatherStackedRows", "out", out);
        Objects.requireNonNull(indices, "gatherStackedRows: indices");
        requireColumns("gatherStackedRows", "bottom", tb, tt.columns(), "top");
        requireColumns("gatherStackedRows", "out", to, tt.columns(), "top");
        if (to.sharesStorageWith(tt) || to.sharesStorageWith(tb)) {
            throw new IllegalArgumentException("gatherStackedRows: out must share storage with neither top nor bottom");
        }
        int count = to.rows();
        requireIndexWindow("gatherStackedRows", indices, offset, count);
        int split = tt.rows();
        int rows = split + tb.rows();
        for (int k = 0; k < count; k++) {
            int index = indices[offset + k];
            if (index < 0 || index >= rows) {
                throw new IllegalArgumentException("gatherStackedRows: indices[" + (offset + k) + "] = " + index
                        + " is outside the rows [0, " + rows + ") of top (" + split + " rows) stacked on bottom ("
                        + tb.rows() + " rows)");
            }
        }
        int columns = tt.columns();
        for (int k = 0; k < count; k++) {
            int index = indices[offset + k];
            if (index < split) {
                JavaKernels.copy(tt.data, index * columns, to.data, k * columns, columns);
            } else {
                JavaKernels.copy(tb.data, (index - split) * columns, to.data, k * columns, columns);
            }
        }
    }
}
