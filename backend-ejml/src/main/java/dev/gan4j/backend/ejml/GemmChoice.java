package dev.gan4j.backend.ejml;

import dev.gan4j.backend.ejml.EjmlOptions.Gemm;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import org.ejml.concurrency.EjmlConcurrency;

/**
 * The matrix-multiply kernel an {@link EjmlBackend} uses, and the settings that describe it for
 * provenance.
 *
 * <p>{@code auto} takes netlib's JNI binding when the system BLAS it loads is a tuned one
 * (OpenBLAS: 110–150 GFLOP/s measured for the GAN shapes on a 2-core AVX-512 machine), else
 * gan4j's {@link VectorGemm} when the JVM has the Vector API module (85–107), else netlib's
 * pure-Java kernels (4–12 without the Vector API; its own Vector API kernel reached 8–30), and
 * EJML's own (3–6) only when netlib itself cannot be loaded or EJML's concurrent kernels are
 * asked for with no tuned BLAS installed. The system BLAS gets the {@code threads} option as its
 * thread count ({@link BlasThreads}), so the numbers do not depend on the environment either.
 * The choice depends only on what is installed and on the JVM's modules, never on timing, so a
 * run repeats exactly.
 *
 * @param kernel the kernel
 * @param kind which kind was chosen (never {@link Gemm#AUTO})
 * @param settings {@code gemm…} and {@code blas…} entries for {@link EjmlBackend#settings()}
 */
record GemmChoice(GemmKernel kernel, Gemm kind, Map<String, String> settings) {

    GemmChoice {
        settings = Collections.unmodifiableMap(new LinkedHashMap<>(settings));
    }

    /**
     * Chooses by {@code options}.
     *
     * @throws IllegalStateException if {@code gemm=native} or {@code gemm=java} was asked for and
     *     cannot be had, saying why
     */
    static GemmChoice choose(EjmlOptions options) {
        Gemm requested = options.gemm();
        if (requested == Gemm.EJML
                || (requested == Gemm.AUTO && options.threads() > 1 && !NetlibBlas.nativeOptimizedSafely())) {
            return ejml(options, requested, "");
        }
        if (requested == Gemm.VECTOR || (requested == Gemm.AUTO && VectorApi.available()
                && !NetlibBlas.nativeOptimizedSafely())) {
            return vector(requested);
        }
        NetlibBlas netlib;
        try {
            netlib = NetlibBlas.get();
        } catch (LinkageError e) {
            if (requested != Gemm.AUTO) {
                throw new IllegalStateException("ejml backend: gemm=" + requested.key()
                        + " needs dev.ludovic.netlib:blas on the classpath: " + e, e);
            }
            return ejml(options, requested, "netlib BLAS could not be loaded: " + e);
        }
        boolean useNative = requested == Gemm.NATIVE || (requested == Gemm.AUTO && netlib.nativeIsOptimized());
        Map<String, String> s = new LinkedHashMap<>();
        s.put("gemm.requested", requested.key());
        if (useNative) {
            if (netlib.nativeBlas() == null) {
                throw new IllegalStateException("ejml backend: gemm=native but " + netlib.nativeFailure());
            }
            NetlibGemm kernel = new NetlibGemm(netlib.nativeBlas());
            s.put("gemm", Gemm.NATIVE.key());
            s.put("gemm.implementation", "netlib " + kernel.implementation());
            s.put("blas.library", netlib.libraries().isEmpty() ? "unknown" : String.join(", ", netlib.libraries()));
            s.put("blas.threads", BlasThreads.set(options.threads()));
            String core = BlasThreads.coreName();
            if (!core.isEmpty()) {
                s.put("blas.core", core);
            }
            return new GemmChoice(kernel, Gemm.NATIVE, s);
        }
        NetlibGemm kernel = new NetlibGemm(netlib.javaBlas());
        s.put("gemm", Gemm.JAVA.key());
        s.put("gemm.implementation", "netlib " + kernel.implementation());
        if (requested == Gemm.AUTO) {
            s.put("gemm.native", netlib.nativeBlas() == null ? netlib.nativeFailure()
                    : "not used: the system BLAS (" + String.join(", ", netlib.libraries())
                            + ") is not a tuned one; on Debian/Ubuntu: apt-get install libopenblas0");
        }
        return new GemmChoice(kernel, Gemm.JAVA, s);
    }

    private static GemmChoice vector(Gemm requested) {
        if (!VectorApi.available()) {
            throw new IllegalStateException("ejml backend: gemm=vector needs the JVM option --add-modules "
                    + VectorApi.MODULE + " (for the gan launcher: GAN4J_JAVA_OPTS=--add-modules=" + VectorApi.MODULE
                    + ")");
        }
        Map<String, String> s = new LinkedHashMap<>();
        s.put("gemm.requested", requested.key());
        s.put("gemm", Gemm.VECTOR.key());
        s.put("gemm.implementation", "gan4j VectorGemm (" + VectorGemm.describe() + ")");
        return new GemmChoice(new VectorGemm(), Gemm.VECTOR, s);
    }

    private static GemmChoice ejml(EjmlOptions options, Gemm requested, String fallbackReason) {
        MatMul matMul = MatMul.SINGLE;
        if (options.threads() > 1) {
            // EJML's pool is process-wide; set it only when it differs so that two backends asking
            // for the same count do not replace each other's pool.
            if (EjmlConcurrency.getMaxThreads() != options.threads()) {
                EjmlConcurrency.setMaxThreads(options.threads());
            }
            matMul = MatMul.CONCURRENT;
        }
        EjmlGemm kernel = new EjmlGemm(matMul);
        Map<String, String> s = new LinkedHashMap<>();
        s.put("gemm.requested", requested.key());
        s.put("gemm", Gemm.EJML.key());
        s.put("gemm.implementation", kernel.implementation());
        if (!fallbackReason.isEmpty()) {
            s.put("gemm.native", fallbackReason);
        }
        return new GemmChoice(kernel, Gemm.EJML, s);
    }
}
