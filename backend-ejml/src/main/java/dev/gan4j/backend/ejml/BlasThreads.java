package dev.gan4j.backend.ejml;

import com.sun.jna.Function;
import com.sun.jna.NativeLibrary;

/**
 * Sets the thread count of the system BLAS that netlib's JNI binding uses, through the BLAS's own
 * API: OpenBLAS's {@code openblas_set_num_threads}, looked up with JNA in the very library netlib
 * opened (the same {@code dlopen} name, so the dynamic linker hands back the loaded copy, not a
 * second one). Until the ejml backend did this, only the {@code gan} launcher's
 * {@code OPENBLAS_NUM_THREADS=1} did, so a library user got every core and different numbers
 * from the command line's.
 *
 * <p>The count is process-wide (OpenBLAS has one thread pool): the backend created last sets it.
 */
final class BlasThreads {

    /** netlib's system properties for the library it opens, and its default (see netlib's jni.c). */
    private static final String LIBRARY_PATH_PROPERTY = "dev.ludovic.netlib.blas.nativeLibPath";
    private static final String LIBRARY_PROPERTY = "dev.ludovic.netlib.blas.nativeLib";
    private static final String DEFAULT_LIBRARY = "libblas.so.3";

    private BlasThreads() {
    }

    /**
     * Sets the BLAS's thread count to {@code threads} and describes the outcome for the backend's
     * settings: the count OpenBLAS then reports, or why it could not be set.
     */
    static String set(int threads) {
        NativeLibrary blas;
        Function setter;
        try {
            blas = NativeLibrary.getInstance(netlibLibrary());
            setter = blas.getFunction("openblas_set_num_threads");
        } catch (UnsatisfiedLinkError | NoClassDefFoundError e) {
            return "not set: " + netlibLibrary() + " has no openblas_set_num_threads (not OpenBLAS?), so its own"
                    + " settings decide (" + e.getMessage() + ")";
        }
        setter.invokeVoid(new Object[] {threads});
        return get(blas) + " (ejml option threads, through openblas_set_num_threads)";
    }

    /**
     * The kernel set OpenBLAS chose for this CPU ({@code openblas_get_corename}, e.g. "Cooperlake",
     * or "Haswell" under {@code OPENBLAS_CORETYPE=Haswell}), for provenance: the same build runs
     * different kernels, at different speeds and round-off, on different CPUs. Empty when the
     * library is not OpenBLAS.
     */
    static String coreName() {
        try {
            return NativeLibrary.getInstance(netlibLibrary()).getFunction("openblas_get_corename")
                    .invokeString(new Object[0], false);
        } catch (UnsatisfiedLinkError | NoClassDefFoundError e) {
            return "";
        }
    }

    /** The thread count OpenBLAS reports now, for tests and provenance. */
    static int current() {
        return get(NativeLibrary.getInstance(netlibLibrary()));
    }

    private static int get(NativeLibrary blas) {
        return blas.getFunction("openblas_get_num_threads").invokeInt(new Object[0]);
    }

    /** The file name or path netlib's JNI binding passes to {@code dlopen}. */
    private static String netlibLibrary() {
        String path = System.getProperty(LIBRARY_PATH_PROPERTY);
        return path != null && !path.isBlank() ? path : System.getProperty(LIBRARY_PROPERTY, DEFAULT_LIBRARY);
    }
}
