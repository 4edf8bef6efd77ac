package dev.gan4j.core.config;

/**
 * An experiment that cannot be used as written: malformed JSON, an unknown or missing field, a
 * value out of range, a bad {@code --set} override, or a configuration that does not fit the data.
 *
 * <p>The {@linkplain #getMessage() message} is one line meant for the user, e.g.
 * {@code seed-tutorial.json:31:20: $.training.batchSize: expected an integer, got "abc"}: the
 * source, the line and column when known, the JSON path, and what was expected. The parts are
 * also available separately. It is a user error, so command-line tools print the message without
 * a stack trace.
 */
public final class ExperimentException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final String source;
    private final String path;
    private final int line;
    private final int column;
    private final String problem;

    /**
     * @param source the file name, or what else the experiment came from; may be {@code null}
     * @param path the JSON path of the offending value, e.g. {@code $.generator[2].type}; may be
     *     {@code null}
     * @param line 1-based line, or 0 when unknown
     * @param column 1-based column, or 0 when unknown
     * @param problem what is wrong and what was expected
     */
    public ExperimentException(String source, String path, int line, int column, String problem) {
        this(source, path, line, column, problem, null);
    }

    /** As {@link #ExperimentException(String, String, int, int, String)}, keeping {@code cause} for debugging. */
    public ExperimentException(String source, String path, int line, int column, String problem, Throwable cause) {
        super(format(source, path, line, column, problem), cause);
        this.source = source;
        this.path = path;
        this.line = line;
        this.column = column;
        this.problem = problem;
    }

    /** An error about a whole experiment that no single JSON value can be blamed for. */
    public ExperimentException(String problem, Throwable cause) {
        this(null, null, 0, 0, problem, cause);
    }

    private static String format(String source, String path, int line, int column, String problem) {
        StringBuilder sb = new StringBuilder();
        if (source != null) {
            sb.append(source);
            if (line > 0) {
                sb.append(':').append(line);
                if (column > 0) {
                    sb.append(':').append(column);
                }
            }
            sb.append(": ");
        }
        if (path != null) {
            sb.append(path).append(": ");
        }
        // one line: Jackson and user text may carry newlines
        return sb.append(problem.replaceAll("\\s*\\R\\s*", " ")).toString();
    }

    /** Where the experiment came from (a file name), or {@code null}. */
    public String source() {
        return source;
    }

    /** The JSON path of the offending value, or {@code null}. */
    public String path() {
        return path;
    }

    /** The 1-based line, or 0 when unknown. */
    public int line() {
        return line;
    }

    /** The 1-based column, or 0 when unknown. */
    public int column() {
        return column;
    }

    /** What is wrong, without source and location. */
    public String problem() {
        return problem;
    }
}
