package dev.gan4j.api;

import java.util.Map;

/**
 * Service-provider interface through which {@link java.util.ServiceLoader} finds backends
 * (register the implementation in {@code META-INF/services/dev.gan4j.api.BackendProvider}).
 *
 * <p>Discovery must be cheap: constructing the provider and calling {@link #name()},
 * {@link #priority()}, {@link #isAvailable()} and {@link #unavailableReason()} must not load
 * native libraries or throw. Native code loads in {@link #create(Map)}.
 *
 * @see Backends#select(String)
 */
public interface BackendProvider {

    /** Short unique name used in experiments and on the command line, e.g. {@code "ejml"}. */
    String name();

    /** Preference when no backend is requested by name: the highest available one wins. */
    int priority();

    /** Whether {@link #create(Map)} can be expected to succeed here. Cheap; never throws. */
    boolean isAvailable();

    /** Why the backend is not available, or the empty string when it is. Never throws. */
    default String unavailableReason() {
        return "";
    }

    /** Version of the underlying library, without loading native code. */
    String version();

    /**
     * Creates a backend, loading native code if needed.
     *
     * @param options backend-specific settings (e.g. {@code threads}); unknown keys are an error
     * @throws IllegalStateException if the backend cannot start here, with the reason
     * @throws IllegalArgumentException if an option is unknown or invalid
     */
    Backend create(Map<String, String> options);
}
