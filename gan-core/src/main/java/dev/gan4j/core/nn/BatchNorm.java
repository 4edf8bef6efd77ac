package dev.gan4j.core.nn;

import dev.gan4j.api.Backend;
import dev.gan4j.api.BinaryOp;
import dev.gan4j.api.ForwardContext;
import dev.gan4j.api.GradientSink;
import dev.gan4j.api.LayerCache;
import dev.gan4j.api.Parameter;
import dev.gan4j.api.Tensor;
import dev.gan4j.api.UnaryOp;

/**
 * 1-D batch normalisation (Ioffe &amp; Szegedy 2015) with PyTorch's {@code BatchNorm1d} semantics:
 * every value of a sample is a feature, {@code y = γ·(x − μ)/√(σ² + ε) + β}.
 *
 * <ul>
 *   <li>{@link dev.gan4j.api.Mode#TRAIN}: μ and σ² are the batch's mean and biased variance, and
 *       the running estimates move towards them: {@code running = (1 − momentum)·running +
 *       momentum·batch}, with the <em>unbiased</em> variance ({@code σ²·N/(N−1)}) for the running
 *       variance.</li>
 *   <li>{@link dev.gan4j.api.Mode#EVAL}: μ and σ² are the running estimates, which are left
 *       unchanged.</li>
 * </ul>
 *
 * <p>Parameters: {@code gamma} (initially 1) and {@code beta} (initially 0) are trainable, of
 * kind {@link Parameter.Kind#BIAS} so L2 and weight decay leave them alone; {@code runningMean}
 * (initially 0) and {@code runningVar} (initially 1) are {@link Parameter.Kind#BUFFER}s, saved in
 * checkpoints but never touched by an optimiser.
 *
 * <p><b>Several passes, one layer.</b> Each forward pass normalises with its own batch's
 * statistics and keeps them in its cache, so a discriminator that sees a real batch and then a
 * generated batch in separate passes normalises each by itself and back-propagates each through
 * the right statistics, as PyTorch does. Every training-mode pass updates the running
 * statistics, <em>including</em> the discriminator's forward pass inside the stacked
 * generator→discriminator during a generator step: PyTorch does the same, since its
 * discriminator stays in train mode there. Freezing the discriminator stops gradients to
 * {@code gamma} and {@code beta}, not the running statistics, which gradient descent never sees
 * and which only an eval-mode discriminator would use.
 */
public final class BatchNorm extends AbstractBatchNorm {

    /**
     * @param id prefix of the parameter ids ({@code id + ".gamma"}…)
     * @param shape per-sample shape; each of its values is normalised as a separate feature
     */
    public BatchNorm(Backend backend, String id, int[] shape, double momentum, double epsilon) {
        super(backend, id, "batch-norm", shape, Shapes.size(shape), momentum, epsilon);
    }

    @Override
    public LayerCache newCache() {
        return new Cache(backend, size);
    }

    @Override
    public Tensor forward(Tensor input, ForwardContext context, LayerCache cache) {
        Shapes.checkInput(gamma.id(), input, size);
        Cache c = (Cache) cache;
        int n = input.rows();
        boolean training = context.training();
        if (training && n < 2) {
            throw new IllegalArgumentException(id + ": batch-norm needs at least 2 samples per batch in training "
                    + "mode to estimate a variance, got a batch of " + n);
        }
        c.ensure(input);
        Tensor x = input.rank() == 2 ? input : input.reshape(n, size);
        if (training) {
            // μ = Σx/N is kept negated, as the addRowVector that centres x needs it
            backend.sumColumns(x, 0f, c.negMean);
            backend.affine(-1f / n, 0f, c.negMean, c.negMean);
            backend.addRowVector(x, c.negMean, c.xhat);
            backend.binary(BinaryOp.MUL, c.xhat, c.xhat, c.work);
            backend.sumColumns(c.work, 0f, c.variance);
            backend.affine(1f / n, 0f, c.variance, c.variance);
            backend.axpby(1 - momentum, runningMean.value(), -momentum, c.negMean, runningMean.value());
            backend.axpby(1 - momentum, runningVar.value(), momentum * n / (n - 1f), c.variance,
                    runningVar.value());
            backend.affine(1f, epsilon, c.variance, c.invStd);
        } else {
            backend.affine(-1f, 0f, runningMean.value(), c.negMean);
            backend.addRowVector(x, c.negMean, c.xhat);
            backend.affine(1f, epsilon, runningVar.value(), c.invStd);
        }
        c.training = training;
        backend.unary(UnaryOp.POW, -0.5f, c.invStd, c.invStd);
        c.broadcast(c.invStd);
        backend.binary(BinaryOp.MUL, c.xhat, c.rows, c.xhat);
        c.broadcast(gamma.value());
        backend.binary(BinaryOp.MUL, c.xhat, c.rows, c.output);
        backend.addRowVector(c.output, beta.value(), c.output);
        return c.output;
    }

    @Override
    public Tensor backward(Tensor gradOutput, LayerCache cache, GradientSink sink) {
        Cache c = (Cache) cache;
        Tensor dy = columnSums(gradOutput, c);
        int n = dy.rows();
        if (sink != null) {
            addParameterGradients(c.sumGradXhat, c.sumGrad, sink);
        }
        backend.binary(BinaryOp.MUL, gamma.value(), c.invStd, c.scale);
        if (c.training) {
            // batch statistics depend on x: dx = γ/σ · (dy − mean(dy) − x̂·mean(dy·x̂))
            backend.affine(1f / n, 0f, c.sumGradXhat, c.sumGradXhat);
            c.broadcast(c.sumGradXhat);
            backend.binary(BinaryOp.MUL, c.xhat, c.rows, c.work);
            backend.axpby(1f, dy, -1f, c.work, c.work);
            backend.affine(-1f / n, 0f, c.sumGrad, c.sumGrad);
            backend.addRowVector(c.work, c.sumGrad, c.work);
            c.broadcast(c.scale);
            backend.binary(BinaryOp.MUL, c.work, c.rows, c.gradInput);
        } else {
            // running statistics are constants: the layer is affine per feature
            c.broadcast(c.scale);
            backend.binary(BinaryOp.MUL, dy, c.rows, c.gradInput);
        }
        return c.gradInput;
    }

    @Override
    public void backwardParameters(Tensor gradOutput, LayerCache cache, GradientSink sink) {
        Cache c = (Cache) cache;
        columnSums(gradOutput, c);
        if (sink != null) {
            addParameterGradients(c.sumGradXhat, c.sumGrad, sink);
        }
    }

    /**
     * Sets {@code c.sumGrad = Σ dy} and {@code c.sumGradXhat = Σ dy·x̂}: dβ and dγ, and also what
     * the input gradient needs. Returns dy as a matrix.
     */
    private Tensor columnSums(Tensor gradOutput, Cache c) {
        if (c.output == null) {
            throw new IllegalStateException(gamma.id() + ": backward called before forward");
        }
        int n = c.xhat.rows();
        Tensor dy = gradOutput.rank() == 2 ? gradOutput : gradOutput.reshape(n, size);
        backend.sumColumns(dy, 0f, c.sumGrad);
        backend.binary(BinaryOp.MUL, dy, c.xhat, c.work);
        backend.sumColumns(c.work, 0f, c.sumGradXhat);
        return dy;
    }

    /** One call site's tensors: per-batch matrices, sized on first use, and per-feature rows. */
    private static final class Cache extends FeatureCache {
        Tensor xhat;
        Tensor work;
        Tensor rows;
        Tensor output;
        Tensor gradInput;
        boolean training;

        Cache(Backend backend, int features) {
            super(backend, features);
        }

        void ensure(Tensor input) {
            if (fits(input)) {
                return;
            }
            int[] inputShape = input.shape();
            int n = inputShape[0];
            int features = negMean.size();
            xhat = backend.zeros(n, features);
            work = backend.zeros(n, features);
            rows = backend.zeros(n, features);
            output = backend.zeros(inputShape);
            gradInput = backend.zeros(inputShape);
        }

        /** Whether the tensors are sized for {@code input}: compared by dimension, as {@code shape()} makes a copy. */
        private boolean fits(Tensor input) {
            if (output == null || output.rank() != input.rank()) {
                return false;
            }
            for (int axis = 0; axis < input.rank(); axis++) {
                if (output.dim(axis) != input.dim(axis)) {
                    return false;
                }
            }
            return true;
        }

        /** {@code rows[i, :] = row} for every i: the backend has no row-vector multiply. */
        void broadcast(Tensor row) {
            backend.fill(rows, 0f);
            backend.addRowVector(rows, row, rows);
        }
    }
}
