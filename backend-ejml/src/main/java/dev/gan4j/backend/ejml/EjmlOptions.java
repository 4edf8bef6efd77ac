package dev.gan4j.backend.ejml;

import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * The options {@link EjmlBackendProvider#create(Map)} accepts.
 *
 * @param threads matrix-multiply threads: the system BLAS's thread count with {@code gemm=native}
 *     (set through OpenBLAS's API when the backend is created, whatever the environment says);
 *     with {@code gemm=ejml}, 1 uses EJML's single-threaded kernels and more its concurrent
 *     {@code _MT_} kernels on a fork-join pool of that size; {@code auto} with more than 1 takes
 *     the native BLAS when a tuned one is installed, else EJML's concurrent kernels
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
     * Default thread count, chosen by measurement on the 2-core development machine, interleaving
     * {@code threads=1} and {@code threads=2} runs of 100×784·784×100, 64×1024·1024×784 and
     * 128×784·784×512 (float32). With the second core idle EJML's {@code _MT_} kernels reached up
     * to 1.9× (e.g. 12 against 6.3 GFLOP/s), but with the machine shared — the usual case for CI
     * and for a GAN whose data pipeline also wants a core — the median speed-up was 0.7–1.3×.
     * They also allocate about 100 bytes per call (fork-join tasks) and resize EJML's
     * process-wide pool. OpenBLAS measured no faster with a second thread on these small matrices
     * either (slower when the machine is busy). So one thread is the default and
     * {@code threads=2} an explicit opt-in.
     */
    static final int DEFAULT_THREADS = 1;
    /** Upper bound on {@link #threads()}; anything larger is surely a typo. */
    static final int MAX_THREADS = 256;

    /** The matrix-multiply kernels, as named in the {@code gemm} option. */
    enum Gemm {
        /**
         * {@link #NATIVE} when a tuned system BLAS loads, else {@link #VECTOR} when the JVM has the
         * Vector API module, else {@link #JAVA}; {@link #EJML} when {@code threads > 1} asks for
         * EJML's concurrent kernels.
         */
        AUTO,
        /** netlib's JNI binding to the system BLAS (OpenBLAS from Debian's libopenblas0). */
        NATIVE,
        /** gan4j's own Vector API kernel; needs {@code --add-modules jdk.incubator.vector}. */
        VECTOR,
        /** netlib's pure-Java BLAS (its Vector API kernel when jdk.incubator.vector is present). */
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
        if (threads > 1 && (gemm == Gemm.JAVA || gemm == Gemm.VECTOR)) {
            throw new IllegalArgumentException("ejml option '" + THREADS + "' = " + threads + " needs '" + GEMM
                    + "' = native, ejml or auto: the " + gemm.key() + " kernel runs on the calling thread");
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
