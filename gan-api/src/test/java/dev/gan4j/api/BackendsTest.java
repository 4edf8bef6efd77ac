package dev.gan4j.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gan4j.api.Backends.NoSuchBackendException;
import java.io.IOException;
import java.lang.reflect.Proxy;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Selection order, tie-breaking and error messages of {@link Backends}, with fake providers. */
class BackendsTest {

    /** A provider that only answers questions; {@link #create} records the options it was given. */
    private static class Fake implements BackendProvider {
        final String name;
        final int priority;
        final boolean available;
        final String reason;
        final List<Map<String, String>> created = new ArrayList<>();

        Fake(String name, int priority, boolean available, String reason) {
            this.name = name;
            this.priority = priority;
            this.available = available;
            this.reason = reason;
        }

        static Fake up(String name, int priority) {
            return new Fake(name, priority, true, "");
        }

        static Fake down(String name, int priority, String reason) {
            return new Fake(name, priority, false, reason);
        }

        @Override
        public String name() {
            return name;
        }

        @Override
        public int priority() {
            return priority;
        }

        @Override
        public boolean isAvailable() {
            return available;
        }

        @Override
        public String unavailableReason() {
            return reason;
        }

        @Override
        public String version() {
            return "1.0";
        }

        @Override
        public Backend create(Map<String, String> options) {
            created.add(options);
            return (Backend) Proxy.newProxyInstance(Backend.class.getClassLoader(), new Class<?>[] {Backend.class},
                    (proxy, method, args) -> {
                        if (method.getName().equals("name")) {
                            return name;
                        }
                        throw new UnsupportedOperationException(method.getName());
                    });
        }
    }

    /** Found by {@link java.util.ServiceLoader} in {@link #discoveryReportsProvidersThatFailToLoad}. */
    public static final class Discoverable extends Fake {
        /** ServiceLoader needs a public no-argument constructor. */
        public Discoverable() {
            super("discoverable", 1, true, "");
        }
    }

    private final Fake fast = Fake.up("fast", 200);
    private final Fake ejml = Fake.up("ejml", 100);
    private final Fake other = Fake.up("other", 100);
    private final Fake broken = Fake.down("native", 300, "libfoo.so not found");
    private final Backends backends = Backends.of(List.of(other, broken, ejml, fast), List.of());

    @Test
    void providersAreSortedByPriorityThenName() {
        assertEquals(List.of(broken, fast, ejml, other), backends.providers());
    }

    @Test
    void requestedBeatsPropertyBeatsEnvironmentBeatsPriority() {
        assertSame(other, backends.select("other", "ejml", "fast"));
        assertSame(ejml, backends.select(null, "ejml", "other"));
        assertSame(ejml, backends.select("  ", "ejml", "other"));
        assertSame(other, backends.select(null, null, "other"));
        assertSame(other, backends.select("", " ", "other"));
        assertSame(fast, backends.select(null, null, null), "highest available priority; 'native' is down");
    }

    @Test
    void tiesInPriorityAreBrokenByName() {
        Backends tied = Backends.of(List.of(Fake.up("zeta", 5), Fake.up("alpha", 5), Fake.up("mid", 5)), List.of());
        assertEquals("alpha", tied.select(null, null, null).name());
    }

    @Test
    void namesMatchIgnoringCaseAndSurroundingSpace() {
        assertSame(ejml, backends.select(" EJML ", null, null));
        assertSame(fast, backends.find("Fast").orElseThrow());
    }

    @Test
    void unknownNameListsEveryProviderAndWhy() {
        var e = assertThrows(NoSuchBackendException.class, () -> backends.select("cuda", null, null));
        String m = e.getMessage();
        assertTrue(m.contains("unknown backend 'cuda'"), m);
        assertTrue(m.contains("requested"), m);
        assertEveryProviderDescribed(m);

        var fromProperty = assertThrows(NoSuchBackendException.class, () -> backends.select(null, "cuda", null));
        assertTrue(fromProperty.getMessage().contains("system property " + Backends.PROPERTY), fromProperty.getMessage());
        var fromEnv = assertThrows(NoSuchBackendException.class, () -> backends.select(null, null, "cuda"));
        assertTrue(fromEnv.getMessage().contains("environment variable " + Backends.ENVIRONMENT), fromEnv.getMessage());
    }

    @Test
    void unavailableNameGivesItsReason() {
        var e = assertThrows(NoSuchBackendException.class, () -> backends.select(null, "native", null));
        String m = e.getMessage();
        assertTrue(m.contains("backend 'native'"), m);
        assertTrue(m.contains("is not available: libfoo.so not found"), m);
        assertEveryProviderDescribed(m);
    }

    private static void assertEveryProviderDescribed(String m) {
        assertTrue(m.contains("fast (priority 200): available"), m);
        assertTrue(m.contains("ejml (priority 100): available"), m);
        assertTrue(m.contains("other (priority 100): available"), m);
        assertTrue(m.contains("native (priority 300): skipped, libfoo.so not found"), m);
    }

    @Test
    void nothingAvailableListsEveryReason() {
        Backends none = Backends.of(List.of(Fake.down("a", 1, "no GPU"), Fake.down("b", 2, "")), List.of("bad entry"));
        var e = assertThrows(NoSuchBackendException.class, () -> none.select(null, null, null));
        String m = e.getMessage();
        assertTrue(m.contains("no backend is available"), m);
        assertTrue(m.contains("a (priority 1): skipped, no GPU"), m);
        assertTrue(m.contains("b (priority 2): skipped, not available"), m);
        assertTrue(m.contains("failed to load a provider: bad entry"), m);

        var empty = assertThrows(NoSuchBackendException.class,
                () -> Backends.of(List.of(), List.of()).select(null, null, null));
        assertTrue(empty.getMessage().contains("No backend providers were found"), empty.getMessage());
    }

    @Test
    void aProviderWhoseChecksThrowIsSkippedWithTheFailure() {
        Fake exploding = new Fake("exploding", 500, true, "") {
            @Override
            public boolean isAvailable() {
                throw new IllegalStateException("probe crashed");
            }

            @Override
            public String unavailableReason() {
                throw new IllegalStateException("probe crashed");
            }
        };
        Backends withExploding = Backends.of(List.of(exploding, ejml), List.of());
        assertSame(ejml, withExploding.select(null, null, null));
        var e = assertThrows(NoSuchBackendException.class, () -> withExploding.select("exploding", null, null));
        assertTrue(e.getMessage().contains("availability check failed"), e.getMessage());
        assertTrue(e.getMessage().contains("probe crashed"), e.getMessage());
    }

    @Test
    void createPassesOptionsToTheSelectedProvider() {
        Backend backend = backends.create("other", Map.of("threads", "3"));
        assertEquals("other", backend.name());
        assertEquals(List.of(Map.of("threads", "3")), other.created);
        assertEquals(List.of(), ejml.created);
    }

    @Test
    void discoveryReportsProvidersThatFailToLoad(@TempDir Path dir) throws IOException {
        Path services = dir.resolve("META-INF/services");
        Files.createDirectories(services);
        Files.writeString(services.resolve(BackendProvider.class.getName()),
                "dev.gan4j.api.NoSuchProvider\n" + Discoverable.class.getName() + "\n", StandardCharsets.UTF_8);
        try (URLClassLoader loader = new URLClassLoader(new URL[] {dir.toUri().toURL()},
                BackendsTest.class.getClassLoader())) {
            Backends found = Backends.discover(loader);
            assertEquals(List.of("discoverable"), found.providers().stream().map(BackendProvider::name).toList());
            assertEquals(1, found.loadErrors().size(), found.loadErrors().toString());
            assertTrue(found.loadErrors().get(0).contains("dev.gan4j.api.NoSuchProvider"), found.loadErrors().toString());
            assertTrue(found.describe().contains("failed to load a provider"), found.describe());
        }
    }
}
