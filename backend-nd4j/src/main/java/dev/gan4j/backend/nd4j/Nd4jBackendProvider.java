package dev.gan4j.backend.nd4j;

import dev.gan4j.api.Backend;
import dev.gan4j.api.BackendProvider;
import java.io.IOException;
import java.io.InputStream;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;

/**
 * Provides the {@code "nd4j"} backend: float32 on ND4J's native CPU backend (nd4j-native
 * {@value #ND4J_CLASSIFIER}).
 *
 * <p>Discovery is cheap: {@link #isAvailable()}, {@link #unavailableReason()} and
 * {@link #version()} look at the platform, at whether ND4J's classes and the native-library jar
 * are on the class path and at a Maven properties file, without initialising any ND4J class.
 * Native code loads in {@link #create(Map)}.
 *
 * <p>Options:
 * <ul>
 *   <li>{@code threads} — OpenMP and OpenBLAS threads, default {@value #DEFAULT_THREADS}. On
 *       the 2-core machines this was measured on, one thread multiplied the GAN's matrices as
 *       fast as two when the machine was idle and several times faster when another process was
 *       busy, so one is the default. These settings are process-wide in ND4J: the last backend
 *       created decides them for all.</li>
 * </ul>
 *
 * <p>Its priority ({@value #PRIORITY}) is below EJML's, so the pure-Java backend stays the
 * default and ND4J is used when asked for by name.
 */
public final class Nd4jBackendProvider implements BackendProvider {

    /** The name experiments and the command line use for this backend. */
    public static final String NAME = "nd4j";
    /** Selection priority: below the pure-Java EJML backend (100). */
    public static final int PRIORITY = 50;
    /** Option key for the number of OpenMP/OpenBLAS threads. */
    public static final String THREADS = "threads";
    /** Default thread count, chosen by measurement (see the class comment). */
    public static final int DEFAULT_THREADS = 1;
    /** The only platform whose native libraries the module depends on. */
    public static final String ND4J_CLASSIFIER = "linux-x86_64";

    // Largest thread count accepted; far beyond any machine this runs on, small enough to catch typos.
    private static final int MAX_THREADS = 1024;
    // Classes the backend links against, checked with initialize=false so nothing native loads.
    private static final String[] REQUIRED_CLASSES = {
        "org.nd4j.linalg.factory.Nd4j",
        "org.nd4j.linalg.cpu.nativecpu.CpuBackend",
        "org.bytedeco.openblas.global.openblas_nolapack",
    };
    // Present only in nd4j-native's linux-x86_64 classifier jar.
    private static final String NATIVE_LIBRARY = "org/nd4j/linalg/cpu/nativecpu/bindings/linux-x86_64/libjnind4jcpu.so";
    private static final String VERSION_RESOURCE = "META-INF/maven/org.nd4j/nd4j-native/pom.properties";

    private final String osName;
    private final String osArch;
    private final ClassLoader loader;

    /** The provider as {@link java.util.ServiceLoader} creates it, for this JVM's platform. */
    public Nd4jBackendProvider() {
        this(System.getProperty("os.name", ""), System.getProperty("os.arch", ""),
                Nd4jBackendProvider.class.getClassLoader());
    }

    /** A provider that checks availability as if on {@code osName}/{@code osArch}, with {@code loader}. */
    Nd4jBackendProvider(String osName, String osArch, ClassLoader loader) {
        this.osName = Objects.requireNonNull(osName, "osName");
        this.osArch = Objects.requireNonNull(osArch, "osArch");
        this.loader = Objects.requireNonNull(loader, "loader");
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
        return unavailableReason().isEmpty();
    }

    @Override
    public String unavailableReason() {
        try {
            return findUnavailableReason();
        } catch (RuntimeException | LinkageError e) {
            // A broken class path can make even a lookup fail; report it rather than throw.
            return "the ND4J availability check failed: " + e;
        }
    }

    private String findUnavailableReason() {
        String os = osName.toLowerCase(Locale.ROOT);
        String arch = osArch.toLowerCase(Locale.ROOT);
        if (!os.startsWith("linux") || !(arch.equals("amd64") || arch.equals("x86_64"))) {
            return "ND4J's native libraries are bundled for " + ND4J_CLASSIFIER + " only; this is "
                    + osName + "/" + osArch;
        }
        for (String className : REQUIRED_CLASSES) {
            try {
                Class.forName(className, false, loader);
            } catch (ClassNotFoundException | LinkageError e) {
                return "class " + className + " is not on the class path (add the dependency "
                        + "org.nd4j:nd4j-native with and without classifier " + ND4J_CLASSIFIER + ")";
            }
        }
        if (loader.getResource(NATIVE_LIBRARY) == null) {
            return "ND4J's native library for " + ND4J_CLASSIFIER + " is not on the class path (add "
                    + "org.nd4j:nd4j-native with classifier " + ND4J_CLASSIFIER + ")";
        }
        return "";
    }

    /** The nd4j-native version from its Maven metadata, without touching ND4J's classes. */
    @Override
    public String version() {
        try (InputStream in = loader.getResourceAsStream(VERSION_RESOURCE)) {
            if (in == null) {
                return "unknown";
            }
            Properties properties = new Properties();
            properties.load(in);
            return properties.getProperty("version", "unknown");
        } catch (IOException | RuntimeException e) {
            return "unknown";
        }
    }

    /**
     * Loads ND4J's native libraries (on first use in this JVM), applies the thread settings and
     * returns a backend.
     *
     * @throws IllegalArgumentException for an unknown option or a bad {@code threads} value
     * @throws IllegalStateException if ND4J is not available here or its native code fails to load
     */
    @Override
    public Backend create(Map<String, String> options) {
        Objects.requireNonNull(options, "options");
        int threads = DEFAULT_THREADS;
        for (Map.Entry<String, String> option : options.entrySet()) {
            if (!THREADS.equals(option.getKey())) {
                throw new IllegalArgumentException("unknown option '" + option.getKey()
                        + "' for backend " + NAME + "; known options: " + THREADS);
            }
            threads = parseThreads(option.getValue());
        }
        String reason = unavailableReason();
        if (!reason.isEmpty()) {
            throw new IllegalStateException("backend " + NAME + " is not available: " + reason);
        }
        return Nd4jBackend.start(threads, version());
    }

    private static int parseThreads(String value) {
        int threads;
        try {
            threads = Integer.parseInt(value == null ? "" : value.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("option " + THREADS + " of backend " + NAME
                    + " must be a whole number from 1 to " + MAX_THREADS + ", got '" + value + "'", e);
        }
        if (threads < 1 || threads > MAX_THREADS) {
            throw new IllegalArgumentException("option " + THREADS + " of backend " + NAME
                    + " must be from 1 to " + MAX_THREADS + ", got " + threads);
        }
        return threads;
    }

    @Override
    public String toString() {
        return "Nd4jBackendProvider[" + NAME + " " + version() + "]";
    }
}
