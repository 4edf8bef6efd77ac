package dev.gan4j.spark;

import java.io.Serializable;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.spark.SparkConf;

/**
 * How a task attempt trains its trial, read once on the driver from the Spark configuration and
 * shipped with the tasks.
 *
 * @param lease the lease timing on a shared Hadoop filesystem
 * @param syncEvery how often a staged attempt publishes its run while it trains, so that a retry
 *     after a lost executor resumes from a recent checkpoint rather than from the last rung
 * @param lockWait how long an attempt waits for another attempt of its trial to let go of the run
 *     directory (its lock or lease) before it fails
 * @param maxAttempts how many attempts Spark makes of a task; the last one returns a failure as a
 *     failed outcome rather than failing the rung's job
 * @param failFirstAttemptAfter a fault to inject, for the retry test: when positive, the first
 *     attempt of every task trains to this iteration, publishes what it wrote, and fails; zero for
 *     none
 */
record AttemptSettings(LeaseTiming lease, Duration syncEvery, Duration lockWait, int maxAttempts,
        long failFirstAttemptAfter) implements Serializable {

    private static final long serialVersionUID = 1L;

    /** The Spark configuration key prefix of these settings. */
    static final String PREFIX = "spark.gan4j.";
    private static final Pattern LOCAL = Pattern.compile("local(?:\\[[^,\\]]+(?:,\\s*(\\d+))?\\])?");

    AttemptSettings {
        if (syncEvery.isNegative() || syncEvery.isZero()) {
            throw new IllegalArgumentException(PREFIX + "syncEvery must be positive, got " + syncEvery);
        }
        if (lockWait.isNegative()) {
            throw new IllegalArgumentException(PREFIX + "lockWait must not be negative, got " + lockWait);
        }
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts must be at least 1, got " + maxAttempts);
        }
    }

    /**
     * The settings in {@code conf}: {@code spark.gan4j.lease.heartbeat} (10s),
     * {@code spark.gan4j.lease.staleAfter} (2min), {@code spark.gan4j.syncEvery} (5min),
     * {@code spark.gan4j.lockWait} (10min), and {@code spark.gan4j.test.failFirstAttemptAfter}
     * (0), with Spark's time units ({@code 30s}, {@code 5min}).
     *
     * @throws IllegalArgumentException naming the key of a bad value
     */
    static AttemptSettings from(SparkConf conf) {
        LeaseTiming lease = new LeaseTiming(time(conf, "lease.heartbeat", "10s"), time(conf, "lease.staleAfter", "2min"));
        long fail;
        try {
            fail = conf.getLong(PREFIX + "test.failFirstAttemptAfter", 0);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(PREFIX + "test.failFirstAttemptAfter: expected an iteration, got "
                    + conf.get(PREFIX + "test.failFirstAttemptAfter"), e);
        }
        return new AttemptSettings(lease, time(conf, "syncEvery", "5min"), time(conf, "lockWait", "10min"),
                maxAttempts(conf), fail);
    }

    private static Duration time(SparkConf conf, String key, String fallback) {
        try {
            return Duration.ofMillis(conf.getTimeAsMs(PREFIX + key, fallback));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(PREFIX + key + ": expected a time such as 30s or 5min, got "
                    + conf.get(PREFIX + key), e);
        }
    }

    /**
     * How many attempts Spark makes of one task: {@code local[N,F]} makes F, {@code local} and
     * {@code local[N]} make one (local mode does not retry), a cluster makes
     * {@code spark.task.maxFailures} (4).
     */
    static int maxAttempts(SparkConf conf) {
        Matcher m = LOCAL.matcher(conf.get("spark.master", "local").trim());
        if (m.matches()) {
            return m.group(1) == null ? 1 : Math.max(1, Integer.parseInt(m.group(1)));
        }
        return Math.max(1, conf.getInt("spark.task.maxFailures", 4));
    }
}
