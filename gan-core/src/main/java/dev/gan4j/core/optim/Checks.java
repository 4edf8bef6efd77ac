package dev.gan4j.core.optim;

/** Range checks for configuration values, with messages that name the JSON field. */
final class Checks {

    private Checks() {
    }

    /** Fails with a message naming {@code field} unless {@code value} is finite and in range. */
    static void check(String field, double value, double min, boolean minExclusive, double max) {
        boolean ok = Double.isFinite(value) && (minExclusive ? value > min : value >= min) && value <= max;
        if (!ok) {
            throw new IllegalArgumentException(field + " must be " + (minExclusive ? "> " : ">= ") + min
                    + (max < Double.MAX_VALUE ? " and <= " + max : "") + ", got " + value);
        }
    }
}
