package dev.gan4j.core.sweep;

import static dev.gan4j.core.sweep.SweepFixtures.BASE;
import static dev.gan4j.core.sweep.SweepFixtures.parse;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gan4j.core.config.ExperimentConfig;
import dev.gan4j.core.config.ExperimentException;
import dev.gan4j.core.config.ExperimentLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SweepFileTest {

    @TempDir
    Path tmp;

    private static String sweep(String fields) {
        return "{\"name\": \"s\", \"base\": " + BASE + ", " + fields + "}";
    }

    private static ExperimentException error(String json, String... overrides) {
        return assertThrows(ExperimentException.class, () -> parse(json, overrides));
    }

    @Test
    void aGridListsEveryCombinationLastPathFastestWithEachTrialsExperimentResolved() {
        SweepConfig c = parse(sweep("\"space\": {\"optimizers.generator.learningRate\": [0.01, 0.02], "
                + "\"training.batchSize\": {\"choice\": [4, 8, 16]}}, \"rungs\": [4, 12]"));
        List<Trial> trials = c.plan();
        assertEquals(6, c.trials());
        assertEquals(List.of("t000", "t001", "t002", "t003", "t004", "t005"), trials.stream().map(Trial::id).toList());
        assertEquals("optimizers.generator.learningRate=0.02, training.batchSize=4", trials.get(3).describe());
        ExperimentConfig e = ExperimentLoader.create().parse(trials.get(3).experimentJson(), "t003", List.of());
        assertEquals(4, e.training().batchSize());
        assertEquals(12, e.training().iterations(), "every trial is set to the full length");
        assertEquals(4, e.output().evaluateEvery(), "evaluated at every rung: the rungs' greatest common divisor");
    }

    @Test
    void aRandomSearchIsFixedByItsSeedAndDrawsInsideItsRanges() {
        String json = sweep("\"space\": {\"optimizers.generator.learningRate\": {\"log-uniform\": [1e-4, 1e-1]}, "
                + "\"optimizers.discriminator.momentum\": {\"uniform\": [0.1, 0.9]}, \"seed\": [1, 2, 3]}, "
                + "\"method\": \"random\", \"trials\": 20, \"seed\": 9, \"rungs\": [4, 12]");
        List<Trial> a = parse(json).plan();
        assertEquals(a.stream().map(Trial::describe).toList(), parse(json).plan().stream().map(Trial::describe)
                .toList());
        assertNotEquals(a.stream().map(Trial::describe).toList(), parse(json, "seed=10").plan().stream()
                .map(Trial::describe).toList());
        for (Trial t : a) {
            double lr = t.settings().get("optimizers.generator.learningRate").asDouble();
            double m = t.settings().get("optimizers.discriminator.momentum").asDouble();
            assertTrue(lr >= 1e-4 && lr <= 1e-1 && m >= 0.1 && m <= 0.9, t.describe());
            assertTrue(List.of(1, 2, 3).contains(t.settings().get("seed").asInt()), t.describe());
        }
    }

    @Test
    void rungsFromAFirstAndAFactorEndAtTheBasesLength() {
        SweepConfig c = parse(sweep("\"space\": {\"seed\": [1, 2, 3, 4, 5, 6, 7, 8, 9]}, "
                + "\"rungs\": {\"first\": 2, \"factor\": 3}, \"keep\": \"1/3\""), "base.training.iterations=30");
        assertEquals(List.of(2, 6, 18, 30), c.rungs());
        assertEquals(List.of(9, 3, 1, 1), List.of(c.trialsAt(0), c.trialsAt(1), c.trialsAt(2), c.trialsAt(3)));
        assertEquals(9 * 2 + 3 * 4 + 12 + 12, c.plannedIterations());
    }

    @Test
    void theResolvedSweepReadsBackEqual() throws Exception {
        SweepConfig c = parse(sweep("\"space\": {\"optimizers.generator.learningRate\": {\"log-uniform\": "
                + "[1e-4, 1e-1]}}, \"method\": \"random\", \"trials\": 3, \"rungs\": [4, 12], "
                + "\"budget\": {\"trials\": 5}"));
        Path dir = Files.createDirectories(tmp.resolve("s"));
        SweepConfig back = SweepFile.parse(c.toJson(), "sweep.json", dir, List.of());
        assertEquals(c.toJson(), back.toJson());
        assertEquals(c.plan().stream().map(Trial::experimentJson).toList(),
                back.plan().stream().map(Trial::experimentJson).toList());
    }

    @Test
    void aBaseFileIsReadRelativeToTheSweepFileWithItsOverrides() throws Exception {
        Files.writeString(tmp.resolve("base.json"), BASE);
        Path file = tmp.resolve("sweeps").resolve("s.json");
        Files.createDirectories(file.getParent());
        Files.writeString(file, "{\"name\": \"s\", \"base\": \"../base.json\", \"set\": {\"seed\": 11}, "
                + "\"space\": {\"training.batchSize\": [4, 8]}, \"rungs\": [6]}");
        SweepConfig c = SweepFile.load(file, List.of("base.training.samplesPerIteration=16"));
        ExperimentConfig e = ExperimentLoader.create().parse(c.plan().get(0).experimentJson(), "t", List.of());
        assertEquals(11, e.seed());
        assertEquals(16, e.training().samplesPerIteration());
        assertEquals(6, e.training().iterations());
    }

    @Test
    void mistakesAreNamedByTheirJsonPath() {
        String space = "\"space\": {\"seed\": [1, 2]}, ";
        assertEquals("test-sweep.json: $.rungz: unknown field; a sweep has base, budget, description, keep, method, "
                + "name, objective, rungs, seed, set, space, trials", error(sweep(space + "\"rungz\": [4]")).getMessage());
        assertTrue(error(sweep(space + "\"rungs\": [4, 4]")).getMessage().startsWith("test-sweep.json: $.rungs[1]: "));
        assertTrue(error(sweep("\"space\": {\"optimizers.generator.learningRate\": {\"uniform\": [0.1, 0.01]}}, "
                + "\"method\": \"random\", \"trials\": 2, \"rungs\": [4]")).getMessage().contains(
                "$.space['optimizers.generator.learningRate']['uniform']: expected low < high"));
        assertTrue(error(sweep("\"space\": {\"optimizers.generator.learningRate\": {\"uniform\": [0.01, 0.1]}}, "
                + "\"rungs\": [4]")).getMessage().contains("a grid needs a list of values"));
        assertTrue(error(sweep(space + "\"rungs\": [4], \"objective\": {\"metric\": \"fid\"}")).getMessage()
                .startsWith("test-sweep.json: $.objective.metric: expected one of the evaluation's figures"));
        assertTrue(error(sweep(space + "\"rungs\": [4], \"keep\": 2")).getMessage().contains("$.keep"));
        assertTrue(error(sweep(space + "\"rungs\": [4], \"method\": \"random\"")).getMessage().contains("$.trials"));
        assertTrue(error(sweep(space + "\"rungs\": [4], \"budget\": {\"trials\": 1}")).getMessage()
                .contains("the sweep has 2 trials, over the budget of 1"));
        assertTrue(error(sweep(space + "\"rungs\": [4, 12], \"budget\": {\"iterations\": 15}")).getMessage()
                .contains("successive halving runs up to 16 iterations, over the budget of 15"));
    }

    @Test
    void aBadPathOrValueInTheSpaceFailsBeforeAnythingTrainsNamingTheTrial() {
        ExperimentException e = error(sweep("\"space\": {\"optimizers.generator.lerningRate\": [0.1]}, "
                + "\"rungs\": [4]"));
        assertTrue(e.getMessage().startsWith("trial t000 (optimizers.generator.lerningRate=0.1) is not a valid "
                + "experiment: "), e.getMessage());
        assertTrue(e.getMessage().contains("lerningRate"), e.getMessage());
        e = error(sweep("\"space\": {\"training.batchSize\": [8, -1]}, \"rungs\": [4]"));
        assertTrue(e.getMessage().startsWith("trial t001 (training.batchSize=-1)"), e.getMessage());
    }

    @Test
    void sweepOverridesSetTheSweepsOwnFields() throws Exception {
        SweepConfig c = parse(sweep("\"space\": {\"seed\": [1, 2]}, \"rungs\": [4]"), "rungs=[2,6]",
                "objective.metric=classifierScore");
        assertEquals(List.of(2, 6), c.rungs());
        assertEquals(new Objective("classifierScore", false), c.objective());
        assertEquals("max", new ObjectMapper().readTree(c.toJson()).path("objective").path("goal").asText());
    }
}
