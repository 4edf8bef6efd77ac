package dev.gan4j.core.train;

import dev.gan4j.api.Backend;
import dev.gan4j.api.GanLoss;
import dev.gan4j.api.Tensor;
import dev.gan4j.core.loss.Labels;

/**
 * A {@link GanLoss} over D's output of one mini-batch: the output comes to the host, the loss's
 * gradient goes back into a tensor for the backward pass. D's and G's steps share the buffers.
 */
final class HostLoss {

    private final GanLoss loss;
    private final int batch;
    private final float[] out;
    private final float[] grad;
    private final Tensor gradient;

    HostLoss(Backend backend, GanLoss loss, int batch) {
        this.loss = loss;
        this.batch = batch;
        this.out = new float[batch];
        this.grad = new float[batch];
        this.gradient = backend.zeros(batch, 1);
    }

    /** D's loss on {@code output} against {@code targets}; adds D's scores to {@code metrics}. */
    double discriminator(Tensor output, float[] targets, IterationMetrics metrics) {
        output.toArray(out);
        double l = loss.discriminator(out, targets, batch, grad);
        for (int k = 0; k < batch; k++) {
            metrics.addScore(Labels.isReal(targets[k]), loss.score(out[k]));
        }
        gradient.copyFrom(grad);
        return l;
    }

    /** G's loss on D's {@code output} for generated samples. */
    double generator(Tensor output) {
        output.toArray(out);
        double l = loss.generator(out, batch, grad);
        gradient.copyFrom(grad);
        return l;
    }

    /** The gradient of the last loss computed with respect to D's output. */
    Tensor gradient() {
        return gradient;
    }
}
