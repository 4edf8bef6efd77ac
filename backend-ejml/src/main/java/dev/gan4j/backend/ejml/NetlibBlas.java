package dev.gan4j.backend.ejml;

import dev.ludovic.netlib.blas.BLAS;
import dev.ludovic.netlib.blas.JavaBLAS;
import dev.ludovic.netlib.blas.NativeBLAS;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Stream;

/**
 * What netlib's BLAS offers in this JVM, probed once: the JNI binding to the system BLAS (or why
 * it failed to load), netlib's best pure-Java kernel, and which native libraries were mapped.
 *
 * <p>netlib loads both kinds in one static initialiser and logs a warning through
 * {@code java.util.logging} for each that fails (no system BLAS, or no
 * {@code jdk.incubator.vector} module). The backend reports the outcome in its settings instead,
 * so those warnings are silenced for the duration of the probe; nothing else is logged there.
 *
 * <p>This is the one process-wide fact the backend depends on, like the native library itself:
 * the holder is immutable after class initialisation.
 */
final class NetlibBlas {

    /** The netlib class that probes and logs. */
    private static final String INSTANCE_BUILDER = "dev.ludovic.netlib.blas.InstanceBuilder";
    /** Names, in file or directory names, of BLAS libraries tuned for the CPU; anything else is taken for reference BLAS. */
    private static final List<String> OPTIMIZED = List.of("openblas", "mkl", "blis", "atlas", "armpl");

    private static final NetlibBlas INSTANCE = probe();

    /** JNI to the system BLAS, or {@code null} if it did not load. */
    private final BLAS nativeBlas;
    /** Why {@link #nativeBlas} is {@code null}, else empty. */
    private final String nativeFailure;
    /** netlib's pure-Java BLAS ({@code VectorBLAS} when the Vector API module is present). */
    private final BLAS javaBlas;
    /** Paths of mapped shared libraries that look like a BLAS, in load order. */
    private final List<String> libraries;

    private NetlibBlas(BLAS nativeBlas, String nativeFailure, BLAS javaBlas, List<String> libraries) {
        this.nativeBlas = nativeBlas;
        this.nativeFailure = nativeFailure;
        this.javaBlas = javaBlas;
        this.libraries = List.copyOf(libraries);
    }

    /** The probe's result. */
    static NetlibBlas get() {
        return INSTANCE;
    }

    BLAS nativeBlas() {
        return nativeBlas;
    }

    String nativeFailure() {
        return nativeFailure;
    }

    BLAS javaBlas() {
        return javaBlas;
    }

    List<String> libraries() {
        return libraries;
    }

    /**
     * Whether the native BLAS is a tuned one (OpenBLAS, MKL, BLIS…) rather than the reference
     * Fortran BLAS, which is slower than netlib's Java kernels and so not worth calling.
     */
    boolean nativeIsOptimized() {
        return nativeBlas != null && anyTuned(libraries);
    }

    /** Whether one of these library paths is a tuned BLAS's, by its file or directory name. */
    static boolean anyTuned(List<String> libraryPaths) {
        for (String library : libraryPaths) {
            // the whole path: Debian's alternatives keep each BLAS's libblas.so.3 in a directory
            // named after it (openblas-pthread/, blis-serial/), the reference one in blas/
            String name = library.toLowerCase(Locale.ROOT);
            for (String tuned : OPTIMIZED) {
                if (name.contains(tuned)) {
                    return true;
                }
            }
        }
        return false;
    }

    /** {@link #nativeIsOptimized()}, or false when netlib itself cannot be loaded. */
    static boolean nativeOptimizedSafely() {
        try {
            return get().nativeIsOptimized();
        } catch (LinkageError e) {
            return false;
        }
    }

    private static NetlibBlas probe() {
        Logger logger = Logger.getLogger(INSTANCE_BUILDER);
        Level previous = logger.getLevel();
        logger.setLevel(Level.OFF);
        try {
            BLAS nativeBlas = null;
            String failure = "";
            try {
                nativeBlas = NativeBLAS.getInstance();
            } catch (RuntimeException | LinkageError e) {
                Throwable root = e;
                while (root.getCause() != null) {
                    root = root.getCause();
                }
                failure = "no system BLAS could be loaded through JNI (" + e.getMessage()
                        + (root == e ? "" : ": " + root.getMessage()) + "); on Debian/Ubuntu: apt-get install libopenblas0";
            }
            BLAS javaBlas = JavaBLAS.getInstance();
            return new NetlibBlas(nativeBlas, failure, javaBlas, nativeBlas == null ? List.of() : mappedBlasLibraries());
        } finally {
            logger.setLevel(previous);
        }
    }

    /**
     * Shared libraries with "blas" (or a tuned BLAS's name) in their file name that this process
     * has mapped, read from {@code /proc/self/maps}; empty where that file does not exist.
     */
    private static List<String> mappedBlasLibraries() {
        Path maps = Path.of("/proc/self/maps");
        if (!Files.isReadable(maps)) {
            return List.of();
        }
        Set<String> found = new LinkedHashSet<>();
        try (Stream<String> lines = Files.lines(maps)) {
            lines.forEach(line -> {
                int slash = line.indexOf('/');
                if (slash < 0) {
                    return;
                }
                String path = line.substring(slash).trim();
                String name = path.substring(path.lastIndexOf('/') + 1).toLowerCase(Locale.ROOT);
                boolean blas = name.contains("blas") || OPTIMIZED.stream().anyMatch(name::contains);
                if (blas && name.contains(".so") && !name.contains("netlibblasjni")) {
                    found.add(path);
                }
            });
        } catch (IOException | RuntimeException e) {
            return List.of();
        }
        return new ArrayList<>(found);
    }
}
