package dev.gan4j.api;

/** Element-wise functions of two same-shaped tensors for {@link Backend#binary}. */
public enum BinaryOp {
    ADD, SUB, MUL, DIV, MAX, MIN;

    /** Reference value, in double precision. Backends must agree with it. */
    public double apply(double a, double b) {
        return switch (this) {
            case ADD -> a + b;
            case SUB -> a - b;
            case MUL -> a * b;
            case DIV -> a / b;
            case MAX -> Math.max(a, b);
            case MIN -> Math.min(a, b);
        };
    }
}
