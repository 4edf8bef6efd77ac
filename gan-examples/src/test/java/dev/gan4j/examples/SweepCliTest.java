package dev.gan4j.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gan4j.core.run.RunDirectory;
import dev.gan4j.core.sweep.Sweep;
import dev.gan4j.mnist.DataEnvironment;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code gan sweep} on the real MNIST test split with the tutorial experiment cut to a few
 * iterations: 4 trials, rungs at 4 and 8 iterations, workers in child JVMs. The sweep runs to the
 * end, its promoted trial matches {@code gan train} run straight through on the experiment
 * {@code --best} prints, a rerun has nothing to do, a sweep killed by SIGKILL and run again ends
 * with the same leaderboard, and mistakes exit with code 2 before anything trains.
 */
class SweepCliTest {

    @TempDir
    static Path shared;

    @TempDir
    Path tmp;

    private static Path mnist;
    private static Path sweepFile;
    /** The sweep run straight through, once, for the tests that compare with it. */
    private static Path reference;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    @BeforeAll
    static void writeSweep() throws IOException {
        mnist = TestData.mnistDir();
        sweepFile = shared.resolve("tiny.json");
        Files.writeString(sweepFile, """
                {
                  "name": "tiny",
                  "base": "%s",
                  "set": {"data.split": "test", "data.dir": "%s", "training.samplesPerIteration": 200,
                          "output.sampleEvery": 4, "output.checkpointEvery": 2, "output.evaluateSamples": 200},
                  "space": {"optimizers.generator.learningRate": [0.5, 2],
                            "optimizers.discriminator.learningRate": [0.5, 2]},
                  "rungs": [4, 8],
                  "keep": 0.5
                }
                """.formatted(TestData.tutorial().toAbsolutePath(), mnist));
    }

    static DataEnvironment environment() {
        return DataEnvironment.system().withEnv(Map.of(DataEnvironment.OFFLINE, "1", DataEnvironment.DATA_DIR,
                mnist.toString())).withHome(home());
    }

    private static Path home() {
        return Path.of("target/no-home").toAbsolutePath();
    }

    private int gan(String... args) {
        return new GanCli(new PrintWriter(out), new PrintWriter(err), environment()).execute(args);
    }

    /** The sweep run once without interruption, in this JVM (its trials in worker JVMs). */
    private static synchronized Path reference() {
        if (reference == null) {
            Path dir = shared.resolve("reference");
            StringWriter o = new StringWriter();
            StringWriter e = new StringWriter();
            int code = new GanCli(new PrintWriter(o), new PrintWriter(e), environment()).execute("sweep",
                    sweepFile.toString(), "--out", dir.toString(), "--workers", "2", "--progress", "lines");
            assertEquals(0, code, () -> o + "\n" + e);
            reference = dir;
        }
        return reference;
    }

    /** Every recorded outcome by trial/rung, without its time. */
    private static Map<String, String> outcomes(Path sweep) throws IOException {
        ObjectMapper json = new ObjectMapper();
        Map<String, String> out = new TreeMap<>();
        for (String line : Files.readAllLines(sweep.resolve(Sweep.LOG))) {
            ObjectNode n = (ObjectNode) json.readTree(line);
            n.remove("seconds");
            out.put(n.path("trial").asText() + "/" + n.path("rung").asInt(), n.toString());
        }
        return out;
    }

    private static List<String> withoutSeconds(Path metrics) throws IOException {
        ObjectMapper json = new ObjectMapper();
        List<String> lines = new ArrayList<>();
        for (String line : Files.readAllLines(metrics)) {
            ObjectNode n = (ObjectNode) json.readTree(line);
            n.remove("seconds");
            lines.add(n.toString());
        }
        return lines;
    }

    /** Starts {@code gan args...} in a fresh JVM on this test's class path, output to {@code log}. */
    private static Process start(List<String> args, Path log) throws IOException {
        List<String> command = new ArrayList<>();
        // a JVM started with SIGINT ignored (a background CI job) would never see Ctrl-C: restore it
        if (Files.isExecutable(Path.of("/usr/bin/env")) && KillAndResumeTest.envResetsSignals()) {
            command.addAll(List.of("/usr/bin/env", "--default-signal=INT"));
        }
        command.addAll(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Duser.home=" + home(), "-cp", System.getProperty("java.class.path"), GanCli.class.getName()));
        command.addAll(args);
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        pb.environment().put(DataEnvironment.OFFLINE, "1");
        pb.environment().put(DataEnvironment.DATA_DIR, mnist.toString());
        pb.environment().remove("XDG_CACHE_HOME");
        return pb.start();
    }

    @Test
    void aSweepPromotesTheBestWhoseRunMatchesAStraightRunAndARerunHasNothingToDo() throws Exception {
        Path dir = reference();
        Map<String, String> recorded = outcomes(dir);
        assertEquals(List.of("t000/0", "t001/0", "t001/1", "t002/0", "t002/1", "t003/0").size(), recorded.size(),
                recorded::toString);
        assertTrue(recorded.values().stream().allMatch(s -> s.contains("\"status\":\"completed\"")), recorded::toString);
        assertTrue(Files.readString(dir.resolve(Sweep.REPORT)).contains("trials/t000/report.html"));

        assertEquals(0, gan("sweep", "--best", dir.toString()), err::toString);
        JsonNode best = new ObjectMapper().readTree(out.toString());
        assertEquals(8, best.path("training").path("iterations").asInt());
        String winner = err.toString().replaceAll("(?s).*best: (t\\d+) at 8 iterations.*", "$1");
        assertTrue(winner.matches("t\\d+"), err::toString);

        // the winner was stopped at 4 and resumed: the same numbers as gan train run straight to 8
        Path experiment = tmp.resolve("best.json");
        Files.writeString(experiment, out.toString());
        Path straight = tmp.resolve("straight");
        Process p = start(List.of("train", experiment.toString(), "--out", straight.toString(), "--progress", "none"),
                tmp.resolve("straight.log"));
        assertTrue(p.waitFor(180, TimeUnit.SECONDS));
        assertEquals(0, p.exitValue(), () -> read(tmp.resolve("straight.log")));
        assertEquals(withoutSeconds(straight.resolve(RunDirectory.METRICS)),
                withoutSeconds(dir.resolve(Sweep.TRIALS).resolve(winner).resolve(RunDirectory.METRICS)));

        out.getBuffer().setLength(0);
        assertEquals(0, gan("sweep", sweepFile.toString(), "--out", dir.toString(), "--progress", "lines"),
                err::toString);
        assertTrue(out.toString().contains("Continuing: 6 trial outcomes are recorded"), out::toString);
        assertFalse(out.toString().contains("Rung 0:"), out::toString);
        assertTrue(out.toString().matches("(?s).*Leaderboard \\(frechetDistance, lower is better\\):.*\\n\\s+1  "
                + winner + "\\s+8  completed.*"), out::toString);
        assertTrue(out.toString().contains("Compute: successive halving trained 24 iterations; all 4 trials to 8 "
                + "would be 32 (25% saved)"), out::toString);
        assertEquals(recorded, outcomes(dir));
    }

    @Test
    void aSweepKilledMidwayEndsWithTheSameLeaderboardWhenRunAgain() throws Exception {
        Path reference = reference();
        Path dir = tmp.resolve("killed");
        List<String> args = List.of("sweep", sweepFile.toString(), "--out", dir.toString(), "--workers", "2",
                "--progress", "lines");
        Process p = start(args, tmp.resolve("killed.log"));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(240);
        while (!Files.exists(dir.resolve(Sweep.LOG)) || Files.readAllLines(dir.resolve(Sweep.LOG)).isEmpty()) {
            assertTrue(p.isAlive(), () -> "gan sweep ended before the first outcome:\n" + read(tmp.resolve("killed.log")));
            assertTrue(System.nanoTime() < deadline, "no outcome within 240 s");
            Thread.sleep(50);
        }
        List<ProcessHandle> workers = p.descendants().toList();
        p.destroyForcibly(); // SIGKILL: no shutdown hook runs
        assertTrue(p.waitFor(30, TimeUnit.SECONDS));
        for (ProcessHandle w : workers) {
            // a worker notices its sweep is gone and stops, so that the rerun can take the trial's lock
            assertTrue(w.onExit().get(60, TimeUnit.SECONDS) != null && !w.isAlive(), "worker " + w.pid() + " lives");
        }
        int before = Files.readAllLines(dir.resolve(Sweep.LOG)).size();
        assertTrue(before < 6, "the sweep was killed after it finished");

        Process again = start(args, tmp.resolve("again.log"));
        assertTrue(again.waitFor(300, TimeUnit.SECONDS), "the rerun did not finish");
        String log = read(tmp.resolve("again.log"));
        assertEquals(0, again.exitValue(), log);
        assertTrue(log.contains("Continuing: " + before + " trial outcomes are recorded"), log);
        assertEquals(outcomes(reference), outcomes(dir));
        for (String t : List.of("t000", "t001", "t002", "t003")) {
            Path run = dir.resolve(Sweep.TRIALS).resolve(t);
            Path ref = reference.resolve(Sweep.TRIALS).resolve(t);
            assertEquals(withoutSeconds(ref.resolve(RunDirectory.METRICS)), withoutSeconds(run.resolve(
                    RunDirectory.METRICS)), t);
        }
    }

    @Test
    void ctrlCEndsTheWorkersRecordsNoFailureAndExits130() throws Exception {
        Path dir = tmp.resolve("stopped");
        Path log = tmp.resolve("stopped.log");
        Process p = start(List.of("sweep", sweepFile.toString(), "--out", dir.toString(), "--workers", "2",
                "--progress", "lines"), log);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(240);
        // wait until both workers train: their trials have a status.json
        while (!Files.exists(dir.resolve(Sweep.TRIALS).resolve("t000").resolve(RunDirectory.STATUS))
                || !Files.exists(dir.resolve(Sweep.TRIALS).resolve("t001").resolve(RunDirectory.STATUS))) {
            assertTrue(p.isAlive(), () -> "gan sweep ended early:\n" + read(log));
            assertTrue(System.nanoTime() < deadline, "the workers did not start within 240 s");
            Thread.sleep(50);
        }
        List<ProcessHandle> workers = p.descendants().toList();
        Process kill = new ProcessBuilder("kill", "-INT", Long.toString(p.pid())).inheritIO().start();
        assertEquals(0, kill.waitFor());
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "gan sweep did not stop after SIGINT");
        String output = read(log);
        assertEquals(130, p.exitValue(), output);
        assertTrue(output.contains("gan sweep: stopped; continue with: gan sweep --resume " + dir), output);
        for (ProcessHandle w : workers) {
            w.onExit().get(60, TimeUnit.SECONDS);
        }
        String recorded = Files.exists(dir.resolve(Sweep.LOG)) ? Files.readString(dir.resolve(Sweep.LOG)) : "";
        assertFalse(recorded.contains("\"failed\""), "a stopped task is not a failure:\n" + recorded);
    }

    @Test
    void mistakesExitWithCode2BeforeAnythingTrains() throws Exception {
        Path dir = tmp.resolve("never");
        assertEquals(2, gan("sweep", sweepFile.toString(), "--out", dir.toString(), "--set",
                "space={\"optimizers.generator.lerningRate\": [1, 2]}"));
        assertTrue(err.toString().contains("trial t000 (optimizers.generator.lerningRate=1) is not a valid "
                + "experiment"), err::toString);
        assertFalse(Files.exists(dir), "nothing is written");

        err.getBuffer().setLength(0);
        assertEquals(2, gan("sweep", sweepFile.toString(), "--out", dir.toString(), "--set", "rungz=[4]"));
        assertTrue(err.toString().startsWith("gan sweep: " + sweepFile + ": $.rungz: unknown field"), err::toString);

        err.getBuffer().setLength(0);
        assertEquals(2, gan("sweep", "--best", tmp.toString()));
        assertTrue(err.toString().contains("does not hold a sweep"), err::toString);

        err.getBuffer().setLength(0);
        assertEquals(2, gan("sweep", sweepFile.toString(), "--resume", tmp.toString()));
        assertTrue(err.toString().contains("--resume DIR continues the sweep in DIR/sweep.json"), err::toString);
        assertFalse(err.toString().contains("Exception"), err::toString);
    }

    private static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "(cannot read " + file + ": " + e.getMessage() + ")";
        }
    }
}
