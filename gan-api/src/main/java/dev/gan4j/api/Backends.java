package dev.gan4j.api;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;

/**
 * Finds {@link BackendProvider}s with {@link ServiceLoader} and chooses one.
 *
 * <p>Selection order: the name the caller asks for (an experiment's {@code backend} field or the
 * command line), then the system property {@code gan4j.backend}, then the environment variable
 * {@code GAN4J_BACKEND}, then the available provider with the highest {@link
 * BackendProvider#priority()}, ties broken by name. When nothing fits, the
 * {@link NoSuchBackendException} lists every provider found and why each was skipped.
 */
public final class Backends {

    /** System property naming the backend to use when the experiment names none. */
    public static final String PROPERTY = "gan4j.backend";
    /** Environment variable naming the backend to use when neither experiment nor property does. */
    public static final String ENVIRONMENT = "GAN4J_BACKEND";

    private final List<BackendProvider> providers;
    private final List<String> loadErrors;

    private Backends(List<BackendProvider> providers, List<String> loadErrors) {
        this.providers = List.copyOf(providers);
        this.loadErrors = List.copyOf(loadErrors);
    }

    /** Providers registered on the thread's context class loader (or this class's loader). */
    public static Backends discover() {
        ClassLoader loader = Thread.currentThread().getContextClassLoader();
        return discover(loader != null ? loader : Backends.class.getClassLoader());
    }

    /** Providers registered on {@code loader}. A provider that fails to load is reported, not thrown. */
    public static Backends discover(ClassLoader loader) {
        List<BackendProvider> found = new ArrayList<>();
        List<String> errors = new ArrayList<>();
        var iterator = ServiceLoader.load(BackendProvider.class, loader).iterator();
        while (true) {
            try {
                if (!iterator.hasNext()) {
                    break;
                }
                found.add(iterator.next());
            } catch (ServiceConfigurationError | LinkageError e) {
                errors.add(e.getMessage());
            }
        }
        return of(found, errors);
    }

    /** A fixed set of providers, e.g. for tests. */
    public static Backends of(List<BackendProvider> providers, List<String> loadErrors) {
        List<BackendProvider> sorted = new ArrayList<>(providers);
        sorted.sort(Comparator.comparingInt(BackendProvider::priority).reversed()
                .thenComparing(BackendProvider::name));
        return new Backends(sorted, loadErrors);
    }

    /** Every provider found, best first. */
    public List<BackendProvider> providers() {
        return providers;
    }

    /** Providers that were registered but could not be loaded, as messages. */
    public List<String> loadErrors() {
        return loadErrors;
    }

    /** The provider registered under {@code name}, ignoring case. */
    public Optional<BackendProvider> find(String name) {
        return providers.stream().filter(p -> p.name().equalsIgnoreCase(name)).findFirst();
    }

    /**
     * Chooses a provider using {@code requested}, then {@value #PROPERTY}, then
     * {@value #ENVIRONMENT}, then priority.
     *
     * @param requested a backend name, or {@code null}/blank for "no preference"
     * @throws NoSuchBackendException if the chosen name is unknown or unavailable, or nothing is
     *     available
     */
    public BackendProvider select(String requested) {
        return select(requested, System.getProperty(PROPERTY), System.getenv(ENVIRONMENT));
    }

    /** {@link #select(String)} with the property and environment values given explicitly. */
    public BackendProvider select(String requested, String property, String environment) {
        String name = null;
        String source = null;
        if (notBlank(requested)) {
            name = requested.trim();
            source = "requested";
        } else if (notBlank(property)) {
            name = property.trim();
            source = "system property " + PROPERTY;
        } else if (notBlank(environment)) {
            name = environment.trim();
            source = "environment variable " + ENVIRONMENT;
        }
        if (name != null) {
            Optional<BackendProvider> match = find(name);
            if (match.isEmpty()) {
                throw new NoSuchBackendException("unknown backend '" + name + "' (" + source + "). "
                        + describe());
            }
            BackendProvider provider = match.get();
            if (!safeAvailable(provider)) {
                throw new NoSuchBackendException("backend '" + name + "' (" + source + ") is not available: "
                        + safeReason(provider) + ". " + describe());
            }
            return provider;
        }
        return providers.stream().filter(Backends::safeAvailable).findFirst()
                .orElseThrow(() -> new NoSuchBackendException("no backend is available. " + describe()));
    }

    /** Selects a provider as {@link #select(String)} does and creates its backend. */
    public Backend create(String requested, Map<String, String> options) {
        return select(requested).create(options);
    }

    /** One line per provider: name, priority, availability and reason; then load errors. */
    public String describe() {
        StringBuilder sb = new StringBuilder();
        if (providers.isEmpty()) {
            sb.append("No backend providers were found on the classpath; add a backend jar such as "
                    + "dev.gan4j:backend-ejml.");
        } else {
            sb.append("Providers found:");
            for (BackendProvider p : providers) {
                sb.append(String.format(Locale.ROOT, "%n  %s (priority %d): %s", p.name(), p.priority(),
                        safeAvailable(p) ? "available" : "skipped, " + safeReason(p)));
            }
        }
        for (String error : loadErrors) {
            sb.append(String.format(Locale.ROOT, "%n  failed to load a provider: %s", error));
        }
        return sb.toString();
    }

    private static boolean safeAvailable(BackendProvider p) {
        try {
            return p.isAvailable();
        } catch (RuntimeException | LinkageError e) {
            return false;
        }
    }

    private static String safeReason(BackendProvider p) {
        try {
            String reason = p.unavailableReason();
            return reason == null || reason.isBlank() ? "not available" : reason;
        } catch (RuntimeException | LinkageError e) {
            return "availability check failed: " + e;
        }
    }

    private static boolean notBlank(String s) {
        return s != null && !s.isBlank();
    }

    /** Thrown when no backend fits the request; the message lists every provider found. */
    public static final class NoSuchBackendException extends IllegalStateException {
        public NoSuchBackendException(String message) {
            super(message);
        }
    }
}
