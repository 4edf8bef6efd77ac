package dev.gan4j.mnist;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What the loader may learn from the machine, passed in explicitly so tests do not depend on
 * it: environment variables, the home directory, the system dataset root, HTTP timeouts and a
 * download progress listener. {@link #system()} reads the real ones.
 *
 * @param env environment variables (those the loader reads: {@value #DATA_DIR},
 *     {@value #OFFLINE}, {@code XDG_CACHE_HOME} and each dataset's mirror variable)
 * @param home the user's home directory (the cache is {@code home/.cache/gan4j})
 * @param systemDatasets where operating-system packages install datasets
 *     ({@code /usr/share/datasets} on Debian)
 * @param connectTimeout how long to wait for a mirror to accept a connection
 * @param readTimeout how long to wait for response headers, and for each chunk of the body:
 *     a download that stalls for this long is abandoned
 * @param listener told about download progress
 */
public record DataEnvironment(Map<String, String> env, Path home, Path systemDatasets, Duration connectTimeout,
        Duration readTimeout, DownloadListener listener) {

    /** Environment variable naming a directory that holds dataset files (directly or per dataset). */
    public static final String DATA_DIR = "GAN4J_DATA_DIR";
    /** Environment variable that, set to {@code 1}, {@code true} or {@code yes}, forbids downloads. */
    public static final String OFFLINE = "GAN4J_OFFLINE";

    /** Validates the fields and copies the map (dropping null keys and values). */
    public DataEnvironment {
        Map<String, String> copy = new HashMap<>();
        Objects.requireNonNull(env, "env").forEach((k, v) -> {
            if (k != null && v != null) {
                copy.put(k, v);
            }
        });
        env = Map.copyOf(copy);
        Objects.requireNonNull(home, "home");
        Objects.requireNonNull(systemDatasets, "systemDatasets");
        requirePositive(connectTimeout, "connectTimeout");
        requirePositive(readTimeout, "readTimeout");
        Objects.requireNonNull(listener, "listener");
    }

    /** The real environment, {@code user.home}, {@code /usr/share/datasets}, 30 s / 60 s timeouts, no listener. */
    public static DataEnvironment system() {
        return new DataEnvironment(System.getenv(), Path.of(System.getProperty("user.home")),
                Path.of("/usr/share/datasets"), Duration.ofSeconds(30), Duration.ofSeconds(60), DownloadListener.NONE);
    }

    /** This environment with other environment variables. */
    public DataEnvironment withEnv(Map<String, String> newEnv) {
        return new DataEnvironment(newEnv, home, systemDatasets, connectTimeout, readTimeout, listener);
    }

    /** This environment with one more (or a changed) environment variable. */
    public DataEnvironment withVariable(String name, String value) {
        Map<String, String> copy = new HashMap<>(env);
        copy.put(name, value);
        return withEnv(copy);
    }

    /** This environment with another home directory. */
    public DataEnvironment withHome(Path newHome) {
        return new DataEnvironment(env, newHome, systemDatasets, connectTimeout, readTimeout, listener);
    }

    /** This environment with another system dataset root. */
    public DataEnvironment withSystemDatasets(Path root) {
        return new DataEnvironment(env, home, root, connectTimeout, readTimeout, listener);
    }

    /** This environment with other HTTP timeouts. */
    public DataEnvironment withTimeouts(Duration connect, Duration read) {
        return new DataEnvironment(env, home, systemDatasets, connect, read, listener);
    }

    /** The variable's value, if set and not blank. */
    public Optional<String> variable(String name) {
        String v = env.get(name);
        return v == null || v.isBlank() ? Optional.empty() : Optional.of(v.trim());
    }

    /** Whether {@value #OFFLINE} forbids downloading. */
    public boolean offline() {
        return variable(OFFLINE).map(v -> switch (v.toLowerCase(Locale.ROOT)) {
            case "1", "true", "yes" -> true;
            default -> false;
        }).orElse(false);
    }

    /**
     * The gan4j cache root: {@code $XDG_CACHE_HOME/gan4j} when that is set to an absolute path
     * (the freedesktop convention), otherwise {@code home/.cache/gan4j}.
     */
    public Path cacheRoot() {
        Optional<Path> xdg = variable("XDG_CACHE_HOME").map(Path::of).filter(Path::isAbsolute);
        return xdg.orElse(home.resolve(".cache")).resolve("gan4j");
    }

    private static void requirePositive(Duration d, String what) {
        Objects.requireNonNull(d, what);
        if (d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException(what + " must be positive, got " + d);
        }
    }
}
