package dev.gan4j.core.eval;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/** The running gan4j version, for provenance. */
final class Gan4jVersion {
    private Gan4jVersion() {
    }

    /**
     * The jar manifest's implementation version, else the version Maven records in the jar's
     * {@code pom.properties}, else {@code "unknown"} (classes run from a build directory).
     */
    static String current() {
        String v = Gan4jVersion.class.getPackage().getImplementationVersion();
        if (v != null) {
            return v;
        }
        try (InputStream in = Gan4jVersion.class.getResourceAsStream("/META-INF/maven/dev.gan4j/gan-core/pom.properties")) {
            if (in != null) {
                Properties p = new Properties();
                p.load(in);
                return p.getProperty("version", "unknown");
            }
        } catch (IOException e) {
            // provenance is best effort: an unreadable resource only costs the version string
        }
        return "unknown";
    }
}
