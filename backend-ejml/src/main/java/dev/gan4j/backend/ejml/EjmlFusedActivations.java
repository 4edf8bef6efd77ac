package dev.gan4j.backend.ejml;

import static dev.gan4j.backend.ejml.EjmlBackend.ejml;
import static dev.gan4j.backend.ejml.EjmlBackend.rowFits;

import dev.gan4j.api.FusedActivationKernels;
import dev.gan4j.api.Tensor;
import dev.gan4j.api.UnaryOp;
import java.util.Objects;

/**
 * A dense layer's bias and sigmoid in one pass of {@link VectorSigmoid}, once
 * {@link SafeVectorSigmoid} has measured it allocation-free; until then, or if it is switched off,
 * the bias pass and then FastExp, the same bits. Offered only when the Vector API sigmoid can run
 * in this JVM: a one-pass bias and FastExp in plain Java measured no faster than the two passes
 * (FastExp needs two passes of its own). Tanh is not fused: FastExp computes it, and it runs on the
 * MLP generator's output only.
 *
 * <p>Shares the backend's row loops and FastExp (and their scratch arrays), so, like the backend,
 * not thread-safe.
 */
final class EjmlFusedActivations implements FusedActivationKernels {

    private final RowLoops rowLoops;
    private final UnaryKernels unaryKernels;

    EjmlFusedActivations(RowLoops rowLoops, UnaryKernels unaryKernels) {
        this.rowLoops = rowLoops;
        this.unaryKernels = unaryKernels;
    }

    @Override
    public boolean supports(UnaryOp op) {
        return op == UnaryOp.SIGMOID;
    }

    @Override
    public void addRowVectorUnary(UnaryOp op, float p, Tensor a, Tensor row, Tensor out) {
        Objects.requireNonNull(op, "op");
        if (!supports(op)) {
            throw new IllegalArgumentException("addRowVectorUnary: the ejml backend fuses only SIGMOID, not " + op
                    + "; compose addRowVector and unary instead");
        }
        EjmlTensor ta = ejml(a, "addRowVectorUnary", "a");
        EjmlTensor tr = ejml(row, "addRowVectorUnary", "row");
        EjmlTensor to = ejml(out, "addRowVectorUnary", "out");
        rowFits("addRowVectorUnary", ta, tr, to);
        if (!unaryKernels.vectorSigmoid().addRowVectorSigmoid(ta.data, tr.data, to.data)) {
            rowLoops.addRowVector(ta.data, tr.data, to.data);
            unaryKernels.activations().sigmoid(to.data, to.data);
        }
    }
}
