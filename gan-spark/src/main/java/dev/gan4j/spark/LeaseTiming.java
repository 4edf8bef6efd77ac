package dev.gan4j.spark;

import java.io.Serializable;
import java.time.Duration;

/**
 * How often a trial's lease on a shared filesystem is renewed, and after how long without renewal
 * a waiting attempt takes it over (see {@link RunLease}). {@code staleAfter} must be well above
 * {@code heartbeat}, so that a slow filesystem or a long garbage collection pause is not taken for
 * a dead attempt.
 *
 * @param heartbeat how often the holder renews its lease
 * @param staleAfter how long a lease may go unrenewed before another attempt takes it over
 */
record LeaseTiming(Duration heartbeat, Duration staleAfter) implements Serializable {

    /** Renewed every 10 s; taken over after 2 minutes without renewal. */
    static final LeaseTiming DEFAULT = new LeaseTiming(Duration.ofSeconds(10), Duration.ofMinutes(2));

    LeaseTiming {
        if (heartbeat.isNegative() || heartbeat.isZero()) {
            throw new IllegalArgumentException("lease heartbeat must be positive, got " + heartbeat);
        }
        if (staleAfter.compareTo(heartbeat.multipliedBy(3)) < 0) {
            throw new IllegalArgumentException("lease staleAfter (" + staleAfter + ") must be at least three heartbeats ("
                    + heartbeat.multipliedBy(3) + ")");
        }
    }
}
