package dev.gan4j.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gan4j.api.BackendProvider;
import dev.gan4j.api.Backends;
import dev.gan4j.core.checkpoint.CheckpointFiles;
import dev.gan4j.core.run.CheckpointPolicy;
import dev.gan4j.core.run.MetricsFile;
import dev.gan4j.core.run.RunDirectory;
import dev.gan4j.core.run.RunStatus;
import dev.gan4j.mnist.DataEnvironment;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code gan train} in a real subprocess, stopped by Ctrl-C (SIGINT) and killed by SIGKILL at a
 * random moment, then resumed: the resumed run's {@code metrics.jsonl} is the uninterrupted run's
 * (but for {@code seconds}), on every backend on the classpath.
 */
class KillAndResumeTest {

    static final int ITERATIONS = 12;

    @TempDir
    Path tmp;

    private final Path mnist = TestData.mnistDir();

    static Stream<String> backends() {
        return Backends.discover().providers().stream().filter(BackendProvider::isAvailable)
                .map(BackendProvider::name);
    }

    private List<String> trainArguments(String backend, Path run) {
        return List.of("train", TestData.tutorial().toString(), "--backend", backend, "--set", "data.split=test",
                "--set", "data.dir=" + mnist, "--set", "training.iterations=" + ITERATIONS,
                "--set", "training.samplesPerIteration=200", "--set", "output.sampleEvery=4",
                "--set", "output.checkpointEvery=2", "--set", "output.plotEvery=3", "--progress", "lines",
                "--out", run.toString());
    }

    /** {@code gan args...} in this JVM; returns the exit code, failing with the output if it is not {@code expected}. */
    private static String inProcess(int expected, List<String> args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        DataEnvironment offline = DataEnvironment.system().withEnv(Map.of(DataEnvironment.OFFLINE, "1"))
                .withHome(Path.of("target/no-home").toAbsolutePath());
        int code = new GanCli(new PrintWriter(out), new PrintWriter(err), offline).execute(args.toArray(String[]::new));
        assertEquals(expected, code, () -> "gan " + args + "\n" + out + err);
        return out.toString() + err;
    }

    /** Starts {@code gan args...} as a subprocess of a fresh JVM on this test's classpath. */
    private Process start(List<String> args, Path log) throws IOException {
        List<String> command = new ArrayList<>();
        // SIGINT may be ignored in a background CI job and is then inherited as ignored, and a JVM
        // that starts with SIGINT ignored never installs its Ctrl-C handling: restore the default
        if (Files.isExecutable(Path.of("/usr/bin/env")) && envResetsSignals()) {
            command.addAll(List.of("/usr/bin/env", "--default-signal=INT"));
        }
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), GanCli.class.getName()));
        command.addAll(args);
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        pb.environment().put(DataEnvironment.OFFLINE, "1");
        return pb.start();
    }

    static boolean envResetsSignals() {
        try {
            Process p = new ProcessBuilder("/usr/bin/env", "--default-signal=INT", "true")
                    .redirectErrorStream(true).start();
            return p.waitFor(10, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static void await(String what, BooleanSupplier condition, Process p, Path log) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (!condition.getAsBoolean()) {
            if (!p.isAlive()) {
                throw new AssertionError("gan exited with " + p.exitValue() + " before " + what + ":\n"
                        + Files.readString(log));
            }
            if (System.nanoTime() > deadline) {
                p.destroyForcibly();
                throw new AssertionError("timed out waiting for " + what + ":\n" + Files.readString(log));
            }
            Thread.sleep(20);
        }
    }

    private static int lines(Path file) {
        try {
            return Files.exists(file) ? (int) Files.readString(file, StandardCharsets.UTF_8).chars()
                    .filter(c -> c == '\n').count() : 0;
        } catch (IOException e) {
            return 0;
        }
    }

    private static void signal(Process p, String signal) throws Exception {
        Process kill = new ProcessBuilder("kill", "-" + signal, Long.toString(p.pid())).inheritIO().start();
        assertEquals(0, kill.waitFor(), "kill -" + signal);
    }

    private static List<String> withoutSeconds(Path run) throws IOException {
        ObjectMapper json = new ObjectMapper();
        List<String> out = new ArrayList<>();
        for (String line : Files.readAllLines(run.resolve(RunDirectory.METRICS))) {
            ObjectNode node = (ObjectNode) json.readTree(line);
            node.remove("seconds");
            out.add(node.toString());
        }
        return out;
    }

    private final Map<String, List<String>> reference = new HashMap<>();

    /**
     * {@code gan args...} in a fresh JVM, as a user runs it, waiting for it to end with exit code 0;
     * returns its output. The uninterrupted reference and the resumed runs run this way, not in this
     * JVM: here both backends are loaded, and once the ejml backend has loaded the system OpenBLAS
     * (netlib opens it RTLD_GLOBAL), ND4J's BLAS calls bind to that library instead of its own, whose
     * kernels round differently on some CPUs (seen on an AMD EPYC, where the two OpenBLAS builds pick
     * different kernels). A resumed run must match the run a user would have had.
     */
    private String subprocess(List<String> args, String name) throws Exception {
        Path log = tmp.resolve(name + ".log");
        Process p = start(args, log);
        assertTrue(p.waitFor(180, TimeUnit.SECONDS), "gan " + args + " did not finish");
        String output = Files.readString(log);
        assertEquals(0, p.exitValue(), () -> "gan " + args + "\n" + output);
        return output;
    }

    /** The metrics of the run never stopped, trained in a fresh JVM. */
    private List<String> uninterrupted(String backend) throws Exception {
        if (!reference.containsKey(backend)) {
            Path run = tmp.resolve("straight-" + backend);
            subprocess(trainArguments(backend, run), "straight-" + backend);
            List<String> lines = withoutSeconds(run);
            assertEquals(ITERATIONS, lines.size());
            reference.put(backend, lines);
        }
        return reference.get(backend);
    }

    @ParameterizedTest
    @MethodSource("backends")
    void ctrlCWritesACheckpointAndExits130AndTheResumedRunMatches(String backend) throws Exception {
        Path run = tmp.resolve("interrupted");
        Path log = tmp.resolve("interrupted.log");
        Process p = start(trainArguments(backend, run), log);
        await("iteration 5", () -> lines(run.resolve(RunDirectory.METRICS)) >= 5, p, log);
        signal(p, "INT");
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "gan did not stop after SIGINT");
        String output = Files.readString(log);
        assertEquals(130, p.exitValue(), output);
        int stoppedAt = lines(run.resolve(RunDirectory.METRICS));
        assertTrue(stoppedAt < ITERATIONS, "stopped at " + stoppedAt + ":\n" + output);
        assertTrue(output.contains("stopping after the current iteration"), output);
        assertTrue(output.contains("Stopped after " + stoppedAt + " of " + ITERATIONS + " iterations"), output);
        assertTrue(output.contains("Continue with: gan train --resume " + run), output);
        assertEquals(stoppedAt, CheckpointFiles.read(run.resolve("checkpoints").resolve(
                String.format("iter-%06d.ckpt", stoppedAt))).iteration(), "the stop wrote a checkpoint");
        RunStatus status = RunStatus.read(run.resolve(RunDirectory.STATUS)).orElseThrow();
        assertEquals(RunStatus.State.INTERRUPTED, status.state());
        assertTrue(Files.readString(run.resolve(RunDirectory.REPORT)).contains("interrupted"));

        String resumed = subprocess(List.of("train", "--resume", run.toString(), "--progress", "none"), "resumed");
        assertTrue(resumed.contains("Resuming seed-tutorial on " + backend), resumed);
        assertEquals(uninterrupted(backend), withoutSeconds(run));
        assertEquals(RunStatus.State.FINISHED, RunStatus.read(run.resolve(RunDirectory.STATUS)).orElseThrow().state());
    }

    @ParameterizedTest
    @MethodSource("backends")
    void sigkillAtARandomMomentLeavesALoadableCheckpointAndReadableMetrics(String backend) throws Exception {
        long seed = System.nanoTime();
        Random random = new Random(seed);
        // A fast backend can finish the last iterations inside the random delay, so the kill lands
        // after training ended; such an attempt proves nothing about a mid-run kill and is
        // repeated (a new run directory each time), up to a few times.
        boolean killedMidRun = false;
        for (int attempt = 0; attempt < 5 && !killedMidRun; attempt++) {
            Path run = tmp.resolve("killed-" + attempt);
            Path log = tmp.resolve("killed-" + attempt + ".log");
            Process p = start(trainArguments(backend, run), log);
            int after = 2 + random.nextInt(ITERATIONS - 6);
            await("iteration " + after, () -> lines(run.resolve(RunDirectory.METRICS)) >= after, p, log);
            Thread.sleep(random.nextInt(100));
            signal(p, "KILL");
            assertTrue(p.waitFor(60, TimeUnit.SECONDS));
            String context = "seed " + seed + ", attempt " + attempt + ", killed after iteration "
                    + lines(run.resolve(RunDirectory.METRICS)) + ":\n" + Files.readString(log);
            assertEquals(137, p.exitValue(), context);
            if (RunStatus.read(run.resolve(RunDirectory.STATUS)).orElseThrow().state() == RunStatus.State.FINISHED) {
                continue;
            }
            killedMidRun = true;

            // what the kill left: the newest checkpoint loads, every complete metrics line parses
            List<Path> checkpoints = CheckpointPolicy.list(run.resolve("checkpoints"));
            assertTrue(!checkpoints.isEmpty(), context);
            Path newest = checkpoints.get(checkpoints.size() - 1);
            int at = CheckpointFiles.read(newest).iteration();
            assertTrue(MetricsFile.read(run.resolve(RunDirectory.METRICS)).lastIteration() >= at, context);
            assertEquals("killed", RunStatus.read(run.resolve(RunDirectory.STATUS)).orElseThrow().displayState(),
                    context);
            String listing = inProcess(0, List.of("runs", tmp.toString()));
            assertTrue(listing.lines().anyMatch(l -> l.startsWith(run.getFileName() + " ") && l.contains(" killed ")),
                    listing);

            String resumed = subprocess(List.of("train", "--resume", run.toString(), "--progress", "none"),
                    "resumed-" + attempt);
            assertTrue(resumed.contains("was not stopped cleanly"), resumed);
            assertEquals(uninterrupted(backend), withoutSeconds(run), context);
        }
        assertTrue(killedMidRun, "seed " + seed + ": every kill landed after training had finished");
    }
}
