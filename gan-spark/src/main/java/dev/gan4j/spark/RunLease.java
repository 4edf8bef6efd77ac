package dev.gan4j.spark;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * The lease one task attempt holds on a trial's run directory in a shared Hadoop filesystem, so
 * that two attempts of one trial (a retry and the attempt it replaces, which may still be running
 * on an executor the driver gave up on) never write it at once.
 *
 * <p>A file's lock cannot do this across machines on HDFS or S3, so the lease is a file whose
 * content is its holder's name and a heartbeat counter the holder rewrites every
 * {@link LeaseTiming#heartbeat()}. A waiting attempt takes over a lease whose content has not
 * changed for {@link LeaseTiming#staleAfter()} as measured by its own clock: a dead attempt's lease
 * is taken over after that time, never blocks for ever, and no two machines' clocks are compared.
 * The holder checks, before every heartbeat and before it publishes, that the lease still names it;
 * if it was taken over (the holder stalled longer than {@code staleAfter}), {@link #held()} turns
 * false and the holder publishes nothing more.
 */
final class RunLease implements AutoCloseable {

    private final FileSystem fs;
    private final Path file;
    private final String owner;
    private final ScheduledExecutorService heartbeat;
    private long beats;
    private volatile boolean held = true;

    private RunLease(FileSystem fs, Path file, String owner, LeaseTiming timing) {
        this.fs = fs;
        this.file = file;
        this.owner = owner;
        this.heartbeat = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "gan4j-lease " + file.getName());
            t.setDaemon(true);
            return t;
        });
        long every = timing.heartbeat().toMillis();
        heartbeat.scheduleWithFixedDelay(this::beat, every, every, TimeUnit.MILLISECONDS);
    }

    /**
     * Waits until the lease {@code file} is free or stale, then takes it for {@code owner}.
     *
     * @param waitAtMost how long to wait for a live holder before giving up
     * @throws LeaseException if another attempt kept its lease alive all that time
     */
    static RunLease acquire(FileSystem fs, Path file, String owner, LeaseTiming timing, Duration waitAtMost)
            throws IOException, InterruptedException {
        long start = System.nanoTime();
        String seen = null;
        long seenSince = start;
        while (true) {
            String content = read(fs, file);
            long now = System.nanoTime();
            if (content == null) {
                if (create(fs, file, owner + "\n0\n") && owner.equals(holder(read(fs, file)))) {
                    return new RunLease(fs, file, owner, timing);
                }
                // another attempt created it first: watch that one
            } else if (!content.equals(seen)) {
                seen = content;
                seenSince = now;
            } else if (now - seenSince >= timing.staleAfter().toNanos()) {
                // unchanged for staleAfter: its holder is dead or stalled; delete that lease and race to create one
                if (content.equals(read(fs, file))) {
                    fs.delete(file, false);
                }
                seen = null;
                continue;
            }
            if (now - start >= waitAtMost.toNanos()) {
                throw new LeaseException(file + " is held by " + holder(seen) + ", which kept it alive for "
                        + waitAtMost.toSeconds() + " s; is another attempt of this trial still running?");
            }
            Thread.sleep(Math.max(1, timing.heartbeat().toMillis() / 2));
        }
    }

    /** Whether this attempt still holds the lease: false once another attempt took it over. */
    boolean held() throws IOException {
        if (held && !owner.equals(holder(read(fs, file)))) {
            held = false;
        }
        return held;
    }

    private synchronized void beat() {
        try {
            if (!held()) {
                heartbeat.shutdown();
                return;
            }
            beats++;
            try (OutputStream out = fs.create(file, true)) {
                out.write((owner + "\n" + beats + "\n").getBytes(StandardCharsets.UTF_8));
            }
        } catch (IOException e) {
            // a missed beat only brings a takeover nearer; the next beat tries again
        }
    }

    @Override
    public void close() throws IOException {
        heartbeat.shutdownNow();
        synchronized (this) {
            if (held()) {
                fs.delete(file, false);
                held = false;
            }
        }
    }

    /** Who holds a lease with this content, or null for none. */
    private static String holder(String content) {
        if (content == null) {
            return null;
        }
        int nl = content.indexOf('\n');
        return nl < 0 ? content : content.substring(0, nl);
    }

    /** The lease's content, or null if there is none. */
    private static String read(FileSystem fs, Path file) throws IOException {
        try (InputStream in = fs.open(file)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (FileNotFoundException e) {
            return null;
        }
    }

    /** Creates the lease with {@code content} unless it exists. */
    private static boolean create(FileSystem fs, Path file, String content) throws IOException {
        try (OutputStream out = fs.create(file, false)) {
            out.write(content.getBytes(StandardCharsets.UTF_8));
            return true;
        } catch (IOException e) {
            // lost the race: FileAlreadyExistsException, or on HDFS AlreadyBeingCreatedException while
            // another client creates it. Any other failure (a parent that is a file, no permission)
            // leaves no lease, and must not be retried for ever.
            if (fs.exists(file)) {
                return false;
            }
            throw e;
        }
    }

    /** Another attempt of the trial kept the lease alive for longer than this one would wait. */
    static final class LeaseException extends IOException {
        private static final long serialVersionUID = 1L;

        LeaseException(String message) {
            super(message);
        }
    }
}
