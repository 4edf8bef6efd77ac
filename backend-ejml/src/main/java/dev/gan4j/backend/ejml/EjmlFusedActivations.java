package dev.gan4j.backend.ejml;

import static dev.gan4j.backend.ejml.EjmlBackend.ejml;
import static dev.gan4j.backend.ejml.EjmlBackend.rowFits;

import dev.gan4j.api.FusedActivationKernels;
import dev.gan4j.api.Tensor;
import dev.gan4j.api.UnaryOp;
import java.util.Objects;

/**
 * A dense layer's bias and sigmoid or tanh, block by block: a block of whole rows gets its bias
 * ({@link RowLoops}) and then {@link FastExp} while it is still in L1, where the two passes of the
 * plain composition each stream the whole output through memory. The same loops on the same
 * values, so the same bits.
 *
 * <p>Shares the backend's row loops and FastExp (and their scratch arrays), so, like the
 * backend, not thread-safe.
 */
final class EjmlFusedActivations implements FusedActivationKernels {

    /** Elements per block: FastExp's chunk, a few kB that stay in L1 between the two loops. */
    private static final int BLOCK = 2048;

    private final RowLoops rowLoops;
    private final FastExp fastExp;

    EjmlFusedActivations(RowLoops rowLoops, FastExp fastExp) {
        this.rowLoops = rowLoops;
        this.fastExp = fastExp;
    }

    @Override
    public boolean supports(UnaryOp op) {
        return op == UnaryOp.SIGMOID || op == UnaryOp.TANH;
    }

    @Override
    public void addRowVectorUnary(UnaryOp op, float p, Tensor a, Tensor row, Tensor out) {
        Objects.requireNonNull(op, "op");
        if (!supports(op)) {
            throw new IllegalArgumentException("addRowVectorUnary: the ejml backend fuses only SIGMOID and TANH, not "
                    + op + "; compose addRowVector and unary instead");
        }
        EjmlTensor ta = ejml(a, "addRowVectorUnary", "a");
        EjmlTensor tr = ejml(row, "addRowVectorUnary", "row");
        EjmlTensor tout = ejml(out, "addRowVectorUnary", "out");
        rowFits("addRowVectorUnary", ta, tr, tout);
        // A row that is also out can only be a one-row a, which is one block: the bias is read
        // whole before the block is written.
        float[] x = ta.data;
        float[] y = tout.data;
        int cols = ta.columns();
        int step = Math.max(1, BLOCK / cols) * cols;
        for (int from = 0; from < x.length; from += step) {
            int end = Math.min(x.length, from + step);
            rowLoops.addRowVector(x, tr.data, y, from, end);
            if (op == UnaryOp.SIGMOID) {
                fastExp.sigmoid(y, y, from, end);
            } else {
                fastExp.tanh(y, y, from, end);
            }
        }
    }
}
