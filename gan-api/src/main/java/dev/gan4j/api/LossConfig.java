package dev.gan4j.api;

/**
 * The configuration of an adversarial loss, as written in an experiment's {@code "loss"}.
 * Implement it with a Java record whose components are the JSON fields (none, for most losses);
 * the {@link LossType} that owns it gives its {@code "type"} name.
 */
public interface LossConfig {
}
