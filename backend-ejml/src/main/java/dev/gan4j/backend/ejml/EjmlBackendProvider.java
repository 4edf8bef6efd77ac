package dev.gan4j.backend.ejml;

import dev.gan4j.api.Backend;
import dev.gan4j.api.BackendProvider;
import java.util.Map;

/**
 * Registers the pure-Java EJML backend ({@code "ejml"}) with {@link java.util.ServiceLoader}.
 *
 * <p>It is always available (no native code) and has priority {@value #PRIORITY}, so it is the
 * default unless a faster backend with a higher priority is on the classpath.
 *
 * <p>Options for {@link #create(Map)}: {@code threads} — the matrix multiply's thread count, 1 by
 * default (chosen by measurement): the system OpenBLAS's, set through its API when the backend is
 * created so that a library user gets the command line's numbers, or EJML's concurrent kernels'
 * on its process-wide fork-join pool; {@code gemm} — which matrix-multiply kernel
 * ({@link EjmlOptions.Gemm}).
 */
public final class EjmlBackendProvider implements BackendProvider {

    /** The name experiments and the command line use. */
    public static final String NAME = "ejml";
    /** Preference among available backends. */
    public static final int PRIORITY = 100;

    /** Public no-argument constructor for {@link java.util.ServiceLoader}. */
    public EjmlBackendProvider() {
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public int priority() {
        return PRIORITY;
    }

    @Override
    public boolean isAvailable() {
        return true;
    }

    /**
     * EJML's version, read at run time from {@code org.ejml.EjmlVersion.VERSION} by reflection:
     * the field is a compile-time constant, so a direct reference would report the version we
     * compiled against rather than the jar actually on the classpath.
     */
    @Override
    public String version() {
        try {
            Object value = Class.forName("org.ejml.EjmlVersion").getField("VERSION").get(null);
            return String.valueOf(value);
        } catch (ReflectiveOperationException | LinkageError e) {
            return "unknown (" + e + ")";
        }
    }

    @Override
    public Backend create(Map<String, String> options) {
        return new EjmlBackend(version(), EjmlOptions.parse(options));
    }

    @Override
    public String toString() {
        return NAME + " " + version();
    }
}
