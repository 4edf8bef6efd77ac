package dev.gan4j.core.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

class ExperimentDifferenceTest {

    private static final String SAVED = """
            {"name": "t", "backend": "ejml", "description": "a", "output": {"sampleEvery": 10},
             "training": {"iterations": 100, "batchSize": 64},
             "optimizers": {"discriminator": {"type": "adam", "learningRate": 0.001},
                            "generator": {"type": "adam", "learningRate": 0.002}},
             "generator": [{"type": "dense", "units": 128}, {"type": "tanh"}]}
            """;

    @Test
    void whatAResumeMayChangeIsNoDifference() throws Exception {
        String current = SAVED.replace("\"ejml\"", "\"nd4j\"").replace("\"a\"", "\"b\"").replace("10}", "20}")
                .replace("100", "500").replace("0.001", "0.0005").replace("0.002", "0.001");
        assertNull(ExperimentDifference.between(SAVED, current));
    }

    @Test
    void aChangedValueIsNamedByItsPath() throws Exception {
        assertEquals("$.generator[0].units was 128, is 256",
                ExperimentDifference.between(SAVED, SAVED.replace("128", "256")));
        assertEquals("$.training.batchSize was 64, is missing",
                ExperimentDifference.between(SAVED, SAVED.replace(", \"batchSize\": 64", "")));
        assertEquals("$.optimizers.generator.type was \"adam\", is \"sgd\"",
                ExperimentDifference.between(SAVED, SAVED.replace("\"adam\", \"learningRate\": 0.002",
                        "\"sgd\", \"learningRate\": 0.002")));
    }

    @Test
    void aNewFieldAndAnotherLayerCountAreDifferences() throws Exception {
        assertEquals("$.seed is new", ExperimentDifference.between(SAVED, SAVED.replace("\"t\",", "\"t\", \"seed\": 3,")));
        assertEquals("$.generator was [{\"type\":\"dense\",\"units\":128},{\"type\":\"tanh\"}], is "
                + "[{\"type\":\"dense\",\"units\":128}]",
                ExperimentDifference.between(SAVED, SAVED.replace(", {\"type\": \"tanh\"}", "")));
    }

    @Test
    void aCheckpointWithoutItsExperimentMatchesAny() throws Exception {
        assertNull(ExperimentDifference.between(null, SAVED));
    }
}
