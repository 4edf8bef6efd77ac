package dev.gan4j.core.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gan4j.api.Backend;
import dev.gan4j.core.GanExperiment;
import dev.gan4j.core.TestBackends;
import dev.gan4j.core.checkpoint.CheckpointFiles;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Figures measured while a run trains: in the metrics, the curves and the report, and the best checkpoint kept. */
class EvaluationDuringTrainingTest {

    /** A made-up Fréchet distance per evaluated iteration: best (lowest) at iteration 6. */
    static final Map<Integer, Double> FID = Map.of(3, 5.0, 6, 2.0, 9, 4.0, 12, 3.0);

    @TempDir
    Path tmp;

    private final Backend backend = TestBackends.any();

    private RunResult train(Path dir, boolean resume, int stopAt) throws IOException {
        try (GanExperiment gan = GanExperiment.create(RunFixtures.config(RunFixtures.SMALL,
                "output.evaluateEvery=3"), RunFixtures.data(), backend)) {
            TrainingRun run = resume
                    ? TrainingRun.resume(gan, RunDirectory.open(dir), List.of(RunFixtures.FILE), List.of())
                    : new TrainingRun(gan, RunDirectory.createAt(dir), List.of(RunFixtures.FILE), List.of());
            run.evaluation(experiment -> Map.of("frechetDistance", FID.get(experiment.iteration())));
            return run.run((t, s) -> {
                if (s.iteration() == stopAt) {
                    t.requestStop();
                }
            });
        }
    }

    @Test
    void evaluationsReachMetricsCurvesReportAndPickTheBestCheckpoint() throws IOException {
        Path dir = tmp.resolve("run");
        train(dir, false, -1);
        MetricsHistory h = MetricsFile.read(dir.resolve(RunDirectory.METRICS));
        MetricsHistory.Series fid = h.evaluations().get("frechetDistance");
        assertEquals(4, fid.size());
        assertEquals(3.0, fid.last());
        assertTrue(Files.readString(dir.resolve(RunDirectory.METRICS))
                .contains("{\"iteration\":6,\"evaluation\":{\"frechetDistance\":2.0}}\n"));
        assertEquals(6, CheckpointFiles.read(dir.resolve("checkpoints/best.ckpt")).iteration());
        try (var files = Files.list(dir.resolve("checkpoints"))) {
            assertEquals(List.of("best.ckpt", "iter-000008.ckpt", "iter-000012.ckpt"),
                    files.map(p -> p.getFileName().toString()).sorted().toList(), "the newest 2, and the best");
        }
        BufferedImage curves = ImageIO.read(dir.resolve(RunDirectory.CURVES).toFile());
        assertEquals(2 * LossCurves.PANEL_HEIGHT, curves.getHeight(), "a second row for the evaluation panel");
        String report = Files.readString(dir.resolve(RunDirectory.REPORT));
        assertTrue(report.contains("<h2>Evaluation</h2>") && report.contains("<td>frechetDistance</td><td>3.000</td>"),
                report);
        assertTrue(report.contains("checkpoints/best.ckpt"), report);
    }

    @Test
    void aResumedRunRemembersTheBestSoFarAndMatches() throws IOException {
        Path straight = tmp.resolve("straight");
        train(straight, false, -1);
        Path dir = tmp.resolve("stopped");
        train(dir, false, 7);
        assertEquals(6, CheckpointFiles.read(dir.resolve("checkpoints/best.ckpt")).iteration());
        train(dir, true, -1);
        // 4.0 at 9 and 3.0 at 12 do not beat 2.0 at 6, measured before the stop
        assertEquals(6, CheckpointFiles.read(dir.resolve("checkpoints/best.ckpt")).iteration());
        assertEquals(-1L, Files.mismatch(straight.resolve("checkpoints/best.ckpt"), dir.resolve("checkpoints/best.ckpt")),
                "the same best checkpoint, byte for byte");
        RunFixtures.assertSameRun(straight, dir);
    }
}
