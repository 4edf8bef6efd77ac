package dev.gan4j.core.loss;

/** The one place that says what "real" and "fake" are as discriminator targets. */
public final class Labels {
    private Labels() {
    }

    /** Target for real samples (before one-sided smoothing). */
    public static final float REAL = 1f;
    /** Target for generated samples. */
    public static final float FAKE = 0f;

    /** Whether a (possibly smoothed) target denotes a real sample. */
    public static boolean isReal(float target) {
        return target > 0.5f;
    }
}
