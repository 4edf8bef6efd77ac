package dev.gan4j.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The lease on a shared run directory, on the local filesystem through Hadoop's API. */
class RunLeaseTest {

    private static final LeaseTiming FAST = new LeaseTiming(Duration.ofMillis(100), Duration.ofMillis(600));

    @TempDir
    Path dir;

    private FileSystem fs() throws Exception {
        return HadoopPaths.fileSystem(new org.apache.hadoop.fs.Path(dir.toUri()), new Configuration());
    }

    private org.apache.hadoop.fs.Path lease() {
        return new org.apache.hadoop.fs.Path(dir.resolve(".t000.lease").toUri());
    }

    @Test
    void aFreeLeaseIsTakenAndGivenBack() throws Exception {
        try (RunLease lease = RunLease.acquire(fs(), lease(), "a", FAST, Duration.ofSeconds(5))) {
            assertTrue(lease.held());
            assertTrue(Files.readString(dir.resolve(".t000.lease")).startsWith("a\n"));
        }
        assertFalse(Files.exists(dir.resolve(".t000.lease")), "closing deletes the lease");
    }

    @Test
    void aLiveHolderKeepsAnotherAttemptOutUntilItLetsGo() throws Exception {
        try (RunLease a = RunLease.acquire(fs(), lease(), "a", FAST, Duration.ofSeconds(5))) {
            long start = System.nanoTime();
            RunLease.LeaseException e = assertThrows(RunLease.LeaseException.class,
                    () -> RunLease.acquire(fs(), lease(), "b", FAST, Duration.ofMillis(1500)));
            assertTrue(e.getMessage().contains("is held by a, which kept it alive for 1 s"), e.getMessage());
            assertTrue(System.nanoTime() - start >= Duration.ofMillis(1500).toNanos(), "b waited, over staleAfter too");
            assertTrue(a.held(), "the heartbeat kept a's lease from going stale");
        }
        try (RunLease b = RunLease.acquire(fs(), lease(), "b", FAST, Duration.ofSeconds(5))) {
            assertTrue(b.held());
        }
    }

    @Test
    void aDeadAttemptsLeaseIsTakenOverOnceStale() throws Exception {
        Files.writeString(dir.resolve(".t000.lease"), "dead\n7\n");
        long start = System.nanoTime();
        try (RunLease lease = RunLease.acquire(fs(), lease(), "b", FAST, Duration.ofSeconds(30))) {
            long waited = System.nanoTime() - start;
            assertTrue(lease.held());
            assertTrue(waited >= FAST.staleAfter().toNanos(), "not before staleAfter: " + waited);
            assertTrue(waited < Duration.ofSeconds(10).toNanos(), "nor for ever: " + waited);
        }
    }

    @Test
    void aHolderWhoseLeaseWasTakenOverKnowsAndLeavesTheNewOneAlone() throws Exception {
        RunLease a = RunLease.acquire(fs(), lease(), "a", FAST, Duration.ofSeconds(5));
        Files.writeString(dir.resolve(".t000.lease"), "b\n0\n");
        assertFalse(a.held());
        a.close();
        assertEquals("b\n0\n", Files.readString(dir.resolve(".t000.lease")));
    }
}
