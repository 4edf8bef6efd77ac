package dev.gan4j.core.config;

import java.util.Objects;

/**
 * An experiment as read by {@link ExperimentLoader#read}: the bound {@link ExperimentConfig} and
 * where each of its values came from, so that a problem found later — when the networks meet the
 * data, or the backend is chosen — can still be reported at the line of the file (or the
 * {@code --set} override) that caused it.
 *
 * <p>Immutable and thread-safe.
 */
public final class ExperimentFile {

    private final ExperimentConfig config;
    private final SourceMap sources;

    ExperimentFile(ExperimentConfig config, SourceMap sources) {
        this.config = Objects.requireNonNull(config, "config");
        this.sources = Objects.requireNonNull(sources, "sources");
    }

    /** The experiment. */
    public ExperimentConfig config() {
        return config;
    }

    /** What the experiment was read from, e.g. the file name. */
    public String source() {
        return sources.source();
    }

    /**
     * {@code e} located in this file: when it names a JSON path but no source (as errors from
     * {@link dev.gan4j.core.GanExperiment} do), the same problem with this file's name and the
     * line and column of that path, or the {@code --set} override that wrote it. Any other
     * exception is returned as it is.
     */
    public ExperimentException locate(ExperimentException e) {
        if (e.source() != null || e.path() == null) {
            return e;
        }
        JsonPath path;
        try {
            path = JsonPath.parse(e.path());
        } catch (IllegalArgumentException notOurs) {
            return e;
        }
        ExperimentException located = sources.error(path, e.problem(), e.getCause() != null ? e.getCause() : e);
        located.setStackTrace(e.getStackTrace());
        return located;
    }

    /** An error about the value at {@code path} (e.g. {@code "$.backend"}), located in this file. */
    public ExperimentException error(String path, String problem, Throwable cause) {
        return sources.error(JsonPath.parse(path), problem, cause);
    }
}
