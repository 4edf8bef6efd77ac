package dev.gan4j.backend.ejml;

import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * The options {@link EjmlBackendProvider#create(Map)} accepts.
 *
 * @param threads EJML matrix-multiply threads: 1 uses EJML's single-threaded kernels, more uses
 *     its concurrent {@code _MT_} kernels on a fork-join pool of that size (and so implies
 *     {@code gemm=ejml})
 * @param gemm which matrix-multiply kernel to use
 */
record EjmlOptions(int threads, Gemm gemm) {

    /** Option key for {@link #threads()}. */
    static final String THREADS = "threads";
    /** Option key for {@link #gemm()}. */
    static final String GEMM = "gemm";
    /** Every key {@link #parse} accepts. */
    static final Set<String> KEYS = Set.of(THREADS, GEMM);
    /**
     * Default thread count, chosen by measurement on a 2-core machine (see the module's report):
     * EJML's {@code _MT_} GEMM was no faster for the GAN shapes measured, and costs a fork-join
     * round trip plus task allocation per call.
     */
    static final int DEFAULT_THREADS = 1;
    /** Upper bound on {@link #threads()}; anything larger is surely a typo. */
    static final int MAX_THREADS = 256;

    /** The matrix-multiply kernels, as named in the {@code gemm} option. */
    enum Gemm {
        /**
         * {@link #NATIVE} when a tuned system BLAS loads, else {@link #JAVA}; {@link #EJML} when
         * {@code threads > 1} asks for EJML's concurrent kernels.
         */
        AUTO,
        /** netlib's JNI binding to the system BLAS (OpenBLAS from Debian's libopenblas0). */
        NATIVE,
        /** netlib's pure-Java BLAS: its Vector API kernel when jdk.incubator.vector is present. */
        JAVA,
        /** EJML's own row-major kernels. */
        EJML;

        /** The option value, e.g. {@code "native"}. */
        String key() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    EjmlOptions {
        Objects.requireNonNull(gemm, GEMM);
        if (threads < 1 || threads > MAX_THREADS) {
            throw new IllegalArgumentException("ejml option '" + THREADS + "' must be between 1 and "
                    + MAX_THREADS + ", got " + threads);
        }
        if (threads > 1 && gemm != Gemm.AUTO && gemm != Gemm.EJML) {
            throw new IllegalArgumentException("ejml option '" + THREADS + "' = " + threads + " needs '" + GEMM
                    + "' = ejml (or auto): the " + gemm.key() + " kernel runs on the calling thread"
                    + (gemm == Gemm.NATIVE ? "; OpenBLAS takes its thread count from OPENBLAS_NUM_THREADS" : ""));
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
        Gemm gemm = Gemm.AUTO;
        String kernel = options.get(GEMM);
        if (kernel != null) {
            gemm = null;
            for (Gemm g : Gemm.values()) {
                if (g.key().equals(kernel.trim().toLowerCase(Locale.ROOT))) {
                    gemm = g;
                }
            }
            if (gemm == null) {
                Set<String> accepted = new TreeSet<>();
                for (Gemm g : Gemm.values()) {
                    accepted.add(g.key());
                }
                throw new IllegalArgumentException("ejml option '" + GEMM + "' must be one of " + accepted
                        + ", got '" + kernel + "'");
            }
        }
        return new EjmlOptions(threads, gemm);
    }
}
