package dev.gan4j.spark;

import dev.gan4j.core.sweep.TrialOutcome;
import dev.gan4j.core.sweep.TrialRunner;
import dev.gan4j.core.sweep.TrialStatus;
import dev.gan4j.core.sweep.TrialTask;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Path;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.hadoop.fs.FileSystem;
import org.apache.spark.TaskContext;
import org.apache.spark.api.java.function.Function;
import org.apache.spark.deploy.SparkHadoopUtil;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One Spark task: brings one trial to its rung's iteration with {@link TrialRunner#run} in the
 * executor's JVM and returns the outcome.
 *
 * <p>A trial whose run directory is a path (local disk, NFS) is trained in place: the run's own
 * lock keeps two attempts apart, and the operating system drops it when an attempt's process dies,
 * so this attempt waits for a live holder (up to {@link AttemptSettings#lockWait()}) and never for
 * a dead one. A trial in a Hadoop filesystem is staged: this attempt takes the trial's
 * {@link RunLease}, copies the run to the executor's disk, trains there, publishing its progress
 * every {@link AttemptSettings#syncEvery()} and at the end ({@link SharedRunCopy}). Either way a
 * retried task finds the last checkpoint its earlier attempt left, and {@link TrialRunner}
 * resumes from it.
 *
 * <p>An error outside the training (the shared filesystem, the lease) fails the attempt so that
 * Spark retries it; the last attempt returns it as a {@link TrialStatus#FAILED} outcome instead,
 * so that one trial cannot fail its rung.
 */
final class TrialAttempt implements Function<TrialTask, TrialOutcome> {

    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(TrialAttempt.class);

    private final AttemptSettings settings;

    TrialAttempt(AttemptSettings settings) {
        this.settings = settings;
    }

    @Override
    public TrialOutcome call(TrialTask task) throws Exception {
        long start = System.nanoTime();
        TaskContext context = TaskContext.get();
        int attempt = context == null ? 0 : context.attemptNumber();
        try {
            TrialTask first = injectedFault(task, attempt);
            if (HadoopPaths.isUri(task.runDirectory())) {
                return staged(task, first, token(context));
            }
            return inPlace(task, first);
        } catch (Exception e) {
            if (attempt + 1 < settings.maxAttempts()) {
                throw e;
            }
            return TrialOutcome.ended(task, TrialStatus.FAILED, "attempt " + (attempt + 1) + " of "
                    + settings.maxAttempts() + ": " + message(e), (System.nanoTime() - start) / 1e9);
        }
    }

    /**
     * The shortened task the first attempt runs before it fails on purpose, or null: the retry test's
     * fault, set by {@code spark.gan4j.test.failFirstAttemptAfter}.
     */
    private TrialTask injectedFault(TrialTask task, int attempt) {
        long at = settings.failFirstAttemptAfter();
        if (attempt > 0 || at <= 0 || at >= task.iterations()) {
            return null;
        }
        return new TrialTask(task.trialId(), task.rung(), at, task.experimentJson(), task.runDirectory());
    }

    private TrialOutcome inPlace(TrialTask task, TrialTask first) throws IOException, InterruptedException {
        Path dir = Path.of(task.runDirectory());
        RunDirectoryLock.awaitFree(dir, settings.lockWait());
        if (first != null) {
            TrialRunner.run(first);
            throw new InjectedFailure(task, first.iterations());
        }
        return TrialRunner.run(task);
    }

    private TrialOutcome staged(TrialTask task, TrialTask first, String token)
            throws IOException, InterruptedException {
        String sharedUri = task.runDirectory();
        org.apache.hadoop.fs.Path sharedDir = new org.apache.hadoop.fs.Path(sharedUri);
        FileSystem fs = HadoopPaths.fileSystem(sharedDir, SparkHadoopUtil.get().conf());
        Path local = Path.of(System.getProperty("java.io.tmpdir"), "gan4j-spark", token).resolve(task.trialId());
        try (RunLease lease = RunLease.acquire(fs, SharedRunCopy.leaseOf(sharedDir), token, settings.lease(),
                settings.lockWait())) {
            SharedRunCopy copy = new SharedRunCopy(fs, sharedDir, local, token);
            boolean resumed = copy.stageIn();
            LOG.info("trial {} rung {}: {} on {}", task.trialId(), task.rung(),
                    resumed ? "resuming from " + sharedUri : "starting at " + sharedUri, token);
            TrialTask here = new TrialTask(task.trialId(), task.rung(), task.iterations(), task.experimentJson(),
                    local.toString());
            ScheduledExecutorService sync = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "gan4j-sync " + task.trialId());
                t.setDaemon(true);
                return t;
            });
            long every = settings.syncEvery().toMillis();
            sync.scheduleWithFixedDelay(() -> publishQuietly(copy, lease), every, every, TimeUnit.MILLISECONDS);
            TrialOutcome outcome;
            try {
                if (first != null) {
                    TrialRunner.run(new TrialTask(first.trialId(), first.rung(), first.iterations(),
                            first.experimentJson(), local.toString()));
                    publish(copy, lease);
                    throw new InjectedFailure(task, first.iterations());
                }
                outcome = TrialRunner.run(here);
            } finally {
                // a sync under way finishes: one cut short would leave a copy the next publish deletes anyway
                sync.shutdown();
                sync.awaitTermination(10, TimeUnit.MINUTES);
            }
            publish(copy, lease);
            return outcome;
        } finally {
            LocalFiles.deleteQuietly(local.getParent());
        }
    }

    private static void publish(SharedRunCopy copy, RunLease lease) throws IOException {
        synchronized (copy) {
            copy.publish(lease);
        }
    }

    private static void publishQuietly(SharedRunCopy copy, RunLease lease) {
        try {
            publish(copy, lease);
        } catch (IOException | RuntimeException e) {
            // the final publish reports what persists; a missed sync only costs a retry some iterations
            LOG.warn("could not publish the run in progress: {}", message(e));
        }
    }

    /** This attempt's name: host, stage, partition, attempt and a random part, unique across retries. */
    private static String token(TaskContext context) {
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            host = "host";
        }
        String where = context == null ? "driver"
                : "s" + context.stageId() + "-p" + context.partitionId() + "-a" + context.attemptNumber();
        return host.replaceAll("[^A-Za-z0-9.-]", "_") + "-" + where + "-"
                + UUID.randomUUID().toString().substring(0, 8);
    }

    static String message(Exception e) {
        return e.getMessage() != null ? e.getMessage() : e.getClass().getName();
    }

    /** The fault {@code spark.gan4j.test.failFirstAttemptAfter} injects, after a checkpoint was written. */
    static final class InjectedFailure extends RuntimeException {
        private static final long serialVersionUID = 1L;

        InjectedFailure(TrialTask task, long at) {
            super("trial " + task.trialId() + ": the first attempt stops at iteration " + at + " of " + task.iterations()
                    + " and fails, as set by " + AttemptSettings.PREFIX + "test.failFirstAttemptAfter");
        }
    }
}
