package dev.gan4j.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gan4j.core.run.RunStatus;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A run's files on a real full or read-only file system (a small tmpfs, see {@link Tmpfs}):
 * {@code gan train} and {@code gan generate} end with one line naming the file and the operating
 * system's reason and exit code 2, never an internal error; a run that fills the disk is marked
 * failed, keeps its checkpoints and resumes once there is room.
 */
class FullDiskTest {

    @TempDir
    Path dir;

    private final Cli cli = new Cli();
    private Tmpfs tmpfs;
    private Path data;

    @BeforeEach
    void data() throws IOException {
        data = dir.resolve("data");
        Cli.writeData(data);
    }

    @AfterEach
    void unmount() throws Exception {
        if (tmpfs != null) {
            tmpfs.close();
        }
    }

    /**
     * An experiment of {@code iterations} whose generator has a hidden layer of {@code units}
     * (a checkpoint holds about 84 bytes a unit), checkpointing every iteration and keeping all.
     */
    private Path experiment(int units, int iterations) throws IOException {
        Path file = dir.resolve("experiment-" + units + ".json");
        Files.writeString(file, Cli.experiment(Cli.idxData(data))
                .replace("[{\"type\": \"dense\", \"units\": 16}", "[{\"type\": \"dense\", \"units\": " + units
                        + "}, {\"type\": \"relu\"}, {\"type\": \"dense\", \"units\": 16}")
                .replace("\"iterations\": 1", "\"iterations\": " + iterations)
                .replace("\"training\"", "\"output\": {\"sampleEvery\": 0, \"sampleCount\": 4, \"plotEvery\": 0, "
                        + "\"checkpointEvery\": 1, \"keepCheckpoints\": 100}, \"training\""));
        return file;
    }

    private int train(Path experiment, Path run) {
        return cli.run("train", experiment.toString(), "--out", run.toString(), "--progress", "none");
    }

    private Tmpfs mount(String size) throws Exception {
        Path mountPoint = Files.createDirectory(dir.resolve("mnt"));
        tmpfs = Tmpfs.mount(mountPoint, size);
        return tmpfs;
    }

    @Test
    void aRunThatFillsTheDiskStopsAtItsLastCheckpointAndResumesOnceThereIsRoom() throws Exception {
        // about 100 KB a checkpoint: two fit in 256 KB, the third does not
        Path run = mount("256k").dir().resolve("run");
        int code = train(experiment(1200, 6), run);
        String err = cli.err();
        String first = err.lines().findFirst().orElse("");
        assertEquals(GanCli.USER_ERROR, code, err);
        assertFalse(err.contains("\tat ") || err.contains("internal error"), err);
        assertTrue(first.startsWith("gan train: cannot write " + run), first);
        assertTrue(first.contains(": No space left on device; the run stopped after iteration "), first);
        assertTrue(first.endsWith("continue with: gan train --resume " + run), first);
        RunStatus status = RunStatus.read(run.resolve("status.json")).orElseThrow();
        assertEquals(RunStatus.State.FAILED, status.state());
        assertTrue(status.message().contains("No space left on device"), status.message());
        assertEquals(Map.of(), temporaryFiles(run), "an interrupted write leaves no temporary file");
        Map<String, byte[]> checkpoints = files(run.resolve("checkpoints"));
        assertFalse(checkpoints.isEmpty(), "the checkpoints written before the disk filled are kept");

        cli.clear();
        tmpfs.remount("size=8m");
        int resumed = cli.run("train", "--resume", run.toString(), "--progress", "none");
        assertEquals(0, resumed, cli.err());
        assertEquals(RunStatus.State.FINISHED, RunStatus.read(run.resolve("status.json")).orElseThrow().state());
        Map<String, byte[]> after = files(run.resolve("checkpoints"));
        checkpoints.forEach((name, bytes) -> assertTrue(java.util.Arrays.equals(bytes, after.get(name)),
                name + " untouched"));
    }

    @Test
    void aFirstCheckpointThatDoesNotFitMarksTheRunFailed() throws Exception {
        // about 340 KB: not even the checkpoint of iteration 0 fits
        Path run = mount("256k").dir().resolve("run");
        int code = train(experiment(4000, 3), run);
        String err = cli.err();
        assertEquals(GanCli.USER_ERROR, code, err);
        assertEquals("gan train: cannot write " + run.resolve("checkpoints/iter-000000.ckpt") + ": No space left on "
                + "device; the run stopped after iteration 0 and no checkpoint was written yet, so it starts over; "
                + "once there is room (or the directory is writable again), continue with: gan train --resume " + run,
                err.lines().findFirst().orElse(""), err);
        RunStatus status = RunStatus.read(run.resolve("status.json")).orElseThrow();
        assertEquals(RunStatus.State.FAILED, status.state(), "not left 'running'");
    }

    @Test
    void resumingARunOnAReadOnlyFileSystemSaysSo() throws Exception {
        Path experiment = experiment(8, 2);
        Path run = mount("4m").dir().resolve("run");
        cli.assertOk(train(experiment, run));
        Map<String, byte[]> before = files(run);
        tmpfs.remount("ro");
        int code = cli.run("train", "--resume", run.toString(), "--set", "training.iterations=4", "--progress",
                "none");
        String err = cli.err();
        assertEquals(GanCli.USER_ERROR, code, err);
        String first = err.lines().findFirst().orElse("");
        assertTrue(first.startsWith("gan train: cannot write " + run + "/"), first);
        assertTrue(first.endsWith(": Read-only file system"), first);
        assertFalse(err.contains("\tat "), err);
        assertEquals(before.keySet(), files(run).keySet());
    }

    @Test
    void generatingIntoAFullOrReadOnlyDirectorySaysSo() throws Exception {
        Path experiment = experiment(8, 1);
        Path run = dir.resolve("run");
        cli.assertOk(train(experiment, run));
        Path full = mount("64k").dir();
        fill(full);
        for (String name : new String[] {"samples.png", "samples.idx"}) {
            Path out = full.resolve(name);
            int code = cli.run("generate", run.toString(), "--out", out.toString(), "--count", "400");
            cli.assertUserError(code, "generate", "cannot write " + out + ": No space left on device");
            assertFalse(Files.exists(out));
        }
        tmpfs.remount("ro");
        Path out = full.resolve("more.png");
        cli.assertUserError(cli.run("generate", run.toString(), "--out", out.toString()), "generate",
                "cannot write " + out + ": Read-only file system");
    }

    /** Writes a file until the file system is full. */
    private static void fill(Path dir) throws IOException {
        byte[] block = new byte[1024];
        try (OutputStream out = Files.newOutputStream(dir.resolve("filler"))) {
            while (true) {
                out.write(block);
                out.flush();
            }
        } catch (IOException full) {
            assertTrue(String.valueOf(full.getMessage()).contains("No space left"), String.valueOf(full));
        }
    }

    private static Map<String, byte[]> temporaryFiles(Path run) throws IOException {
        Map<String, byte[]> all = files(run);
        all.keySet().removeIf(name -> !name.endsWith(".tmp"));
        return all;
    }

    /** Every regular file under {@code root}, by relative path, with its bytes. */
    private static Map<String, byte[]> files(Path root) throws IOException {
        Map<String, byte[]> files = new TreeMap<>();
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path p : (Iterable<Path>) walk::iterator) {
                if (Files.isRegularFile(p)) {
                    files.put(root.relativize(p).toString(), Files.readAllBytes(p));
                }
            }
        }
        return files;
    }
}
