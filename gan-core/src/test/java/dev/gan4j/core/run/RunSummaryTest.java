package dev.gan4j.core.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gan4j.core.TestBackends;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunSummaryTest {

    @TempDir
    Path tmp;

    @Test
    void summarisesFinishedInterruptedKilledAndDamagedRuns() throws Exception {
        var b = TestBackends.any();
        RunFixtures.train(RunFixtures.config(RunFixtures.SMALL), b, tmp.resolve("a-finished"), null);
        RunFixtures.train(RunFixtures.config(RunFixtures.SMALL), b, tmp.resolve("b-stopped"), (t, s) -> {
            if (s.iteration() == 5) {
                t.requestStop();
            }
        });
        Path killed = tmp.resolve("c-killed");
        RunFixtures.train(RunFixtures.config(RunFixtures.SMALL), b, killed, null);
        // as a run killed by SIGKILL leaves it: "running", by a process that no longer exists
        Process gone = new ProcessBuilder("true").start();
        gone.waitFor();
        RunStatus s = RunStatus.read(killed.resolve(RunDirectory.STATUS)).orElseThrow();
        new RunStatus(RunStatus.State.RUNNING, 8, 12, "", s.updated(), gone.pid(), "", 0, s.events())
                .write(killed.resolve(RunDirectory.STATUS));
        Files.writeString(killed.resolve(RunDirectory.METRICS), "{\"iteration\":13,\"evaluation\":{\"fid\":4.5}}\n"
                + "{\"iteration\":14,\"d_lo", StandardOpenOption.APPEND);
        Files.createDirectories(tmp.resolve("not-a-run"));
        Path damaged = tmp.resolve("d-damaged");
        Files.createDirectories(damaged);
        Files.writeString(damaged.resolve(RunDirectory.CONFIG), "{\"name\": \"x\", \"training\": {\"iterations\": 9}}");
        Files.writeString(damaged.resolve(RunDirectory.STATUS), "[1, 2");

        List<RunSummary> runs = RunSummary.list(tmp);
        assertEquals(List.of("d-damaged", "a-finished", "b-stopped", "c-killed"),
                runs.stream().map(r -> r.directory().getFileName().toString()).toList(), "unstarted first, then by start");
        RunSummary finished = runs.get(1);
        assertEquals("small", finished.experiment());
        assertEquals("finished", finished.state());
        assertEquals(12, finished.iteration());
        assertEquals(12, finished.iterations());
        assertTrue(Double.isFinite(finished.dLoss()) && Double.isFinite(finished.gLoss()));
        assertTrue(finished.started().endsWith("Z"));
        assertEquals(Map.of(), finished.evaluation());
        assertEquals("interrupted", runs.get(2).state());
        assertEquals(5, runs.get(2).iteration());
        assertEquals("killed", runs.get(3).state());
        assertEquals(Map.of("fid", 4.5), runs.get(3).evaluation());
        assertEquals(12, runs.get(3).iteration());
        RunSummary bad = runs.get(0);
        assertEquals("unknown", bad.state());
        assertEquals(9, bad.iterations());
        assertTrue(bad.message().startsWith("status.json unreadable: "), bad.message());
    }

    @Test
    void aLiveProcessIsRunning() throws Exception {
        RunStatus mine = RunStatus.starting(10);
        assertEquals("running", mine.displayState());
        assertEquals(ProcessHandle.current().pid(), mine.pid());
        RunStatus reused = new RunStatus(RunStatus.State.RUNNING, 0, 10, "", mine.updated(), mine.pid(),
                "2001-01-01T00:00:00Z", 0, List.of());
        assertEquals("killed", reused.displayState(), "same pid, another process start: the pid was reused");
    }
}
