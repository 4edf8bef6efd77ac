package dev.gan4j.core.run;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Where two resolved experiments differ in anything that makes them different experiments: what
 * decides whether a checkpoint or a run directory may be resumed with a given experiment.
 */
final class ExperimentDifference {

    private static final ObjectMapper JSON = new ObjectMapper();

    private ExperimentDifference() {
    }

    /**
     * The first difference between two resolved experiments, as a JSON path and both values, or
     * {@code null} if there is none: the backend, the outputs, the description, the iteration
     * count (a resumed run may be extended) and the optimisers' learning rates (a rollback lowers
     * them) may differ.
     *
     * @param savedJson {@code null} (a checkpoint that holds no experiment) matches anything
     */
    static String between(String savedJson, String currentJson) throws JsonProcessingException {
        if (savedJson == null) {
            return null;
        }
        JsonNode a = comparable(JSON.readTree(savedJson));
        JsonNode b = comparable(JSON.readTree(currentJson));
        return firstDifference("$", a, b);
    }

    private static JsonNode comparable(JsonNode n) {
        ObjectNode o = n.deepCopy();
        o.remove(List.of("backend", "output", "description"));
        if (o.get("training") instanceof ObjectNode t) {
            t.remove("iterations");
        }
        for (String network : List.of("discriminator", "generator")) {
            if (o.path("optimizers").get(network) instanceof ObjectNode opt) {
                opt.remove("learningRate");
            }
        }
        return o;
    }

    private static String firstDifference(String path, JsonNode a, JsonNode b) {
        if (a.isObject() && b.isObject()) {
            Iterator<Map.Entry<String, JsonNode>> it = a.fields();
            while (it.hasNext()) {
                Map.Entry<String, JsonNode> e = it.next();
                String d = firstDifference(path + "." + e.getKey(), e.getValue(), b.path(e.getKey()));
                if (d != null) {
                    return d;
                }
            }
            Iterator<String> names = b.fieldNames();
            while (names.hasNext()) {
                String name = names.next();
                if (!a.has(name)) {
                    return path + "." + name + " is new";
                }
            }
            return null;
        }
        if (a.isArray() && b.isArray() && a.size() == b.size()) {
            for (int i = 0; i < a.size(); i++) {
                String d = firstDifference(path + "[" + i + "]", a.get(i), b.get(i));
                if (d != null) {
                    return d;
                }
            }
            return null;
        }
        return a.equals(b) ? null : path + " was " + a + ", is " + (b.isMissingNode() ? "missing" : b.toString());
    }
}
