package dev.gan4j.backend.ejml;

import dev.gan4j.api.BackendProvider;
import dev.gan4j.api.conformance.BackendConformanceSuite;
import java.util.Map;

/**
 * The conformance suite with {@code gemm=java}, netlib's pure-Java BLAS (the path
 * taken where no system BLAS is installed); {@link EjmlConformanceTest} covers {@code auto}.
 */
class EjmlJavaGemmConformanceTest extends BackendConformanceSuite {

    @Override
    protected Map<String, String> options(BackendProvider provider) {
        return provider.name().equals(EjmlBackendProvider.NAME) ? Map.of(EjmlOptions.GEMM, "java") : Map.of();
    }
}
