package dev.gan4j.core.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Run directories are claimed, never shared: not by runs started in the same second, not by an explicit path. */
class RunDirectoryTest {

    private static final LocalDateTime NOON = LocalDateTime.of(2025, 11, 25, 12, 0, 0);

    @TempDir
    Path runs;

    @Test
    void runsStartedInTheSameSecondGetDistinctDirectories() {
        Path first = RunDirectory.createUnder(runs, "exp", NOON).path();
        Path second = RunDirectory.createUnder(runs, "exp", NOON).path();
        Path third = RunDirectory.createUnder(runs, "exp", NOON).path();
        assertEquals(runs.resolve("exp-20251125-120000"), first);
        assertEquals(runs.resolve("exp-20251125-120000-2"), second);
        assertEquals(runs.resolve("exp-20251125-120000-3"), third);
        assertEquals(runs.resolve("other-20251125-120000"), RunDirectory.createUnder(runs, "other", NOON).path());
    }

    @Test
    void concurrentRunsStartedInTheSameSecondGetDistinctDirectories() throws Exception {
        int n = 16;
        ExecutorService pool = Executors.newFixedThreadPool(n);
        try {
            List<Callable<Path>> tasks = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                tasks.add(() -> RunDirectory.createUnder(runs, "exp", NOON).path());
            }
            Set<Path> claimed = new HashSet<>();
            for (Future<Path> f : pool.invokeAll(tasks)) {
                assertTrue(claimed.add(f.get()), "claimed twice: " + f.get());
            }
            assertEquals(n, claimed.size());
            try (var listing = Files.list(runs)) {
                assertEquals(n, listing.count());
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void anExplicitDirectoryMustHoldNothingARunWrites() throws Exception {
        // the user's own files under a run's names: any one of them is in the way, a link included
        for (String f : List.of("report.html", "curves.png", "final.png", "samples", "metrics.jsonl", "status.json",
                "provenance.json", "checkpoints", ".lock")) {
            Path mine = Files.createDirectories(runs.resolve("mine-" + f));
            Path file = mine.resolve(f);
            Files.createSymbolicLink(file, runs.resolve("nowhere"));
            assertEquals(mine + " holds " + f + ", which a run would overwrite, and it is not a gan4j run (no "
                    + "config.json); choose a new or empty directory",
                    assertThrows(RunException.class, () -> RunDirectory.createAt(mine)).getMessage());
            assertTrue(Files.isSymbolicLink(file));
            try (var listing = Files.list(mine)) {
                assertEquals(1, listing.count(), "nothing created beside " + f);
            }
        }
        Path other = Files.createDirectories(runs.resolve("other"));
        Files.writeString(other.resolve("notes.txt"), "x");
        RunDirectory.requireUsable(other);
    }

    @Test
    void anExplicitDirectoryMustNotHoldARun() throws Exception {
        Path used = RunDirectory.createAt(runs.resolve("a")).path();
        Files.writeString(used.resolve(RunDirectory.CONFIG), "{}");
        Files.writeString(used.resolve(RunDirectory.METRICS), "{\"iteration\": 1}\n");
        RunException e = assertThrows(RunException.class, () -> RunDirectory.createAt(used));
        assertEquals(used + " already holds a run (it has config.json); runs are never overwritten, so choose a new "
                + "directory", e.getMessage());
        assertEquals("{\"iteration\": 1}\n", Files.readString(used.resolve(RunDirectory.METRICS)));

        Path file = Files.writeString(runs.resolve("file"), "x");
        assertEquals(file + " exists and is not a directory; a run needs a directory of its own",
                assertThrows(RunException.class, () -> RunDirectory.requireUsable(file)).getMessage());
        Path under = file.resolve("deeper/run");
        assertEquals("cannot create run directory " + under + ": " + file + " is a file, not a directory",
                assertThrows(RunException.class, () -> RunDirectory.createAt(under)).getMessage());

        RunDirectory.requireUsable(runs.resolve("not/yet/there"));
        assertTrue(Files.notExists(runs.resolve("not")), "checking creates nothing");
    }
}
