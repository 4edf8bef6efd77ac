package dev.gan4j.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Staging a run directory through Hadoop's API, on the local filesystem as on HDFS. */
class SharedRunCopyTest {

    private static final LeaseTiming TIMING = new LeaseTiming(Duration.ofSeconds(1), Duration.ofSeconds(3));

    @TempDir
    Path tmp;
    private Path shared;
    private FileSystem fs;
    private org.apache.hadoop.fs.Path sharedRun;

    @BeforeEach
    void setUp() throws IOException {
        shared = tmp.resolve("shared");
        Files.createDirectories(shared);
        sharedRun = new org.apache.hadoop.fs.Path(shared.resolve("t000").toUri());
        fs = HadoopPaths.fileSystem(sharedRun, new Configuration());
    }

    private RunLease lease(String owner) throws Exception {
        return RunLease.acquire(fs, SharedRunCopy.leaseOf(sharedRun), owner, TIMING, Duration.ofSeconds(10));
    }

    /** A run as training leaves it, with a lock and an atomic write's temporary file. */
    private static void writeRun(Path run, String status) throws IOException {
        Files.createDirectories(run.resolve("checkpoints"));
        Files.createDirectories(run.resolve("samples"));
        Files.writeString(run.resolve("config.json"), "{}");
        Files.writeString(run.resolve("status.json"), status);
        Files.writeString(run.resolve("metrics.jsonl"), "{\"iteration\":1}\n");
        Files.writeString(run.resolve("checkpoints/iter-000010.ckpt"), "ckpt");
        Files.writeString(run.resolve("samples/iter-000010.png"), "png");
        Files.writeString(run.resolve(".lock"), "");
        Files.writeString(run.resolve("checkpoints/.iter-000020.ckpt12345.tmp"), "half a checkpoint");
    }

    private static List<String> files(Path root) throws IOException {
        try (Stream<Path> all = Files.walk(root)) {
            return all.filter(Files::isRegularFile).map(p -> root.relativize(p).toString()).sorted().toList();
        }
    }

    /** What the shared directory holds at its top: the run, and any lease or copy beside it. */
    private List<String> topLevel() throws IOException {
        try (Stream<Path> all = Files.list(shared)) {
            return all.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void aPublishedRunComesBackWithoutLockOrTemporaryFiles() throws Exception {
        Path first = tmp.resolve("a/t000");
        writeRun(first, "running");
        try (RunLease lease = lease("a")) {
            SharedRunCopy copy = new SharedRunCopy(fs, sharedRun, first, "a");
            assertFalse(copy.stageIn(), "nothing published yet");
            copy.publish(lease);
        }
        List<String> expected = List.of("checkpoints/iter-000010.ckpt", "config.json", "metrics.jsonl",
                "samples/iter-000010.png", "status.json");
        assertEquals(expected, files(shared.resolve("t000")));
        assertEquals(List.of("t000"), topLevel(), "no lease, copy or checksum file beside it");

        Path second = tmp.resolve("b/t000");
        try (RunLease lease = lease("b")) {
            assertTrue(new SharedRunCopy(fs, sharedRun, second, "b").stageIn());
        }
        assertEquals(expected, files(second));
    }

    @Test
    void publishingAgainReplacesTheRunWhole() throws Exception {
        Path local = tmp.resolve("a/t000");
        writeRun(local, "running");
        try (RunLease lease = lease("a")) {
            SharedRunCopy copy = new SharedRunCopy(fs, sharedRun, local, "a");
            copy.publish(lease);
            Files.delete(local.resolve("checkpoints/iter-000010.ckpt"));
            Files.writeString(local.resolve("checkpoints/iter-000020.ckpt"), "newer");
            Files.writeString(local.resolve("status.json"), "finished");
            copy.publish(lease);
        }
        assertEquals("finished", Files.readString(shared.resolve("t000/status.json")));
        assertEquals(List.of("iter-000020.ckpt"), files(shared.resolve("t000/checkpoints")));
    }

    @Test
    void aSwapCutShortIsUndoneAndAHalfCopyIsNeverUsed() throws Exception {
        // attempt x died after moving the published run aside and before renaming its copy into place
        writeRun(shared.resolve(".t000.replaced-x"), "the published one");
        writeRun(shared.resolve(".t000.publishing-x"), "half copied");
        Files.delete(shared.resolve(".t000.publishing-x/config.json"));
        Path local = tmp.resolve("b/t000");
        try (RunLease lease = lease("b")) {
            assertTrue(new SharedRunCopy(fs, sharedRun, local, "b").stageIn());
        }
        assertEquals("the published one", Files.readString(local.resolve("status.json")));
        assertEquals(List.of("t000"), topLevel(), "the leftovers are gone");
    }

    @Test
    void anAttemptThatLostItsLeasePublishesNothing() throws Exception {
        Path local = tmp.resolve("a/t000");
        writeRun(local, "stalled");
        RunLease lease = lease("a");
        Files.writeString(shared.resolve(".t000.lease"), "b\n0\n"); // b took it over while a stalled
        SharedRunCopy copy = new SharedRunCopy(fs, sharedRun, local, "a");
        RunLease.LeaseException e = assertThrows(RunLease.LeaseException.class, () -> copy.publish(lease));
        assertTrue(e.getMessage().contains("another attempt took over"), e.getMessage());
        lease.close();
        assertFalse(Files.exists(shared.resolve("t000")));
        assertEquals(List.of(".t000.lease"), topLevel(), "its copy was deleted; b's lease stands");
    }
}
