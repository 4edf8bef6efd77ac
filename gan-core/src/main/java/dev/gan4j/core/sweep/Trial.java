package dev.gan4j.core.sweep;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * One point of a sweep's search space.
 *
 * @param id its name, e.g. {@code t007}, also its run directory's
 * @param settings the value of each searched path, in the space's order
 * @param experimentJson the resolved experiment it trains
 */
public record Trial(String id, Map<String, JsonNode> settings, String experimentJson) {

    /** Copies the settings, keeping their order. */
    public Trial {
        settings = Collections.unmodifiableMap(new LinkedHashMap<>(settings));
    }

    /** The settings as {@code path=value, ...}. */
    public String describe() {
        return settings.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
                .collect(Collectors.joining(", "));
    }
}
