package dev.gan4j.backend.ejml;

/**
 * Whether {@link VectorGemm} can be used, asked without touching it: that class's static fields
 * are Vector API objects, so merely initialising it fails without the module.
 */
final class VectorApi {

    /** The incubating module {@link VectorGemm} is written against. */
    static final String MODULE = "jdk.incubator.vector";

    private VectorApi() {
    }

    /** Whether the JVM was started with {@code --add-modules jdk.incubator.vector}. */
    static boolean available() {
        return ModuleLayer.boot().findModule(MODULE).isPresent();
    }
}
