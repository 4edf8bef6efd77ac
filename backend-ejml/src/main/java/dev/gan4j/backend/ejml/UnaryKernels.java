package dev.gan4j.backend.ejml;

import dev.gan4j.api.UnaryOp;

/**
 * Loops for {@link UnaryOp} and its derivative over raw float arrays, one tight loop per op so the
 * JIT can vectorise the simple ones.
 *
 * <p>They follow {@link UnaryOp#apply} and {@link UnaryOp#derivative}. Sigmoid and tanh, the
 * activations on every step's hot path, use {@link FastExp}'s vectorised float kernels (within a few
 * ulps, the same bits in every JIT tier), or for the sigmoid {@link VectorSigmoid}, the same bits in
 * one pass, when {@link SafeVectorSigmoid} lets it run; the other transcendental functions are
 * evaluated in double precision and rounded once, which costs nothing extra ({@link Math#exp} is a double function anyway) and keeps them
 * finite and accurate for any float input: {@code e^100} overflows a float but not a double.
 *
 * <p>ReLU and LeakyReLU, forward and backward, are {@link RectifierLoops}: branch-free, so C2
 * vectorises them, with the select's bits.
 *
 * <p>Operands may alias (in-place use): every loop reads index {@code i} of each input before
 * writing index {@code i} of the output.
 */
final class UnaryKernels {

    /** Vectorised sigmoid and tanh; holds a scratch array, so one per backend. */
    private final FastExp activations = new FastExp();
    /** The Vector API sigmoid, run when it is measured safe; null without the Vector API module. */
    private final SafeVectorSigmoid vectorSigmoid;

    UnaryKernels(SafeVectorSigmoid vectorSigmoid) {
        this.vectorSigmoid = vectorSigmoid;
    }

    /** FastExp, which computes the sigmoid when the Vector API one does not, and the tanh. */
    FastExp activations() {
        return activations;
    }

    /** The Vector API sigmoid, or null without the module. */
    SafeVectorSigmoid vectorSigmoid() {
        return vectorSigmoid;
    }

    /** What computes sigmoid and tanh now, for the backend's settings. */
    String describe() {
        return vectorSigmoid == null ? activations.describe()
                : activations.describe() + "; sigmoid: " + vectorSigmoid.describe();
    }

    /** {@code y[i] = sigmoid(x[i])}, through the Vector API when that is measured safe, else FastExp: the same bits. */
    void sigmoid(float[] x, float[] y) {
        if (vectorSigmoid == null || !vectorSigmoid.sigmoid(x, y)) {
            activations.sigmoid(x, y);
        }
    }

    /** {@code y[i] = f(x[i]; p)} for {@code i < x.length}. */
    void apply(UnaryOp op, float p, float[] x, float[] y) {
        int n = x.length;
        switch (op) {
            case IDENTITY -> System.arraycopy(x, 0, y, 0, n);
            case SIGMOID -> sigmoid(x, y);
            case TANH -> activations.tanh(x, y);
            case RELU -> RectifierLoops.relu(x, y);
            case LEAKY_RELU -> RectifierLoops.leakyRelu(p, x, y);
            case SOFTPLUS -> {
                for (int i = 0; i < n; i++) {
                    double v = x[i];
                    y[i] = (float) (Math.max(v, 0.0) + Math.log1p(Math.exp(-Math.abs(v))));
                }
            }
            case EXP -> {
                for (int i = 0; i < n; i++) {
                    y[i] = (float) Math.exp(x[i]);
                }
            }
            case LOG -> {
                for (int i = 0; i < n; i++) {
                    y[i] = (float) Math.log(x[i]);
                }
            }
            case SQUARE -> {
                for (int i = 0; i < n; i++) {
                    float v = x[i];
                    y[i] = v * v;
                }
            }
            case SQRT -> {
                for (int i = 0; i < n; i++) {
                    y[i] = (float) Math.sqrt(x[i]);
                }
            }
            case ABS -> {
                for (int i = 0; i < n; i++) {
                    y[i] = Math.abs(x[i]);
                }
            }
            case POW -> {
                for (int i = 0; i < n; i++) {
                    y[i] = (float) Math.pow(x[i], p);
                }
            }
            default -> throw new IllegalArgumentException("unsupported unary op " + op);
        }
    }

    /** {@code gi[i] = go[i] · f'(x[i]; p)}, the derivative taken from x or y as {@link UnaryOp} says. */
    static void backward(UnaryOp op, float p, float[] x, float[] y, float[] go, float[] gi) {
        int n = x.length;
        switch (op) {
            case IDENTITY -> System.arraycopy(go, 0, gi, 0, n);
            case SIGMOID -> {
                for (int i = 0; i < n; i++) {
                    float s = y[i];
                    gi[i] = go[i] * (s * (1f - s));
                }
            }
            case TANH -> {
                for (int i = 0; i < n; i++) {
                    float t = y[i];
                    gi[i] = go[i] * (1f - t * t);
                }
            }
            case RELU -> RectifierLoops.reluBackward(x, go, gi);
            case LEAKY_RELU -> RectifierLoops.leakyReluBackward(p, x, go, gi);
            case SOFTPLUS -> {
                for (int i = 0; i < n; i++) {
                    gi[i] = (float) (go[i] / (1.0 + Math.exp(-x[i])));
                }
            }
            case EXP -> {
                for (int i = 0; i < n; i++) {
                    gi[i] = go[i] * y[i];
                }
            }
            case LOG -> {
                for (int i = 0; i < n; i++) {
                    gi[i] = go[i] / x[i];
                }
            }
            case SQUARE -> {
                for (int i = 0; i < n; i++) {
                    gi[i] = go[i] * (2f * x[i]);
                }
            }
            case SQRT -> {
                for (int i = 0; i < n; i++) {
                    gi[i] = go[i] * (0.5f / y[i]);
                }
            }
            case ABS -> {
                for (int i = 0; i < n; i++) {
                    float v = x[i];
                    gi[i] = go[i] * (v > 0f ? 1f : (v < 0f ? -1f : 0f));
                }
            }
            case POW -> {
                for (int i = 0; i < n; i++) {
                    gi[i] = (float) (go[i] * (p * Math.pow(x[i], p - 1.0)));
                }
            }
            default -> throw new IllegalArgumentException("unsupported unary op " + op);
        }
    }
}
