package dev.gan4j.core.sweep;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Tasks and outcomes as JSON objects: how {@link ProcessExecutor} hands them to and from its
 * workers, and the fields of {@code sweep.jsonl}. A non-finite figure is written as {@code null}
 * (standard JSON) and read back as {@link Double#NaN}.
 */
final class TrialJson {

    static final ObjectMapper JSON = new ObjectMapper();

    private TrialJson() {
    }

    static ObjectNode task(TrialTask t) {
        ObjectNode n = JSON.createObjectNode();
        n.put("trial", t.trialId()).put("rung", t.rung()).put("iterations", t.iterations())
                .put("runDirectory", t.runDirectory()).put("experiment", t.experimentJson());
        return n;
    }

    static TrialTask task(JsonNode n) {
        return new TrialTask(n.path("trial").asText(), n.path("rung").asInt(), n.path("iterations").asLong(),
                n.path("experiment").asText(), n.path("runDirectory").asText());
    }

    static ObjectNode outcome(TrialOutcome o) {
        ObjectNode n = JSON.createObjectNode();
        n.put("trial", o.trialId()).put("rung", o.rung()).put("iterations", o.iterations())
                .put("status", o.status().name().toLowerCase(Locale.ROOT));
        ObjectNode figures = n.putObject("figures");
        o.figures().forEach((k, v) -> {
            if (Double.isFinite(v)) {
                figures.put(k, v);
            } else {
                figures.putNull(k);
            }
        });
        n.put("error", o.error()).put("seconds", Math.round(o.seconds() * 1000) / 1000.0);
        return n;
    }

    static TrialOutcome outcome(JsonNode n) {
        Map<String, Double> figures = new LinkedHashMap<>();
        n.path("figures").fields().forEachRemaining(e -> figures.put(e.getKey(),
                e.getValue().isNumber() ? e.getValue().asDouble() : Double.NaN));
        TrialStatus status = TrialStatus.valueOf(n.path("status").asText().toUpperCase(Locale.ROOT));
        return new TrialOutcome(n.path("trial").asText(), n.path("rung").asInt(), n.path("iterations").asLong(),
                status, figures, n.path("error").asText(""), n.path("seconds").asDouble());
    }
}
