package dev.gan4j.backend.ejml;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@link FastExp}, the kernel a JVM without the Vector API module uses. */
class FastExpTest extends ActivationKernelContract {

    @Override
    ActivationKernel kernel() {
        return new FastExp();
    }

    @Test
    void theBackendUsesItWithoutTheModule() {
        assertFalse(VectorApi.available(), "this test class runs without the Vector API module");
        assertEquals(new FastExp().describe(),
                new EjmlBackendProvider().create(Map.of()).settings().get("activations"));
    }
}
