package dev.gan4j.backend.ejml;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gan4j.api.BackendProvider;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@link VectorActivations}; surefire runs it in a JVM with {@code --add-modules
 * jdk.incubator.vector}, where the backend must also choose it.
 */
class VectorActivationsTest extends ActivationKernelContract {

    @Override
    ActivationKernel kernel() {
        return new VectorActivations();
    }

    @Test
    void theBackendUsesItWhenTheModuleIsThere() {
        assertTrue(VectorApi.available(), "this test class runs with the Vector API module");
        BackendProvider provider = new EjmlBackendProvider();
        String activations = provider.create(Map.of()).settings().get("activations");
        assertTrue(activations.startsWith("Vector API"), activations);
    }
}
