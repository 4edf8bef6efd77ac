package dev.gan4j.api;

/**
 * Batch normalisation over the channels of {@code [N, C, ...]} tensors (what a 2-d batch-norm
 * layer computes) in fewer passes over memory: each kernel gives the same bits as the
 * composition of required operations it names. Worth having because every pass it saves reads
 * and writes a whole activation, and batch norm's forward and backward passes are otherwise
 * seven element-wise passes and three channel sums. A per-channel vector here has C elements.
 */
public interface BatchNormKernels extends Kernels {

    /**
     * {@code xhat = (x + shift[c])·invStd[c]} and {@code out = xhat·gamma[c] + beta[c]}: the bits of
     * {@link Backend#addChannels addChannels(x, shift, xhat)}, {@link Backend#mulChannels
     * mulChannels(xhat, invStd, xhat)}, {@code mulChannels(xhat, gamma, out)},
     * {@code addChannels(out, beta, out)}. {@code x}, {@code xhat} and {@code out} have one shape and
     * may share storage ({@code out} wins where {@code xhat} is {@code out}); {@code x} is left as
     * it is unless it is one of the others.
     *
     * @throws IllegalArgumentException on a shape mismatch
     */
    void normalize(Tensor x, Tensor shift, Tensor invStd, Tensor gamma, Tensor beta, Tensor xhat, Tensor out);

    /**
     * {@code sumDy[c] = Σ dy} and {@code sumDyXhat[c] = Σ dy·xhat} over the batch and positions of
     * each channel: the bits of {@link Backend#sumChannels sumChannels(dy, 0, sumDy)} and of
     * {@link Backend#binary binary(MUL, dy, xhat, t)} then {@code sumChannels(t, 0, sumDyXhat)},
     * each product rounded to float before it is summed.
     *
     * @throws IllegalArgumentException on a shape mismatch, or if {@code sumDy} and {@code sumDyXhat} are one tensor
     */
    void gradientSums(Tensor dy, Tensor xhat, Tensor sumDy, Tensor sumDyXhat);

    /**
     * {@code dx = (dy − xhat·a[c] + b[c])·scale[c]}, in that order: the bits of
     * {@link Backend#mulChannels mulChannels(xhat, a, t)}, {@link Backend#axpby axpby(1, dy, −1, t, t)},
     * {@link Backend#addChannels addChannels(t, b, t)}, {@code mulChannels(t, scale, dx)}. With
     * {@code a} the mean of {@code dy·xhat}, {@code b} minus the mean of {@code dy} and
     * {@code scale = γ/σ} it is batch norm's input gradient under batch statistics.
     * {@code dx} may be {@code dy} or {@code xhat}.
     *
     * @throws IllegalArgumentException on a shape mismatch
     */
    void inputGradient(Tensor dy, Tensor xhat, Tensor a, Tensor b, Tensor scale, Tensor dx);
}
