package dev.gan4j.api;

/**
 * Element-wise functions {@code y = f(x; p)} for {@link Backend#unary} and their derivatives for
 * {@link Backend#unaryBackward}. The parameter {@code p} is used only where stated.
 */
public enum UnaryOp {
    /** {@code y = x}. */
    IDENTITY,
    /** {@code y = 1 / (1 + e^-x)}; derivative from {@code y}. */
    SIGMOID,
    /** {@code y = tanh x}; derivative from {@code y}. */
    TANH,
    /** {@code y = max(x, 0)}. */
    RELU,
    /** {@code y = x} for {@code x > 0}, else {@code p·x}. */
    LEAKY_RELU,
    /** {@code y = ln(1 + e^x)}, computed without overflow. */
    SOFTPLUS,
    /** {@code y = e^x}. */
    EXP,
    /** {@code y = ln x}. */
    LOG,
    /** {@code y = x²}. */
    SQUARE,
    /** {@code y = √x}. */
    SQRT,
    /** {@code y = |x|}. */
    ABS,
    /** {@code y = x^p}. */
    POW;

    /**
     * Whether the derivative is computed from the output {@code y} alone: then
     * {@link Backend#unaryBackward} does not read {@code x} (any tensor of the right size may
     * stand in for it), so a layer need not keep its input, and a dense layer may fold its bias
     * into the activation with {@link FusedActivationKernels#addRowVectorUnary}. True for sigmoid, tanh,
     * {@code e^x} and {@code √x}.
     */
    public boolean derivativeFromOutput() {
        return switch (this) {
            case SIGMOID, TANH, EXP, SQRT -> true;
            default -> false;
        };
    }

    /** Reference value of {@code f(x; p)}, in double precision. Backends must agree with it. */
    public double apply(double x, double p) {
        return switch (this) {
            case IDENTITY -> x;
            case SIGMOID -> 1.0 / (1.0 + Math.exp(-x));
            case TANH -> Math.tanh(x);
            case RELU -> x > 0 ? x : 0.0;
            case LEAKY_RELU -> x > 0 ? x : p * x;
            case SOFTPLUS -> Math.max(x, 0.0) + Math.log1p(Math.exp(-Math.abs(x)));
            case EXP -> Math.exp(x);
            case LOG -> Math.log(x);
            case SQUARE -> x * x;
            case SQRT -> Math.sqrt(x);
            case ABS -> Math.abs(x);
            case POW -> Math.pow(x, p);
        };
    }

    /** Reference value of {@code f'(x; p)} given {@code x} and {@code y = f(x; p)}. */
    public double derivative(double x, double y, double p) {
        return switch (this) {
            case IDENTITY -> 1.0;
            case SIGMOID -> y * (1.0 - y);
            case TANH -> 1.0 - y * y;
            case RELU -> x > 0 ? 1.0 : 0.0;
            case LEAKY_RELU -> x > 0 ? 1.0 : p;
            case SOFTPLUS -> 1.0 / (1.0 + Math.exp(-x));
            case EXP -> y;
            case LOG -> 1.0 / x;
            case SQUARE -> 2.0 * x;
            case SQRT -> 0.5 / y;
            case ABS -> x > 0 ? 1.0 : (x < 0 ? -1.0 : 0.0);
            case POW -> p * Math.pow(x, p - 1.0);
        };
    }
}
