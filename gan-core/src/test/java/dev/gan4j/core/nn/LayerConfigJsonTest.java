package dev.gan4j.core.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import org.junit.jupiter.api.Test;

/** The new layers are registered by name and their records bind from JSON with their defaults. */
class LayerConfigJsonTest {

    static final ObjectMapper JSON = new ObjectMapper().enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    @Test
    void areRegisteredUnderTheirJsonNames() {
        LayerRegistry registry = LayerRegistry.discover();
        assertTrue(registry.names().containsAll(java.util.List.of("dropout", "batch-norm", "label-embedding")),
                registry.names().toString());
        assertEquals("batch-norm", registry.nameOf(new BatchNormConfig(0.1, 1e-5)));
        assertEquals(BatchNormConfig.class, registry.find("batch-norm").orElseThrow().configClass());
        assertEquals(DropoutConfig.class, registry.find("dropout").orElseThrow().configClass());
        assertEquals(LabelEmbeddingConfig.class, registry.find("label-embedding").orElseThrow().configClass());
    }

    @Test
    void bindWithPyTorchsDefaults() throws Exception {
        assertEquals(new DropoutConfig(0.3), JSON.readValue("{\"rate\": 0.3}", DropoutConfig.class));
        assertEquals(new BatchNormConfig(0.1, 1e-5), JSON.readValue("{}", BatchNormConfig.class));
        assertEquals(new BatchNormConfig(0.01, 1e-3),
                JSON.readValue("{\"momentum\": 0.01, \"epsilon\": 1e-3}", BatchNormConfig.class));
        assertEquals(new LabelEmbeddingConfig(10, 50),
                JSON.readValue("{\"classes\": 10, \"dim\": 50}", LabelEmbeddingConfig.class));
    }

    @Test
    void missingAndUnknownFieldsAreRejected() {
        assertThrows(MismatchedInputException.class, () -> JSON.readValue("{}", DropoutConfig.class));
        assertThrows(MismatchedInputException.class, () -> JSON.readValue("{\"classes\": 10}",
                LabelEmbeddingConfig.class));
        UnrecognizedPropertyException e = assertThrows(UnrecognizedPropertyException.class,
                () -> JSON.readValue("{\"rate\": 0.3, \"p\": 0.5}", DropoutConfig.class));
        assertEquals("p", e.getPropertyName());
    }
}
