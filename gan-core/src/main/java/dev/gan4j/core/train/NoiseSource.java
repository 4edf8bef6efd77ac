package dev.gan4j.core.train;

import dev.gan4j.api.Backend;
import dev.gan4j.api.SeededRandom;
import dev.gan4j.api.Tensor;

/**
 * The generator's noise for one D round: {@code n} vectors drawn fresh, or, with a
 * {@link NoiseConfig#bank()}, {@code n} distinct rows of a bank drawn once (the tutorial's).
 */
final class NoiseSource {

    private final Backend backend;
    private final NoiseConfig noise;
    private final SeededRandom random;
    private final int n;
    /** The bank and the index buffer that picks from it; null when drawing fresh noise. */
    private final Tensor bank;
    private final int[] bankIndex;
    /** The host buffer fresh noise is drawn into; null with a bank. */
    private final float[] host;

    /** @param bankRandom draws the bank, here and now */
    NoiseSource(Backend backend, NoiseConfig noise, int n, SeededRandom random, SeededRandom bankRandom) {
        if (noise.bank() > 0 && n > noise.bank()) {
            throw new IllegalArgumentException("training.samplesPerIteration (" + n + ") exceeds noise.bank ("
                    + noise.bank() + ")");
        }
        this.backend = backend;
        this.noise = noise;
        this.random = random;
        this.n = n;
        if (noise.bank() > 0) {
            float[] values = new float[noise.bank() * noise.dim()];
            noise.draw(bankRandom, values, noise.bank());
            this.bank = backend.fromArray(values, noise.bank(), noise.dim());
            this.bankIndex = new int[noise.bank()];
            this.host = null;
        } else {
            this.bank = null;
            this.bankIndex = null;
            this.host = new float[n * noise.dim()];
        }
    }

    /** Fills {@code z} ({@code n × dim}) with the next noise. */
    void draw(Tensor z) {
        if (bank != null) {
            Shuffles.pick(bankIndex, n, random);
            backend.gatherRows(bank, bankIndex, 0, z);
        } else {
            noise.draw(random, host, n);
            z.copyFrom(host);
        }
    }
}
