package dev.gan4j.core.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gan4j.api.Backend;
import dev.gan4j.api.SeededRandom;
import dev.gan4j.core.GanExperiment;
import dev.gan4j.core.TestBackends;
import dev.gan4j.core.config.ExperimentConfig;
import dev.gan4j.core.config.ExperimentException;
import dev.gan4j.core.eval.ClassifierData;
import dev.gan4j.core.eval.ClassifierTraining;
import dev.gan4j.core.eval.EvaluationClassifier;
import dev.gan4j.core.eval.Evaluator;
import dev.gan4j.core.eval.GeneratorEvaluation;
import dev.gan4j.core.eval.MlpArchitecture;
import dev.gan4j.core.train.ArrayDataset;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Evaluation during a run: figures in metrics.jsonl, the best checkpoint, and training left as it was. */
class RunEvaluationTest {

    final Backend backend = TestBackends.any();

    @TempDir
    Path tmp;

    /** A classifier of the fixture's 16-value samples into "dark" and "bright" by their mean. */
    GeneratorEvaluation evaluation() {
        float[] values = new float[400 * 16];
        new SeededRandom(3).fillUniform(values, 0, 1);
        int[] labels = new int[400];
        for (int i = 0; i < 400; i++) {
            double sum = 0;
            for (int j = 0; j < 16; j++) {
                sum += values[i * 16 + j];
            }
            labels[i] = sum > 8 ? 1 : 0;
        }
        ArrayDataset labelled = new ArrayDataset(values, labels, 16, 2, 500);
        EvaluationClassifier classifier = EvaluationClassifier.train(backend,
                new MlpArchitecture(16, List.of(8), 0.2f, 2), new ClassifierTraining(3, 20, 1e-2, 0.2, 1, 0),
                new ClassifierData(labelled, Map.of(), 0f, 1f), null);
        return new GeneratorEvaluation(Evaluator.of(classifier, labelled), 150, 5, 0f, 1f);
    }

    @Test
    void figuresGoToTheMetricsEveryNIterationsAndAfterTheLast() throws IOException {
        ExperimentConfig config = RunFixtures.config(RunFixtures.SMALL, "output.evaluateEvery=5",
                "output.evaluateSamples=150");
        Path run = tmp.resolve("evaluated");
        try (GanExperiment gan = GanExperiment.create(config, RunFixtures.data(), backend)) {
            new TrainingRun(gan, RunDirectory.createAt(run), List.of(RunFixtures.FILE), List.of())
                    .evaluation(evaluation()).run(null);
        }
        MetricsHistory history = MetricsFile.read(run.resolve(RunDirectory.METRICS));
        assertEquals(List.of("frechetDistance", "classifierScore", "precision", "recall", "modes", "klFromUniform"),
                List.copyOf(history.evaluations().keySet()));
        MetricsHistory.Series fd = history.evaluations().get("frechetDistance");
        assertEquals(3, fd.size());
        assertEquals(List.of(5, 10, 12), List.of(fd.iteration(0), fd.iteration(1), fd.iteration(2)));
        assertTrue(Files.isRegularFile(run.resolve("checkpoints/best.ckpt")), "the best evaluation is kept");
        // every evaluation line names its judge, and the report shows it
        assertEquals("mlp", history.evaluationJudge());
        assertTrue(Files.readAllLines(run.resolve(RunDirectory.METRICS)).stream()
                .filter(l -> l.contains("evaluation")).allMatch(l -> l.contains(",\"judge\":\"mlp\",")));
        assertTrue(Files.readString(run.resolve(RunDirectory.REPORT))
                .contains("Measured with the <span class=\"judge\">mlp</span> evaluation classifier."));

        // evaluating draws its own noise through the sampling call site: training is unchanged
        Path plain = tmp.resolve("plain");
        RunFixtures.train(config, backend, plain, null);
        List<String> trainingLines = RunFixtures.withoutSeconds(run.resolve(RunDirectory.METRICS)).stream()
                .filter(l -> !l.contains("evaluation")).toList();
        assertEquals(RunFixtures.withoutSeconds(plain.resolve(RunDirectory.METRICS)), trainingLines);
        assertTrue(MetricsFile.read(plain.resolve(RunDirectory.METRICS)).evaluations().isEmpty(),
                "without an evaluator a run does not evaluate, whatever the experiment asks");
    }

    @Test
    void evaluationSettingsAreCheckedWithTheExperiment() {
        ExperimentConfig defaults = RunFixtures.config(RunFixtures.SMALL);
        assertEquals(0, defaults.output().evaluateEvery());
        assertEquals(2000, defaults.output().evaluateSamples());
        var e = assertThrows(ExperimentException.class,
                () -> RunFixtures.config(RunFixtures.SMALL, "output.evaluateSamples=5"));
        assertTrue(e.getMessage().contains("evaluateSamples must be in [100, 100000], got 5"), e.getMessage());
        e = assertThrows(ExperimentException.class,
                () -> RunFixtures.config(RunFixtures.SMALL, "output.evaluateEvery=-1"));
        assertTrue(e.getMessage().contains("evaluateEvery must be >= 0"), e.getMessage());
    }

    @Test
    void evaluationLinesAreJsonWithNullForNonFiniteFigures() throws IOException {
        Path file = tmp.resolve("metrics.jsonl");
        Map<String, Double> figures = new LinkedHashMap<>();
        figures.put("frechetDistance", 12.5);
        figures.put("recall", Double.NaN);
        try (MetricsLog log = MetricsLog.open(file)) {
            log.appendEvaluation(7, figures);
            log.appendEvaluation(8, Map.of());
            log.appendEvaluation(9, "cnn", Map.of("modes", 10.0));
            var e = assertThrows(IllegalArgumentException.class,
                    () -> log.appendEvaluation(9, Map.of("bad \"name\"", 1.0)));
            assertTrue(e.getMessage().contains("letters, digits and underscores"), e.getMessage());
            e = assertThrows(IllegalArgumentException.class,
                    () -> log.appendEvaluation(9, "a \"judge\"", Map.of()));
            assertTrue(e.getMessage().contains("evaluation judge 'a \"judge\"'"), e.getMessage());
        }
        assertEquals(List.of("{\"iteration\":7,\"evaluation\":{\"frechetDistance\":12.5,\"recall\":null}}",
                "{\"iteration\":8,\"evaluation\":{}}", "{\"iteration\":9,\"judge\":\"cnn\",\"evaluation\":{\"modes\":10.0}}"),
                Files.readAllLines(file));
        // the judge is not a figure; the history keeps it apart
        MetricsHistory history = MetricsFile.read(file);
        assertEquals("cnn", history.evaluationJudge());
        assertEquals(List.of("frechetDistance", "modes"), List.copyOf(history.evaluations().keySet()));
    }
}
