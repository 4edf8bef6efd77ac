package dev.gan4j.core.sweep;

import static dev.gan4j.core.sweep.SweepFixtures.parse;
import static dev.gan4j.core.run.RunFixtures.withoutSeconds;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gan4j.core.run.RunDirectory;
import dev.gan4j.core.run.RunException;
import dev.gan4j.core.run.RunStatus;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SweepTest {

    @TempDir
    Path tmp;

    /** Runs the tasks in this thread and remembers which. */
    private static final class Counting implements TrialExecutor {
        final List<String> ran = new ArrayList<>();
        private final InProcessExecutor inner = new InProcessExecutor(new ArraySetup());

        @Override
        public List<TrialOutcome> run(List<TrialTask> tasks) {
            tasks.forEach(t -> ran.add(t.trialId() + "/" + t.rung()));
            return inner.run(tasks);
        }
    }

    private static List<String> board(Leaderboard b) {
        return b.entries().stream().map(e -> e.rank() + " " + e.trial().id() + " " + e.iterations() + " "
                + e.status() + " " + e.figures()).toList();
    }

    @Test
    void halvingKeepsTheBestAtEachRungAndAPromotedTrialMatchesARunTrainedStraightThrough() throws Exception {
        Sweep sweep = Sweep.create(tmp.resolve("s"), parse(SweepFixtures.grid()));
        Counting executor = new Counting();
        Leaderboard board = sweep.run(executor, new SweepListener() { });
        assertEquals(4 + 2 + 1, executor.ran.size(), executor.ran.toString());
        assertEquals(7, Files.readAllLines(tmp.resolve("s").resolve(Sweep.LOG)).size());

        // rung 1 holds the best half of rung 0 by the objective, the last rung the best of rung 1
        Map<String, TrialOutcome> log = new SweepLog(tmp.resolve("s").resolve(Sweep.LOG)).read();
        List<String> byRung0 = sweep.trials().stream().map(Trial::id).sorted(Comparator.comparingDouble(
                id -> log.get(id + "/0").figures().get("frechetDistance"))).toList();
        List<String> rung1 = executor.ran.stream().filter(s -> s.endsWith("/1")).map(s -> s.split("/")[0])
                .sorted().toList();
        assertEquals(byRung0.subList(0, 2).stream().sorted().toList(), rung1);
        String winner = rung1.stream().min(Comparator.comparingDouble(id -> log.get(id + "/1").figures()
                .get("frechetDistance"))).orElseThrow();
        assertTrue(executor.ran.contains(winner + "/2"));
        assertEquals(winner, board.entries().get(0).trial().id());
        assertEquals(12, board.entries().get(0).iterations());
        assertTrue(board.complete());
        assertEquals(4 * 4 + 2 * 4 + 4, board.iterationsRun());
        assertEquals(4 * 12, board.iterationsAllToEnd());

        // the winner was stopped at 4 and 8 and resumed each time: the same numbers as one run to 12
        Trial best = sweep.trials().stream().filter(t -> t.id().equals(winner)).findFirst().orElseThrow();
        Path straight = tmp.resolve("straight");
        TrialOutcome o = TrialRunner.run(new TrialTask(winner, 0, 12, best.experimentJson(), straight.toString()),
                new ArraySetup());
        assertEquals(TrialStatus.COMPLETED, o.status(), o.error());
        Path promoted = tmp.resolve("s").resolve(Sweep.TRIALS).resolve(winner);
        assertEquals(withoutSeconds(straight.resolve(RunDirectory.METRICS)),
                withoutSeconds(promoted.resolve(RunDirectory.METRICS)));
        assertEquals(log.get(winner + "/2").figures(), o.figures());
        assertEquals(RunStatus.State.FINISHED, RunStatus.read(promoted.resolve(RunDirectory.STATUS)).orElseThrow()
                .state());
        // a trial dropped after rung 0 stopped there, resumable
        String dropped = byRung0.get(3);
        assertEquals(RunStatus.State.INTERRUPTED, RunStatus.read(tmp.resolve("s").resolve(Sweep.TRIALS)
                .resolve(dropped).resolve(RunDirectory.STATUS)).orElseThrow().state());
        String html = Files.readString(tmp.resolve("s").resolve(Sweep.REPORT));
        assertTrue(html.contains("<a href=\"trials/" + winner + "/report.html\">"), html);
        assertTrue(html.contains("<svg class=\"scatter\""), html);
    }

    @Test
    void runningASweepAgainRunsOnlyWhatItsLogLacks() throws Exception {
        Path dir = tmp.resolve("s");
        Leaderboard first = Sweep.create(dir, parse(SweepFixtures.grid())).run(new Counting(), new SweepListener() { });

        Counting again = new Counting();
        Leaderboard second = Sweep.open(dir).run(again, new SweepListener() { });
        assertEquals(List.of(), again.ran);
        assertEquals(board(first), board(second));

        // killed after a task trained but before its line was written (and mid-way through another line):
        // the task runs again and is answered from its run directory without training
        List<String> lines = Files.readAllLines(dir.resolve(Sweep.LOG));
        String last = lines.get(lines.size() - 1);
        Files.writeString(dir.resolve(Sweep.LOG), String.join("\n", lines.subList(0, lines.size() - 1)) + "\n"
                + last.substring(0, 20), StandardCharsets.UTF_8);
        String trial = new com.fasterxml.jackson.databind.ObjectMapper().readTree(last).path("trial").asText();
        Path metrics = dir.resolve(Sweep.TRIALS).resolve(trial).resolve(RunDirectory.METRICS);
        List<String> before = Files.readAllLines(metrics);
        Counting third = new Counting();
        Leaderboard after = Sweep.create(dir, parse(SweepFixtures.grid())).run(third, new SweepListener() { });
        assertEquals(1, third.ran.size(), third.ran.toString());
        assertEquals(before, Files.readAllLines(metrics), "answered from the files, not trained again");
        assertEquals(board(first), board(after));
    }

    @Test
    void aFailedTrialIsRecordedWithItsErrorAndTheSweepGoesOn() throws Exception {
        // a generator of 5 units cannot make 16-pixel images: it binds, but fails when built
        SweepConfig config = parse(SweepFixtures.grid(), "space={\"generator[0].units\": [16, 5], "
                + "\"optimizers.generator.learningRate\": [0.01, 0.03]}");
        Leaderboard board = Sweep.create(tmp.resolve("s"), config).run(new Counting(), new SweepListener() { });
        List<Leaderboard.Entry> failed = board.entries().stream().filter(e -> e.status() == TrialStatus.FAILED)
                .toList();
        assertEquals(2, failed.size(), board(board).toString());
        assertTrue(failed.get(0).error().contains("16"), failed.get(0).error());
        assertEquals(0, failed.get(0).rung(), "failed trials are never promoted");
        assertEquals(TrialStatus.COMPLETED, board.entries().get(0).status());
        assertEquals(12, board.entries().get(0).iterations());
        assertTrue(Files.readString(tmp.resolve("s").resolve(Sweep.LOG)).contains("\"status\":\"failed\""));
    }

    @Test
    void aDivergedTrialIsRecordedNeverPromotedAndNotRunAgain() throws Exception {
        SweepConfig config = parse(SweepFixtures.grid(), "space={\"optimizers.discriminator.learningRate\": "
                + "[0.5, 1e30]}");
        Path dir = tmp.resolve("s");
        Leaderboard board = Sweep.create(dir, config).run(new Counting(), new SweepListener() { });
        Leaderboard.Entry diverged = board.entries().get(1);
        assertEquals("t001", diverged.trial().id());
        assertEquals(TrialStatus.DIVERGED, diverged.status(), diverged.error());
        assertTrue(diverged.error().contains("diverged"), diverged.error());
        assertEquals(TrialStatus.COMPLETED, board.entries().get(0).status());

        Counting again = new Counting();
        Sweep.open(dir).run(again, new SweepListener() { });
        assertEquals(List.of(), again.ran, "a divergence is deterministic: it is not tried again");
    }

    @Test
    void workerProcessesGiveTheLeaderboardOfOneThread() throws Exception {
        SweepConfig config = parse(SweepFixtures.grid());
        Leaderboard inProcess = Sweep.create(tmp.resolve("one"), config).run(new InProcessExecutor(new ArraySetup()),
                new SweepListener() { });
        Leaderboard processes;
        try (ProcessExecutor workers = new ProcessExecutor(2, tmp.resolve("two").resolve(Sweep.LOGS),
                ProcessExecutor.inheritedJvmOptions(), Map.of(), List.of())) {
            processes = Sweep.create(tmp.resolve("two"), config).run(workers, new SweepListener() { });
        }
        assertEquals(board(inProcess), board(processes));
        assertTrue(Files.isRegularFile(tmp.resolve("two").resolve(Sweep.LOGS).resolve("t000-r0.log")));
    }

    @Test
    void aDirectoryHoldingAnotherSweepIsRefused() {
        Sweep.create(tmp.resolve("s"), parse(SweepFixtures.grid()));
        RunException e = assertThrows(RunException.class, () -> Sweep.create(tmp.resolve("s"),
                parse(SweepFixtures.grid(), "keep=0.75")));
        assertTrue(e.getMessage().contains("holds another sweep") && e.getMessage().contains("keep"), e.getMessage());
        assertFalse(e.getMessage().isEmpty());
    }
}
