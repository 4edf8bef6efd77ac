package dev.gan4j.backend.ejml;

import dev.gan4j.api.BackendProvider;
import dev.gan4j.api.conformance.BackendConformanceSuite;
import java.util.Map;

/**
 * The conformance suite with {@code gemm=ejml}, EJML's own kernels (the path taken where
 * netlib cannot load); {@link EjmlConformanceTest} covers {@code auto}.
 */
class EjmlOwnGemmConformanceTest extends BackendConformanceSuite {

    @Override
    protected Map<String, String> options(BackendProvider provider) {
        return provider.name().equals(EjmlBackendProvider.NAME) ? Map.of(EjmlOptions.GEMM, "ejml") : Map.of();
    }
}
