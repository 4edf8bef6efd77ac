package dev.gan4j.backend.ejml;

import dev.gan4j.api.BackendProvider;
import dev.gan4j.api.conformance.BackendConformanceSuite;
import java.util.Map;

/** The conformance suite again with EJML's concurrent kernels ({@code threads = 2, gemm = ejml}). */
class EjmlConcurrentConformanceTest extends BackendConformanceSuite {

    @Override
    protected Map<String, String> options(BackendProvider provider) {
        return provider.name().equals(EjmlBackendProvider.NAME)
                ? Map.of(EjmlOptions.THREADS, "2", EjmlOptions.GEMM, "ejml") : Map.of();
    }
}
