package dev.gan4j.backend.nd4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gan4j.api.Backend;
import dev.gan4j.api.BackendProvider;
import dev.gan4j.api.Backends;
import java.io.IOException;
import java.lang.reflect.Method;
import java.net.JarURLConnection;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;

class Nd4jBackendProviderTest {

    private static final String NATIVE_LIBRARY = "org/nd4j/linalg/cpu/nativecpu/bindings/linux-x86_64/libjnind4jcpu.so";
    // Loaded by anything that loads ND4J's natives: ND4J's holder, its JavaCPP bindings, JavaCPP's loader.
    private static final String[] NATIVE_MARKERS = {
        "org.bytedeco.javacpp.Loader",
        "org.nd4j.nativeblas.NativeOpsHolder",
        "org.nd4j.linalg.cpu.nativecpu.bindings.Nd4jCpu",
    };

    @Test
    void describesItselfWithoutLoadingNativeCode() throws Exception {
        try (RecordingLoader loader = new RecordingLoader(isolatedClassPath())) {
            Class<?> spi = Class.forName(BackendProvider.class.getName(), false, loader);
            Object provider = null;
            for (Object candidate : ServiceLoader.load(spi, loader)) {
                if ("nd4j".equals(call(candidate, "name"))) {
                    provider = candidate;
                }
            }
            assertNotNull(provider, "nd4j provider registered in META-INF/services");
            assertEquals(50, call(provider, "priority"));
            assertEquals("", call(provider, "unavailableReason"));
            assertEquals(true, call(provider, "isAvailable"));
            assertEquals(System.getProperty("nd4j.version"), call(provider, "version"));
            for (String marker : NATIVE_MARKERS) {
                assertFalse(loader.loaded(marker), marker + " was loaded during discovery");
            }
            // the detector itself works: loading a marker class is seen
            Class.forName(NATIVE_MARKERS[0], false, loader);
            assertTrue(loader.loaded(NATIVE_MARKERS[0]));
        }
    }

    @Test
    void isFoundBySelectionButIsNotTheDefault() {
        Backends backends = Backends.discover();
        BackendProvider nd4j = backends.select("ND4J", null, null);
        assertTrue(nd4j instanceof Nd4jBackendProvider);
        assertTrue(nd4j.priority() < 100, "EJML (priority 100) stays the default");
    }

    @Test
    void reportsOtherPlatformsAsUnavailable() {
        ClassLoader loader = getClass().getClassLoader();
        for (String[] platform : new String[][] {{"Windows 11", "amd64"}, {"Mac OS X", "x86_64"}, {"Linux", "aarch64"}}) {
            Nd4jBackendProvider provider = new Nd4jBackendProvider(platform[0], platform[1], loader);
            assertFalse(provider.isAvailable(), platform[0] + "/" + platform[1]);
            assertTrue(provider.unavailableReason().contains("linux-x86_64 only; this is " + platform[0] + "/" + platform[1]),
                    provider.unavailableReason());
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> provider.create(Map.of()));
            assertTrue(e.getMessage().contains(provider.unavailableReason()), e.getMessage());
        }
        assertTrue(new Nd4jBackendProvider("Linux", "x86_64", loader).isAvailable());
    }

    @Test
    void reportsMissingClassesAndMissingNativeJar() {
        ClassLoader real = getClass().getClassLoader();
        Nd4jBackendProvider noNd4j = new Nd4jBackendProvider("Linux", "amd64", new HidingLoader(real, "org.nd4j.", "org/nd4j/", "META-INF/maven/org.nd4j/"));
        assertFalse(noNd4j.isAvailable());
        assertTrue(noNd4j.unavailableReason().contains("class org.nd4j.linalg.factory.Nd4j is not on the class path"),
                noNd4j.unavailableReason());
        assertEquals("unknown", noNd4j.version());

        Nd4jBackendProvider noNatives = new Nd4jBackendProvider("Linux", "amd64", new HidingLoader(real, "none.", NATIVE_LIBRARY));
        assertFalse(noNatives.isAvailable());
        assertTrue(noNatives.unavailableReason().contains("with classifier linux-x86_64"), noNatives.unavailableReason());
    }

    @Test
    void validatesOptionsAndReportsThreadSettings() {
        Nd4jBackendProvider provider = new Nd4jBackendProvider();
        IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class,
                () -> provider.create(Map.of("thread", "2")));
        assertTrue(unknown.getMessage().contains("unknown option 'thread'"), unknown.getMessage());
        for (String bad : new String[] {"0", "-1", "two", "", "1025"}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> provider.create(Map.of("threads", bad)), bad);
            assertTrue(e.getMessage().contains("option threads of backend nd4j"), e.getMessage());
        }
        try (Backend two = provider.create(Map.of("threads", "2"))) {
            assertEquals("2", two.settings().get("threads"));
            assertEquals("2", two.settings().get("omp.threads"));
            assertEquals("2", two.settings().get("blas.threads"));
            assertEquals("false", two.settings().get("nd4j.periodicGc"));
        }
        // ND4J's thread settings are process-wide: the default backend puts them back to one.
        try (Backend one = provider.create(Map.of())) {
            assertEquals("nd4j", one.name());
            assertEquals(System.getProperty("nd4j.version"), one.version());
            assertEquals("1", one.settings().get("omp.threads"));
            assertEquals("1", one.settings().get("blas.threads"));
        }
    }

    private static Object call(Object target, String method) throws ReflectiveOperationException {
        Method m = target.getClass().getMethod(method);
        return m.invoke(target);
    }

    /** The jars and class directories the provider needs, found from classes and resources. */
    private static URL[] isolatedClassPath() throws IOException, URISyntaxException {
        List<URL> urls = new ArrayList<>();
        for (Class<?> c : new Class<?>[] {
            Nd4jBackendProvider.class, BackendProvider.class, org.nd4j.linalg.factory.Nd4j.class,
            org.nd4j.linalg.cpu.nativecpu.CpuBackend.class, org.bytedeco.openblas.global.openblas_nolapack.class,
            org.bytedeco.javacpp.Pointer.class,
        }) {
            urls.add(c.getProtectionDomain().getCodeSource().getLocation());
        }
        URL natives = Nd4jBackendProviderTest.class.getClassLoader().getResource(NATIVE_LIBRARY);
        assertNotNull(natives, "native jar on the test class path");
        JarURLConnection connection = (JarURLConnection) natives.openConnection();
        urls.add(Path.of(connection.getJarFileURL().toURI()).toUri().toURL());
        return urls.toArray(URL[]::new);
    }

    /** A loader whose own, unshared classes can be asked whether they were loaded. */
    private static final class RecordingLoader extends URLClassLoader {
        RecordingLoader(URL[] urls) {
            super(urls, ClassLoader.getPlatformClassLoader());
        }

        boolean loaded(String name) {
            return findLoadedClass(name) != null;
        }
    }

    /** Delegates to {@code real} but pretends classes and resources with the given prefixes are absent. */
    private static final class HidingLoader extends ClassLoader {
        private final String hiddenClasses;
        private final String[] hiddenResources;

        HidingLoader(ClassLoader real, String hiddenClasses, String... hiddenResources) {
            super(real);
            this.hiddenClasses = hiddenClasses;
            this.hiddenResources = hiddenResources;
        }

        private boolean hidden(String resource) {
            for (String prefix : hiddenResources) {
                if (resource.startsWith(prefix)) {
                    return true;
                }
            }
            return false;
        }

        @Override
        protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
            if (name.startsWith(hiddenClasses)) {
                throw new ClassNotFoundException(name);
            }
            return super.loadClass(name, resolve);
        }

        @Override
        public URL getResource(String name) {
            return hidden(name) ? null : super.getResource(name);
        }

        @Override
        public java.io.InputStream getResourceAsStream(String name) {
            return hidden(name) ? null : super.getResourceAsStream(name);
        }
    }
}
