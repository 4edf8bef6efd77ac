package dev.gan4j.core;

import dev.gan4j.api.Backend;
import dev.gan4j.api.BackendProvider;
import dev.gan4j.api.Backends;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/** Every backend on the test classpath, so core's tests run against each of them. */
public final class TestBackends {
    private TestBackends() {
    }

    /** One created backend per available provider; fails if there is none. */
    public static Stream<Backend> all() {
        List<BackendProvider> providers = Backends.discover().providers().stream()
                .filter(BackendProvider::isAvailable).toList();
        if (providers.isEmpty()) {
            throw new IllegalStateException("no backend on the test classpath: " + Backends.discover().describe());
        }
        return providers.stream().map(p -> p.create(Map.of()));
    }

    /** The default backend. */
    public static Backend any() {
        return Backends.discover().select(null, null, null).create(Map.of());
    }
}
