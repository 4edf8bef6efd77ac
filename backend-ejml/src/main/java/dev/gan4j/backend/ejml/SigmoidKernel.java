package dev.gan4j.backend.ejml;

/**
 * A sigmoid over float arrays with {@link FastExp}'s bits, alone and with a dense layer's bias
 * added first. {@link VectorSigmoid} is the one that exists; {@link SafeVectorSigmoid} decides
 * when it may run, and its tests substitute doubles for it.
 */
interface SigmoidKernel {

    /** {@code y[i] = sigmoid(x[i])} for {@code i < x.length}; {@code x} may be {@code y}. */
    void sigmoid(float[] x, float[] y);

    /**
     * {@code y[i·cols + j] = sigmoid(x[i·cols + j] + bias[j])} with {@code cols = bias.length}, the
     * sum rounded to float first; {@code x} may be {@code y}, and {@code bias} may be {@code y}
     * when there is one row.
     */
    void addRowVectorSigmoid(float[] x, float[] bias, float[] y);
}
