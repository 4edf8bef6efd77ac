package dev.gan4j.backend.ejml;

import dev.gan4j.api.BackendProvider;
import dev.gan4j.api.conformance.BackendAllocationSuite;
import java.util.Map;

/**
 * The allocation suite in a JVM with the Vector API module ({@code gemm=vector}, and the
 * {@link VectorActivations} the backend then uses): vector objects the JIT failed to keep in
 * registers would show up here as allocation.
 */
class EjmlVectorGemmAllocationTest extends BackendAllocationSuite {

    @Override
    protected Map<String, String> options(BackendProvider provider) {
        return provider.name().equals(EjmlBackendProvider.NAME) ? Map.of(EjmlOptions.GEMM, "vector") : Map.of();
    }
}
