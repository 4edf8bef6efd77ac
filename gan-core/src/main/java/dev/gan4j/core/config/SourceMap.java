package dev.gan4j.core.config;

import java.util.List;
import java.util.Map;

/**
 * Where each value of an experiment came from: the line and column of every JSON value in the
 * file, and the {@code --set} overrides that replaced some of them. Turns a JSON path into the
 * location an error message should point at.
 *
 * @param source the file name (or other source) for messages
 * @param locations {@code [line, column]} of every value in the text, by path
 * @param overrides the overrides applied after parsing, in order
 */
record SourceMap(String source, Map<JsonPath, int[]> locations, List<SetOverride> overrides) {

    SourceMap {
        locations = Map.copyOf(locations);
        overrides = List.copyOf(overrides);
    }

    /**
     * An error about the value at {@code path}: attributed to the override that wrote it, or else
     * to the file at the line of the value (or of its nearest enclosing value that the file has).
     */
    ExperimentException error(JsonPath path, String problem, Throwable cause) {
        // the last override wins when several wrote the same place, so search from the end
        for (int i = overrides.size() - 1; i >= 0; i--) {
            SetOverride o = overrides.get(i);
            if (o.path().isPrefixOf(path)) {
                return new ExperimentException("--set " + o.text(), path.toString(), 0, 0, problem, cause);
            }
        }
        for (SetOverride o : overrides) {
            if (path.isPrefixOf(o.path())) {
                problem += " (after --set " + o.text() + ")";
                break;
            }
        }
        int[] at = null;
        for (JsonPath p = path; at == null; p = p.parent()) {
            at = locations.get(p);
            if (p.segments().isEmpty()) {
                break;
            }
        }
        return new ExperimentException(source, path.toString(), at == null ? 0 : at[0], at == null ? 0 : at[1],
                problem, cause);
    }
}
