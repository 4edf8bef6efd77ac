package dev.gan4j.core.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One {@code --set path=value} override, applied to the experiment's JSON tree before binding so
 * that an overridden value is checked exactly like one written in the file.
 *
 * @param text the override as the user wrote it
 * @param path where it goes
 * @param value the parsed value: a JSON literal when the text is one, otherwise the text as a string
 */
record SetOverride(String text, JsonPath path, JsonNode value) {

    private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_-]*");
    private static final Pattern INDEX = Pattern.compile("\\d{1,9}");

    /** Parses {@code path=value}; the path is like {@code training.iterations} or {@code generator[0].units}. */
    static SetOverride parse(String text, ObjectMapper mapper) {
        int eq = text.indexOf('=');
        if (eq < 0) {
            throw error(text, "expected path=value, e.g. training.iterations=50");
        }
        String pathText = text.substring(0, eq).trim();
        if (pathText.startsWith("$")) {
            pathText = pathText.substring(1);
        }
        if (pathText.startsWith(".")) {
            pathText = pathText.substring(1);
        }
        if (pathText.isEmpty()) {
            throw error(text, "the path before '=' is empty; expected e.g. training.iterations=50");
        }
        List<Object> segments = new ArrayList<>();
        int i = 0;
        while (i < pathText.length()) {
            if (pathText.charAt(i) == '[') {
                int close = pathText.indexOf(']', i);
                String digits = close < 0 ? "" : pathText.substring(i + 1, close);
                if (!INDEX.matcher(digits).matches()) {
                    throw badPath(text, pathText, i);
                }
                segments.add(Integer.parseInt(digits));
                i = close + 1;
                continue;
            }
            if (!segments.isEmpty()) {
                if (pathText.charAt(i) != '.') {
                    throw badPath(text, pathText, i);
                }
                i++;
            }
            Matcher m = NAME.matcher(pathText).region(i, pathText.length());
            if (!m.lookingAt()) {
                throw badPath(text, pathText, i);
            }
            segments.add(m.group());
            i = m.end();
        }
        return new SetOverride(text, new JsonPath(segments), parseValue(text.substring(eq + 1), mapper));
    }

    /** A JSON literal if {@code raw} is one, otherwise {@code raw} as a string. */
    private static JsonNode parseValue(String raw, ObjectMapper mapper) {
        if (raw.isBlank()) {
            return TextNode.valueOf(raw);
        }
        try {
            JsonNode node = mapper.readTree(raw);
            return node == null || node.isMissingNode() ? TextNode.valueOf(raw) : node;
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            return TextNode.valueOf(raw);
        }
    }

    /**
     * Writes the value into {@code root}, creating missing objects on the way. An index may be
     * one past the end of an array to append.
     */
    void apply(ObjectNode root) {
        JsonNode node = root;
        List<Object> segments = path.segments();
        for (int i = 0; i < segments.size(); i++) {
            Object s = segments.get(i);
            boolean last = i == segments.size() - 1;
            JsonPath here = new JsonPath(segments.subList(0, i));
            if (s instanceof Integer index) {
                if (!(node instanceof ArrayNode array)) {
                    throw error(text, here + " is " + describe(node) + ", not an array, so [" + index
                            + "] cannot index it");
                }
                if (index > array.size()) {
                    throw error(text, "index " + index + " is out of range: " + here + " has " + array.size()
                            + " elements (use " + array.size() + " to append)");
                }
                if (last) {
                    if (index == array.size()) {
                        array.add(value);
                    } else {
                        array.set(index, value);
                    }
                    return;
                }
                if (index == array.size()) {
                    array.addObject();
                }
                node = array.get(index);
            } else {
                String name = (String) s;
                if (!(node instanceof ObjectNode object)) {
                    throw error(text, here + " is " + describe(node) + ", not an object, so it has no field '"
                            + name + "'");
                }
                if (last) {
                    object.set(name, value);
                    return;
                }
                JsonNode next = object.get(name);
                if (next == null || next.isNull()) {
                    next = object.putObject(name);
                }
                node = next;
            }
        }
    }

    private static String describe(JsonNode node) {
        return switch (node.getNodeType()) {
            case ARRAY -> "an array";
            case OBJECT -> "an object";
            case NULL -> "null";
            case STRING -> "a string";
            case NUMBER -> "a number";
            case BOOLEAN -> "a boolean";
            default -> node.getNodeType().toString().toLowerCase(java.util.Locale.ROOT);
        };
    }

    private static ExperimentException badPath(String text, String path, int at) {
        return error(text, "cannot read the path '" + path + "' at character " + (at + 1)
                + "; expected field names separated by '.' and array indexes like [0], e.g. generator[0].units");
    }

    private static ExperimentException error(String text, String problem) {
        return new ExperimentException("--set " + text, null, 0, 0, problem);
    }
}
