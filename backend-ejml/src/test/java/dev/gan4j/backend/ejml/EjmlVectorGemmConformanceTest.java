package dev.gan4j.backend.ejml;

import dev.gan4j.api.BackendProvider;
import dev.gan4j.api.conformance.BackendConformanceSuite;
import java.util.Map;

/**
 * The conformance suite with {@code gemm=vector}, gan4j's Vector API kernel; surefire runs it in
 * a JVM with {@code --add-modules jdk.incubator.vector}.
 */
class EjmlVectorGemmConformanceTest extends BackendConformanceSuite {

    @Override
    protected Map<String, String> options(BackendProvider provider) {
        return provider.name().equals(EjmlBackendProvider.NAME) ? Map.of(EjmlOptions.GEMM, "vector") : Map.of();
    }
}
