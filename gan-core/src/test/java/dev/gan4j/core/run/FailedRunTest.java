package dev.gan4j.core.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gan4j.api.Backend;
import dev.gan4j.core.TestBackends;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A run that fails part-way (a file it cannot write) records why, keeps its checkpoints, and resumes to the same numbers. */
class FailedRunTest {

    @TempDir
    Path tmp;

    @Test
    void aFailureIsRecordedAndTheRunResumesFromItsLastCheckpoint() throws IOException {
        Backend b = TestBackends.any();
        Path straight = tmp.resolve("straight");
        RunFixtures.train(RunFixtures.config(RunFixtures.SMALL), b, straight, null);

        Path run = tmp.resolve("run");
        Path samples = run.resolve(RunDirectory.SAMPLES);
        RunException e = assertThrows(RunException.class, () -> RunFixtures.train(RunFixtures.config(RunFixtures.SMALL), b,
                run, (t, s) -> {
                    if (s.iteration() == 7) {
                        // the grid of iteration 9 cannot be written where a file stands in for samples/
                        try {
                            try (var files = Files.list(samples)) {
                                for (Path p : files.toList()) {
                                    Files.delete(p);
                                }
                            }
                            Files.delete(samples);
                            Files.writeString(samples, "in the way");
                        } catch (IOException x) {
                            throw new UncheckedIOException(x);
                        }
                    }
                }));
        RunStatus status = RunStatus.read(run.resolve(RunDirectory.STATUS)).orElseThrow();
        assertEquals(RunStatus.State.FAILED, status.state());
        assertEquals(9, status.iteration());
        assertEquals("failed", status.events().get(status.events().size() - 1).kind());
        assertTrue(status.message().contains("samples"), status.message() + " / " + e);
        // a file that cannot be written is the user's to fix: the message says which and how to go on
        assertTrue(e.getMessage().startsWith("cannot write " + samples.toAbsolutePath()), e.getMessage());
        assertTrue(e.getMessage().endsWith("its last good checkpoint is " + run.resolve(RunDirectory.CHECKPOINTS)
                .resolve("iter-000008.ckpt") + " (iteration 8); once there is room (or the directory is writable again), continue with: "
                + "gan train --resume " + run), e.getMessage());
        assertEquals(e.getMessage(), status.message());
        assertTrue(Files.readString(run.resolve(RunDirectory.REPORT)).contains("badge failed"));
        assertEquals("failed", RunSummary.read(run).state());

        Files.delete(samples);
        Files.createDirectories(samples);
        RunResult resumed = RunFixtures.resume(RunFixtures.config(RunFixtures.SMALL), b, run, new ArrayList<>());
        assertEquals(8, resumed.firstIteration(), "from the last checkpoint before the failure");
        assertEquals(RunFixtures.withoutSeconds(straight.resolve(RunDirectory.METRICS)),
                RunFixtures.withoutSeconds(run.resolve(RunDirectory.METRICS)));
    }
}
