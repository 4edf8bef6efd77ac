package dev.gan4j.examples;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Checks a JSON value against a JSON Schema, for the keywords {@code gan schema} emits:
 * {@code $ref} (within the document), {@code type}, {@code properties}, {@code required},
 * {@code additionalProperties}, {@code enum}, {@code const}, {@code oneOf} and {@code items}.
 * Any other keyword that would constrain a value is refused rather than ignored, so the check
 * cannot pass by not understanding the schema. (A published validator was not used: the ones
 * available are built against a newer Jackson than gan4j's 2.18.)
 */
final class SchemaCheck {

    /** Keywords that only annotate. */
    private static final Set<String> ANNOTATIONS = Set.of("$schema", "$defs", "title", "description", "default");

    private final JsonNode root;

    SchemaCheck(JsonNode root) {
        this.root = root;
    }

    /** Every way {@code value} breaks the schema, each {@code "PATH: problem"}; empty when it conforms. */
    List<String> errors(JsonNode value) {
        List<String> out = new ArrayList<>();
        check(root, value, "$", out);
        return out;
    }

    private void check(JsonNode schema, JsonNode value, String path, List<String> out) {
        Set<String> known = new HashSet<>(ANNOTATIONS);
        known.addAll(List.of("$ref", "type", "properties", "required", "additionalProperties", "enum", "const",
                "oneOf", "items"));
        schema.fieldNames().forEachRemaining(k -> {
            if (!known.contains(k)) {
                throw new IllegalArgumentException("SchemaCheck does not know keyword '" + k + "' at " + path);
            }
        });
        if (schema.has("$ref")) {
            String ref = schema.get("$ref").asText();
            if (!ref.startsWith("#/")) {
                throw new IllegalArgumentException("only references within the schema are supported: " + ref);
            }
            JsonNode target = root.at(ref.substring(1));
            if (target.isMissingNode()) {
                throw new IllegalArgumentException("dangling $ref " + ref + " at " + path);
            }
            check(target, value, path, out);
        }
        if (schema.has("type") && !typeMatches(schema.get("type"), value)) {
            out.add(path + ": expected " + schema.get("type") + ", got " + value.getNodeType());
            return;
        }
        if (schema.has("const") && !schema.get("const").equals(value)) {
            out.add(path + ": expected " + schema.get("const") + ", got " + value);
        }
        if (schema.has("enum")) {
            boolean found = false;
            for (JsonNode allowed : schema.get("enum")) {
                found |= allowed.equals(value);
            }
            if (!found) {
                out.add(path + ": " + value + " is not one of " + schema.get("enum"));
            }
        }
        if (schema.has("oneOf")) {
            List<String> why = new ArrayList<>();
            int matching = 0;
            for (JsonNode branch : schema.get("oneOf")) {
                List<String> errors = new ArrayList<>();
                check(branch, value, path, errors);
                if (errors.isEmpty()) {
                    matching++;
                } else {
                    why.add(String.join("; ", errors));
                }
            }
            if (matching != 1) {
                out.add(path + ": matches " + matching + " of the oneOf branches, not exactly one" + why);
            }
        }
        if (value.isObject()) {
            checkObject(schema, value, path, out);
        }
        if (value.isArray() && schema.has("items")) {
            for (int i = 0; i < value.size(); i++) {
                check(schema.get("items"), value.get(i), path + "[" + i + "]", out);
            }
        }
    }

    private void checkObject(JsonNode schema, JsonNode value, String path, List<String> out) {
        JsonNode properties = schema.path("properties");
        for (JsonNode name : schema.path("required")) {
            if (!value.has(name.asText())) {
                out.add(path + ": missing required '" + name.asText() + "'");
            }
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = value.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            String at = path + "." + e.getKey();
            if (properties.has(e.getKey())) {
                check(properties.get(e.getKey()), e.getValue(), at, out);
            } else if (schema.has("additionalProperties")) {
                JsonNode additional = schema.get("additionalProperties");
                if (additional.isBoolean() && !additional.asBoolean()) {
                    out.add(at + ": not allowed here");
                } else if (additional.isObject()) {
                    check(additional, e.getValue(), at, out);
                }
            }
        }
    }

    private static boolean typeMatches(JsonNode type, JsonNode value) {
        if (type.isArray()) {
            for (JsonNode t : type) {
                if (typeMatches(t, value)) {
                    return true;
                }
            }
            return false;
        }
        return switch (type.asText()) {
            case "object" -> value.isObject();
            case "array" -> value.isArray();
            case "string" -> value.isTextual();
            // stricter than JSON Schema, where 2.0 is an integer, as the loader is
            case "integer" -> value.isIntegralNumber();
            case "number" -> value.isNumber();
            case "boolean" -> value.isBoolean();
            case "null" -> value.isNull();
            default -> throw new IllegalArgumentException("unknown type " + type);
        };
    }
}
