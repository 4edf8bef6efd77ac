package dev.gan4j.core.optim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import dev.gan4j.api.Backend;
import dev.gan4j.api.Optimizer;
import dev.gan4j.core.TestBackends;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Learning-rate schedules: their factors, how they drive an optimiser, and their JSON. */
class LearningRateScheduleTest {

    static final ObjectMapper JSON = new ObjectMapper().enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    @Test
    void stepHalvesEveryNIterations() {
        LearningRateSchedule s = new LearningRateSchedule.Step(1000, 0.5);
        assertEquals(1, s.factor(0));
        assertEquals(1, s.factor(999));
        assertEquals(0.5, s.factor(1000));
        assertEquals(0.25, s.factor(2500));
    }

    @Test
    void exponentialMultipliesEveryIteration() {
        LearningRateSchedule s = new LearningRateSchedule.Exponential(0.9);
        assertEquals(1, s.factor(0));
        assertEquals(0.9 * 0.9 * 0.9, s.factor(3), 1e-15);
    }

    @Test
    void linearDecayHoldsThenFallsToTheFinalFactor() {
        LearningRateSchedule s = new LearningRateSchedule.LinearDecay(100, 300, 0.2);
        assertEquals(1, s.factor(0));
        assertEquals(1, s.factor(100));
        assertEquals(0.6, s.factor(200), 1e-12);
        assertEquals(0.2, s.factor(300));
        assertEquals(0.2, s.factor(10_000));
    }

    @Test
    void drivesAnOptimiserToBaseRateTimesFactorWhateverItsRateWas() {
        Backend b = TestBackends.any();
        AdamConfig config = new AdamConfig(2e-4, 0.5, 0.999, 1e-8, 0, new LearningRateSchedule.LinearDecay(0, 4, 0));
        Optimizer adam = config.create(b);
        double[] expected = {2e-4, 1.5e-4, 1e-4, 0.5e-4, 0, 0};
        for (int t = 0; t < expected.length; t++) {
            adam.setLearningRate(config.schedule().rate(config.learningRate(), t));
            assertEquals(expected[t], adam.learningRate(), 1e-18, "iteration " + t);
        }
        // a resumed run: the optimiser comes back with the float-rounded rate it saved
        Optimizer resumed = config.create(b);
        resumed.importState(Map.of("step", new float[] {3}, "learningRate", new float[] {(float) 1e-4}));
        resumed.setLearningRate(config.schedule().rate(config.learningRate(), 3));
        assertEquals(0.5e-4, resumed.learningRate(), 1e-18);
        // from a rate of 0 a schedule can go back up: the rate is set, not scaled
        adam.setLearningRate(config.schedule().rate(config.learningRate(), 1));
        assertEquals(1.5e-4, adam.learningRate(), 1e-18);
    }

    @Test
    void constantIsTheDefaultAndLeavesTheRateAlone() {
        Backend b = TestBackends.any();
        SgdConfig config = new SgdConfig(2, 0.5, 1e-4);
        assertEquals(LearningRateSchedule.CONSTANT, config.schedule());
        Optimizer sgd = config.create(b);
        sgd.setLearningRate(config.schedule().rate(config.learningRate(), 12345));
        assertEquals(2, sgd.learningRate());
    }

    @Test
    void bindsFromAnOptimisersJson() throws Exception {
        OptimizerConfig adam = JSON.readValue("""
                {"type": "adam", "learningRate": 2e-4, "beta1": 0.5,
                 "schedule": {"type": "step", "every": 1000, "factor": 0.5}}""", OptimizerConfig.class);
        assertEquals(new LearningRateSchedule.Step(1000, 0.5), adam.schedule());
        OptimizerConfig rms = JSON.readValue("""
                {"type": "rmsprop", "learningRate": 5e-5, "schedule": {"type": "linear-decay", "end": 2000}}""",
                OptimizerConfig.class);
        assertEquals(new LearningRateSchedule.LinearDecay(0, 2000, 0), rms.schedule());
        OptimizerConfig sgd = JSON.readValue("""
                {"type": "sgd", "learningRate": 2, "schedule": {"type": "exponential", "factor": 0.999}}""",
                OptimizerConfig.class);
        assertInstanceOf(LearningRateSchedule.Exponential.class, sgd.schedule());
        assertEquals(LearningRateSchedule.CONSTANT,
                JSON.readValue("{\"type\": \"sgd\", \"learningRate\": 2}", OptimizerConfig.class).schedule());
    }

    @Test
    void badSchedulesAreClearErrors() {
        assertEquals("end (10) must be greater than start (10)", assertThrows(IllegalArgumentException.class,
                () -> new LearningRateSchedule.LinearDecay(10, 10, 0)).getMessage());
        assertEquals("factor must be > 0.0 and <= 1.0, got 1.5", assertThrows(IllegalArgumentException.class,
                () -> new LearningRateSchedule.Step(10, 1.5)).getMessage());
        assertEquals("every must be positive, got 0", assertThrows(IllegalArgumentException.class,
                () -> new LearningRateSchedule.Step(0, 0.5)).getMessage());
        ValueInstantiationException e = assertThrows(ValueInstantiationException.class, () -> JSON.readValue(
                "{\"type\": \"sgd\", \"learningRate\": 1, \"schedule\": {\"type\": \"step\", \"every\": -5, "
                        + "\"factor\": 0.5}}", OptimizerConfig.class));
        assertEquals("every must be positive, got -5", e.getCause().getMessage());
    }
}
