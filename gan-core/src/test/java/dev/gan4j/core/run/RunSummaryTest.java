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
        assertEquals("damaged", bad.state());
        assertEquals(9, bad.iterations());
        assertTrue(bad.message().startsWith("status.json unreadable: "), bad.message());
    }

    @Test
    void aRunWhoseMetricsCannotBeParsedIsDamagedNotFinished() throws Exception {
        Path run = tmp.resolve("run");
        RunFixtures.train(RunFixtures.config(RunFixtures.SMALL), TestBackends.any(), run, null);
        assertEquals("finished", RunSummary.read(run).state());
        String good = Files.readString(run.resolve(RunDirectory.METRICS));
        String firstLine = good.substring(0, good.indexOf('\n') + 1);

        Files.writeString(run.resolve(RunDirectory.METRICS), "\u0000\u0007garbage\nmore garbage\n");
        RunSummary garbage = RunSummary.read(run);
        assertEquals("damaged", garbage.state());
        assertEquals(0, garbage.iteration());
        assertTrue(garbage.message().startsWith("metrics.jsonl unreadable: line 1 is not JSON: "), garbage.message());

        for (String[] c : new String[][] {
            {firstLine + "[1, 2]\n", "metrics.jsonl unreadable: line 2 is not a JSON object"},
            {firstLine + "{\"iteration\": 2}trailing\n", "metrics.jsonl unreadable: line 2 is not JSON: "},
            {firstLine + "no newline, not an object", "metrics.jsonl unreadable: line 2 is not JSON"},
            {"binary", "metrics.jsonl unreadable: line 1 is not JSON"},
        }) {
            Files.writeString(run.resolve(RunDirectory.METRICS), c[0]);
            RunSummary r = RunSummary.read(run);
            assertEquals("damaged", r.state(), c[0]);
            assertTrue(r.message().startsWith(c[1]), r.message());
        }
        // a last line cut short by a crash is the start of an object: not damage
        Files.writeString(run.resolve(RunDirectory.METRICS), firstLine + "{\"iteration\": 2, \"d_lo");
        assertEquals("finished", RunSummary.read(run).state());

        Files.writeString(run.resolve(RunDirectory.METRICS), good);
        Files.writeString(run.resolve(RunDirectory.STATUS), "{\"state\": \"fini");
        RunSummary status = RunSummary.read(run);
        assertEquals("damaged", status.state());
        assertTrue(status.message().startsWith("status.json unreadable: "), status.message());
        assertEquals(12, status.iteration());
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
