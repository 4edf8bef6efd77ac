package dev.gan4j.backend.ejml;

import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * The options {@link EjmlBackendProvider#create(Map)} accepts.
 *
 * @param threads matrix-multiply threads: 1 uses EJML's single-threaded kernels, more uses its
 *     concurrent {@code _MT_} kernels on a fork-join pool of that size
 */
record EjmlOptions(int threads) {

    /** Option key for {@link #threads()}. */
    static final String THREADS = "threads";
    /** Every key {@link #parse} accepts. */
    static final Set<String> KEYS = Set.of(THREADS);
    /**
     * Default thread count, chosen by measurement on the 2-core development machine, interleaving
     * {@code threads=1} and {@code threads=2} runs of 100×784·784×100, 64×1024·1024×784 and
     * 128×784·784×512 (float32). With the second core idle EJML's {@code _MT_} kernels reached up
     * to 1.9× (e.g. 12 against 6.3 GFLOP/s), but with the machine shared — the usual case for CI
     * and for a GAN whose data pipeline also wants a core — the median speed-up was 0.7–1.3×.
     * They also allocate about 100 bytes per call (fork-join tasks) and resize EJML's
     * process-wide pool. So one thread is the default and {@code threads=2} an explicit opt-in.
     */
    static final int DEFAULT_THREADS = 1;
    /** Upper bound on {@link #threads()}; anything larger is surely a typo. */
    static final int MAX_THREADS = 256;

    EjmlOptions {
        if (threads < 1 || threads > MAX_THREADS) {
            throw new IllegalArgumentException("ejml option '" + THREADS + "' must be between 1 and "
                    + MAX_THREADS + ", got " + threads);
        }
    }

    /**
     * Parses {@code options}; absent keys take their defaults.
     *
     * @throws IllegalArgumentException naming the key if one is unknown or its value invalid
     */
    static EjmlOptions parse(Map<String, String> options) {
        Objects.requireNonNull(options, "options");
        for (String key : options.keySet()) {
            if (!KEYS.contains(key)) {
                throw new IllegalArgumentException("unknown ejml backend option '" + key + "'; accepted: "
                        + new TreeSet<>(KEYS));
            }
        }
        int threads = DEFAULT_THREADS;
        String value = options.get(THREADS);
        if (value != null) {
            try {
                threads = Integer.parseInt(value.trim());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("ejml option '" + THREADS + "' must be an integer, got '"
                        + value + "'", e);
            }
        }
        return new EjmlOptions(threads);
    }
}
