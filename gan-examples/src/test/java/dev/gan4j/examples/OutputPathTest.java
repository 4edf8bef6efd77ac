package dev.gan4j.examples;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gan4j.core.run.RunDirectory;
import dev.gan4j.core.run.RunException;
import java.io.IOException;
import java.net.URI;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code gan train --out DIR} where DIR cannot hold a new run: refused with exit code 2 and a
 * message saying what is in the way, before any data is read, and nothing already there is touched.
 */
class OutputPathTest {

    @TempDir
    Path dir;

    private final Cli cli = new Cli();
    private Path experiment;

    @BeforeEach
    void experiment() throws IOException {
        Cli.writeData(dir);
        experiment = dir.resolve("experiment.json");
        // no sample grids: these tests are about where a run goes, not what it draws
        Files.writeString(experiment, Cli.experiment(Cli.idxData(dir)).replace("\"training\"",
                "\"output\": {\"sampleEvery\": 0, \"sampleCount\": 4}, \"training\""));
    }

    private int train(Path out) {
        return cli.run("train", experiment.toString(), "--out", out.toString());
    }

    @Test
    void anEmptyOrNewDirectoryIsUsed() throws IOException {
        Path empty = Files.createDirectory(dir.resolve("empty"));
        assertEquals(0, train(empty), cli::err);
        assertTrue(Files.isRegularFile(empty.resolve("config.json")));
        cli.clear();
        Path fresh = dir.resolve("new/deeper/run");
        assertEquals(0, train(fresh), cli::err);
        assertTrue(Files.isRegularFile(fresh.resolve("metrics.jsonl")));
    }

    @Test
    void anExistingRunIsNeverOverwritten() throws IOException {
        Path run = Files.createDirectory(dir.resolve("run"));
        Files.writeString(run.resolve("config.json"), "{\"name\": \"an earlier run\"}");
        Files.writeString(run.resolve("metrics.jsonl"), "{\"iteration\": 1}\n");
        cli.assertUserError(train(run), "train", run + " already holds a run (it has config.json); runs are never "
                + "overwritten, so choose a new directory");
        assertEquals("{\"name\": \"an earlier run\"}", Files.readString(run.resolve("config.json")));
        assertEquals("{\"iteration\": 1}\n", Files.readString(run.resolve("metrics.jsonl")));
        try (var files = Files.list(run)) {
            assertEquals(2, files.count(), "nothing added");
        }
    }

    @Test
    void theUsersOwnFilesUnderARunsNamesAreNeverOverwritten() throws IOException {
        // a folder of the user's that happens to hold a report and a plot, but no run
        Path mine = Files.createDirectory(dir.resolve("mine"));
        Files.writeString(mine.resolve("report.html"), "<p>my report</p>");
        Files.writeString(mine.resolve("curves.png"), "my plot");
        cli.assertUserError(train(mine), "train", mine + " holds curves.png, which a run would overwrite, and it is "
                + "not a gan4j run (no config.json); choose a new or empty directory");
        Files.delete(mine.resolve("curves.png"));
        cli.assertUserError(train(mine), "train", mine + " holds report.html, which a run would overwrite, and it is "
                + "not a gan4j run (no config.json); choose a new or empty directory");
        assertEquals("<p>my report</p>", Files.readString(mine.resolve("report.html")));
        try (var files = Files.list(mine)) {
            assertEquals(1, files.count(), "nothing added");
        }
    }

    @Test
    void aFileIsNotADirectory() throws IOException {
        Path file = dir.resolve("notes.txt");
        byte[] content = "keep me".getBytes(java.nio.charset.StandardCharsets.UTF_8);
        Files.write(file, content);
        cli.assertUserError(train(file), "train", file + " exists and is not a directory; a run needs a directory of "
                + "its own");
        assertArrayEquals(content, Files.readAllBytes(file));

        Path under = file.resolve("run");
        cli.assertUserError(train(under), "train", "cannot create run directory " + under + ": " + file
                + " is a file, not a directory");
        assertArrayEquals(content, Files.readAllBytes(file));
    }

    /**
     * On a read-only file system, which refuses root too (permission bits do not), so the test runs
     * as any user: the JDK's own {@code jrt:/} is one on every machine. {@code --out} takes paths of
     * the default file system only, so this calls the check {@code gan train} makes first; how the
     * command reports its refusal is what the other tests here check.
     */
    @Test
    void anUnwritableParentIsNamed() {
        Path locked = FileSystems.getFileSystem(URI.create("jrt:/")).getPath("/modules/java.base");
        Path out = locked.resolve("run");
        RunException e = assertThrows(RunException.class, () -> RunDirectory.requireUsable(out));
        assertEquals("cannot create run directory " + out + ": " + locked + " is not writable", e.getMessage());
        assertFalse(Files.exists(out));
    }

    @Test
    void aBadOutputIsRefusedBeforeTheExperimentIsChecked() throws IOException {
        // the experiment is broken too, but the output path is checked first: no time is spent on data
        Files.writeString(experiment, Files.readString(experiment).replace("\"units\": 16", "\"units\": 15"));
        Path file = Files.writeString(dir.resolve("file"), "");
        cli.assertUserError(train(file), "train", file + " exists and is not a directory; a run needs a directory of "
                + "its own");
    }
}
