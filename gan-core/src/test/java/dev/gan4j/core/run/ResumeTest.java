package dev.gan4j.core.run;

import static dev.gan4j.core.run.RunFixtures.FILE;
import static dev.gan4j.core.run.RunFixtures.SMALL;
import static dev.gan4j.core.run.RunFixtures.assertSameRun;
import static dev.gan4j.core.run.RunFixtures.config;
import static dev.gan4j.core.run.RunFixtures.data;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gan4j.api.Backend;
import dev.gan4j.core.GanExperiment;
import dev.gan4j.core.TestBackends;
import dev.gan4j.core.checkpoint.CheckpointFiles;
import dev.gan4j.core.config.ExperimentConfig;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Stopping a run and resuming it gives the files an uninterrupted run gives. */
class ResumeTest {

    @TempDir
    Path tmp;

    static Stream<Backend> backends() {
        return TestBackends.all();
    }

    private Path straight(Backend b) throws IOException {
        Path dir = tmp.resolve("straight");
        RunResult r = RunFixtures.train(config(SMALL), b, dir, null);
        assertTrue(r.completed());
        assertEquals(RunStatus.State.FINISHED, r.state());
        return dir;
    }

    /** Trains to iteration {@code k} and stops there, as Ctrl-C does. */
    private Path stoppedAt(Backend b, int k) throws IOException {
        Path dir = tmp.resolve("stopped-at-" + k);
        RunResult r = RunFixtures.train(config(SMALL), b, dir, (t, s) -> {
            if (s.iteration() == k) {
                t.requestStop();
            }
        });
        assertFalse(r.completed());
        assertEquals(RunStatus.State.INTERRUPTED, r.state());
        assertEquals(k, r.iterations());
        assertTrue(Files.exists(dir.resolve("checkpoints").resolve(String.format("iter-%06d.ckpt", k))),
                "a stopped run writes a checkpoint of its last iteration");
        assertTrue(Files.exists(dir.resolve(RunDirectory.REPORT)));
        return dir;
    }

    @ParameterizedTest
    @MethodSource("backends")
    void aRunStoppedAndResumedWritesWhatAnUninterruptedRunWrites(Backend b) throws IOException {
        Path expected = straight(b);
        for (int k : new int[] {1, 5, 8}) { // before the first checkpoint, between two, on one
            Path dir = stoppedAt(b, k);
            List<String> notices = new ArrayList<>();
            RunResult r = RunFixtures.resume(config(SMALL), b, dir, notices);
            assertEquals(List.of(), notices);
            assertTrue(r.completed());
            assertEquals(k, r.firstIteration());
            assertEquals(12, r.iterations());
            assertSameRun(expected, dir);
            RunStatus status = RunStatus.read(dir.resolve(RunDirectory.STATUS)).orElseThrow();
            assertEquals(RunStatus.State.FINISHED, status.state());
            assertEquals(List.of("started", "interrupted", "resumed", "finished"),
                    status.events().stream().map(RunStatus.Event::kind).toList());
        }
    }

    @Test
    void aKilledRunsPartialLinesAndLinesAfterItsCheckpointAreCutOff() throws IOException {
        Backend b = TestBackends.any();
        Path expected = straight(b);
        Path dir = stoppedAt(b, 8);
        // what a kill -9 after iteration 10, in the middle of writing line 11 and a checkpoint, leaves
        Files.writeString(dir.resolve(RunDirectory.METRICS), """
                {"iteration":9,"d_loss":0.1,"g_loss":0.2,"d_real":0.5,"d_fake":0.5,"seconds":0.01}
                {"iteration":10,"d_loss":0.1,"g_loss":0.2,"d_real":0.5,"d_fake":0.5,"seconds":0.01}
                {"iteration":11,"d_lo""", StandardOpenOption.APPEND);
        Files.writeString(dir.resolve("checkpoints").resolve(".iter-000012.ckpt12345.tmp"), "torn");
        Files.write(dir.resolve("samples").resolve("iter-000009.png"), new byte[] {1, 2, 3});
        RunStatus running = RunStatus.read(dir.resolve(RunDirectory.STATUS)).orElseThrow()
                .with(RunStatus.State.RUNNING, 10, "");
        running.write(dir.resolve(RunDirectory.STATUS));

        List<String> notices = new ArrayList<>();
        RunFixtures.resume(config(SMALL), b, dir, notices);
        assertEquals(1, notices.size(), notices.toString());
        assertTrue(notices.get(0).contains("not stopped cleanly"), notices.get(0));
        assertSameRun(expected, dir);
        assertFalse(Files.exists(dir.resolve("checkpoints").resolve(".iter-000012.ckpt12345.tmp")));
    }

    @Test
    void aDamagedNewestCheckpointIsSetAsideWithAWarningNamingIt() throws IOException {
        Backend b = TestBackends.any();
        Path expected = straight(b);
        Path dir = stoppedAt(b, 10);
        Path newest = dir.resolve("checkpoints").resolve("iter-000010.ckpt");
        byte[] bytes = Files.readAllBytes(newest);
        bytes[bytes.length / 2] ^= 0x40;
        Files.write(newest, bytes);

        List<String> notices = new ArrayList<>();
        RunResult r = RunFixtures.resume(config(SMALL), b, dir, notices);
        assertEquals(8, r.firstIteration());
        assertEquals(1, notices.size(), notices.toString());
        assertTrue(notices.get(0).contains(newest.toString()) && notices.get(0).contains("checksum"), notices.get(0));
        assertTrue(Files.exists(dir.resolve("checkpoints").resolve("iter-000010.ckpt.corrupt")));
        assertSameRun(expected, dir);
    }

    @Test
    void withNoIntactCheckpointTheRunStartsOverAndStillMatches() throws IOException {
        Backend b = TestBackends.any();
        Path expected = straight(b);
        Path dir = stoppedAt(b, 6);
        try (var files = Files.list(dir.resolve("checkpoints"))) {
            for (Path p : files.toList()) {
                Files.write(p, "not a checkpoint".getBytes(StandardCharsets.US_ASCII));
            }
        }
        List<String> notices = new ArrayList<>();
        RunResult r = RunFixtures.resume(config(SMALL), b, dir, notices);
        assertEquals(0, r.firstIteration());
        assertTrue(notices.get(notices.size() - 1).contains("starting the run over"), notices.toString());
        assertSameRun(expected, dir);
    }

    @Test
    void keepsTheNewestCheckpointsOnly() throws IOException {
        Path dir = straight(TestBackends.any());
        try (var files = Files.list(dir.resolve("checkpoints"))) {
            // every 4 of 12 iterations, keeping 2: 8 and 12 (0 and 4 deleted)
            assertEquals(List.of("iter-000008.ckpt", "iter-000012.ckpt"),
                    files.map(p -> p.getFileName().toString()).sorted().toList());
        }
        assertEquals(12, CheckpointFiles.read(dir.resolve("checkpoints/iter-000012.ckpt")).iteration());
    }

    @Test
    void aFinishedRunCanBeExtendedAndMatchesALongerRun() throws IOException {
        Backend b = TestBackends.any();
        Path longer = tmp.resolve("longer");
        RunFixtures.train(config(SMALL, "training.iterations=16"), b, longer, null);
        Path dir = straight(b);
        RunResult r = RunFixtures.resume(config(SMALL, "training.iterations=16"), b, dir, new ArrayList<>());
        assertEquals(12, r.firstIteration());
        assertEquals(16, r.iterations());
        assertSameRun(longer, dir);
        assertEquals(16, ExperimentLoaderHolder.iterations(dir));
    }

    @Test
    void refusesToResumeWithAnotherExperiment() throws IOException {
        Backend b = TestBackends.any();
        Path dir = stoppedAt(b, 4);
        RunException e = assertThrows(RunException.class,
                () -> RunFixtures.resume(config(SMALL, "seed=8"), b, dir, new ArrayList<>()));
        assertTrue(e.getMessage().contains("$.seed was 7, is 8"), e.getMessage());
    }

    @Test
    void refusesToResumeARunAnotherProcessIsTraining() throws IOException {
        Backend b = TestBackends.any();
        Path dir = stoppedAt(b, 4);
        ExperimentConfig c = config(SMALL);
        try (GanExperiment gan = GanExperiment.create(c, data(), b);
                RunLock held = RunLock.acquire(RunDirectory.open(dir))) {
            RunException e = assertThrows(RunException.class, () -> TrainingRun.resume(gan, RunDirectory.open(dir),
                    List.of(FILE), List.of()).run(null));
            assertTrue(e.getMessage().contains("being trained by another process"), e.getMessage());
        }
    }

    /** Reads the iteration count of a run's config.json. */
    static final class ExperimentLoaderHolder {
        static int iterations(Path dir) {
            return dev.gan4j.core.config.ExperimentLoader.create().load(dir.resolve(RunDirectory.CONFIG)).training()
                    .iterations();
        }
    }
}
