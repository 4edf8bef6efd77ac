package dev.gan4j.core.kernels;

import dev.gan4j.api.Backend;
import dev.gan4j.api.BinaryOp;
import dev.gan4j.api.FusedActivationKernels;
import dev.gan4j.api.GatherKernels;
import dev.gan4j.api.Kernels;
import dev.gan4j.api.OptimizerKernels;
import dev.gan4j.api.Tensor;
import dev.gan4j.api.UnaryOp;
import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;

/**
 * Every optional kernel composed from a backend's required operations: the fallback gan-core
 * uses when a backend offers no fused kernel of a type ({@link #of}), and the reference the
 * conformance suite holds fused kernels to.
 *
 * <p>Scratch tensors are made on first use and kept for the next call of the same size, so after
 * warm-up no call allocates. An instance belongs to one backend and is not thread-safe.
 */
public final class PlainKernels implements FusedActivationKernels, OptimizerKernels, GatherKernels {

    private final Backend backend;
    /** The backend's own fused activations, used for the ops it {@linkplain FusedActivationKernels#supports supports}; may be null. */
    private final FusedActivationKernels fused;
    /** Scratch tensors, two per distinct parameter size ({@link #scratchLike}). */
    private Tensor[][] scratch = new Tensor[0][];
    private int scratchCount;
    private Tensor stacked;

    /** Every kernel composed from {@code backend}'s required operations. */
    public PlainKernels(Backend backend) {
        this(backend, null);
    }

    private PlainKernels(Backend backend, FusedActivationKernels fused) {
        this.backend = Objects.requireNonNull(backend, "backend");
        this.fused = fused;
    }

    /**
     * {@code backend}'s own kernels of {@code type}, or plain ones composed from its required
     * operations when it has none. Fused activations work for every op either way: those the
     * backend does not fuse are composed.
     */
    public static <K extends Kernels> K of(Backend backend, Class<K> type) {
        Optional<K> own = backend.kernels(type);
        if (own.isPresent() && type == FusedActivationKernels.class) {
            return type.cast(new PlainKernels(backend, (FusedActivationKernels) own.get()));
        }
        return own.orElseGet(() -> type.cast(new PlainKernels(backend)));
    }

    /** Every op: the composition needs no fused kernel. */
    @Override
    public boolean supports(UnaryOp op) {
        return true;
    }

    @Override
    public void addRowVectorUnary(UnaryOp op, float p, Tensor a, Tensor row, Tensor out) {
        if (fused != null && fused.supports(op)) {
            fused.addRowVectorUnary(op, p, a, row, out);
            return;
        }
        backend.addRowVector(a, row, out);
        backend.unary(op, p, out, out);
    }

    @Override
    public void sgdUpdate(float learningRate, float momentum, float l2, Tensor w, Tensor g, Tensor v) {
        backend.axpby(momentum, v, learningRate, g, v);
        if (l2 != 0f) {
            backend.axpby(1f, v, learningRate * l2, w, v);
        }
        backend.axpby(1f, w, -1f, v, w);
    }

    @Override
    public void adamUpdate(float beta1, float beta2, float stepSize, float invSqrtBias2, float epsilon,
            float weightDecay, Tensor w, Tensor g, Tensor m, Tensor v) {
        Tensor s = scratchLike(w, 0);
        if (weightDecay != 0f) {
            // the decayed gradient goes through s; m is updated from it before s is reused
            backend.axpby(1f, g, weightDecay, w, s);
            backend.axpby(beta1, m, 1 - beta1, s, m);
            backend.binary(BinaryOp.MUL, s, s, s);
        } else {
            backend.axpby(beta1, m, 1 - beta1, g, m);
            backend.binary(BinaryOp.MUL, g, g, s);
        }
        backend.axpby(beta2, v, 1 - beta2, s, v);
        backend.unary(UnaryOp.SQRT, 0f, v, s);
        backend.affine(invSqrtBias2, epsilon, s, s);
        backend.binary(BinaryOp.DIV, m, s, s);
        backend.axpby(1f, w, -stepSize, s, w);
    }

    @Override
    public void rmsPropUpdate(float alpha, float learningRate, float epsilon, float weightDecay, Tensor w, Tensor g,
            Tensor v) {
        Tensor s = scratchLike(w, 0);
        Tensor grad = g;
        if (weightDecay != 0f) {
            grad = scratchLike(w, 1);
            backend.axpby(1f, g, weightDecay, w, grad);
        }
        backend.binary(BinaryOp.MUL, grad, grad, s);
        backend.axpby(alpha, v, 1 - alpha, s, v);
        backend.unary(UnaryOp.SQRT, 0f, v, s);
        backend.affine(1f, epsilon, s, s);
        backend.binary(BinaryOp.DIV, grad, s, s);
        backend.axpby(1f, w, -learningRate, s, w);
    }

    @Override
    public void gatherStackedRows(Tensor top, Tensor bottom, int[] indices, int offset, Tensor out) {
        int rows = top.rows() + bottom.rows();
        if (stacked == null || stacked.rows() != rows || stacked.columns() != top.columns()) {
            stacked = backend.zeros(rows, top.columns());
        }
        backend.concatRows(top, bottom, stacked);
        backend.gatherRows(stacked, indices, offset, out);
    }

    /**
     * Scratch tensor number {@code slot} of {@code w}'s shape. One set per distinct parameter
     * size, found by a linear search: a model has a handful of sizes, and a map would box.
     */
    private Tensor scratchLike(Tensor w, int slot) {
        int size = w.size();
        for (int i = 0; i < scratchCount; i++) {
            if (scratch[i][0].size() == size) {
                return shaped(scratch[i], slot, w);
            }
        }
        if (scratchCount == scratch.length) {
            scratch = Arrays.copyOf(scratch, scratch.length * 2 + 1);
        }
        scratch[scratchCount] = new Tensor[] {backend.zeros(size), backend.zeros(size)};
        return shaped(scratch[scratchCount++], slot, w);
    }

    /** {@code set[slot]} viewed in {@code w}'s shape; the view is kept, so a steady state reshapes nothing. */
    private static Tensor shaped(Tensor[] set, int slot, Tensor w) {
        Tensor t = set[slot];
        boolean same = t.rank() == w.rank();
        for (int d = 0; same && d < w.rank(); d++) {
            same = t.dim(d) == w.dim(d);
        }
        if (!same) {
            set[slot] = t = t.reshape(w.shape());
        }
        return t;
    }
}
