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
     * Default thread count, chosen by measurement on a 2-core machine (see the module's report):
     * EJML's {@code _MT_} GEMM was no faster for the GAN shapes measured, and costs a fork-join
     * round trip plus task allocation per call.
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
