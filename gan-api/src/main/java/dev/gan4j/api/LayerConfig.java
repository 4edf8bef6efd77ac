package dev.gan4j.api;

/**
 * Marker for the configuration of one layer, as written in an experiment's JSON. Implement it
 * with a Java record whose components are the JSON fields; the {@link LayerType} that owns it
 * gives its {@code "type"} name.
 */
public interface LayerConfig {
}
