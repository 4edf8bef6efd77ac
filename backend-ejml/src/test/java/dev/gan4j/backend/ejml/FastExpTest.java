package dev.gan4j.backend.ejml;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@link FastExp}, the kernel the backend uses when gan4j's native library is absent. */
class FastExpTest extends ActivationKernelContract {

    @Override
    ActivationKernel kernel() {
        return new FastExp();
    }

    @Test
    void theBackendUsesItWhenTheNativeLibraryIsAbsent() {
        assertFalse(VectorApi.available(), "this test class runs without the Vector API module");
        String expected = NativeActivations.availability() == null
                ? "gan4j FastExp compiled from C (GCC, vectorised)" : new FastExp().describe();
        assertEquals(expected, new EjmlBackendProvider().create(Map.of()).settings().get("activations"));
    }
}
