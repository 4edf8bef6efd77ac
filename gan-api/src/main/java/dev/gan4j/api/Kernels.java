package dev.gan4j.api;

/**
 * Marker for an optional set of fused kernels a {@link Backend} may offer through
 * {@link Backend#kernels(Class)}. Each kernel computes what a short sequence of the backend's
 * required operations computes, in fewer passes over memory; a caller that finds no kernels of a
 * type composes those operations instead, so a backend needs none of them to be correct.
 *
 * <p>Every kernel set documents the composition it replaces and whether it gives the same bits
 * or agrees to float tolerance; the conformance suite holds a backend to that.
 */
public interface Kernels {
}
