package dev.gan4j.core.config;

import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.regex.Pattern;

/**
 * A path into a JSON document, as a list of field names ({@link String}) and array indexes
 * ({@link Integer}), printed in the usual JSONPath form {@code $.generator[2].type}.
 */
record JsonPath(List<Object> segments) {

    private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    static final JsonPath ROOT = new JsonPath(List.of());

    JsonPath {
        segments = List.copyOf(segments);
    }

    /** The path Jackson recorded while binding. */
    static JsonPath of(List<JsonMappingException.Reference> references) {
        List<Object> out = new ArrayList<>();
        for (JsonMappingException.Reference ref : references) {
            if (ref.getFieldName() != null) {
                out.add(ref.getFieldName());
            } else if (ref.getIndex() >= 0) {
                out.add(ref.getIndex());
            }
        }
        return new JsonPath(out);
    }

    /** The path of a streaming parser's current value. */
    static JsonPath of(JsonStreamContext context) {
        List<Object> out = new ArrayList<>();
        for (JsonStreamContext c = context; c != null; c = c.getParent()) {
            if (c.inObject() && c.getCurrentName() != null) {
                out.add(c.getCurrentName());
            } else if (c.inArray() && c.hasCurrentIndex()) {
                out.add(c.getCurrentIndex());
            }
        }
        Collections.reverse(out);
        return new JsonPath(out);
    }

    /**
     * Reads a path as {@link #toString()} writes it: {@code $}, then {@code .name},
     * {@code [index]} or {@code ['name']} segments.
     *
     * @throws IllegalArgumentException if {@code text} is not such a path
     */
    static JsonPath parse(String text) {
        if (!text.startsWith("$")) {
            throw new IllegalArgumentException("a JSON path starts with '$': " + text);
        }
        List<Object> out = new ArrayList<>();
        int i = 1;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (c == '.') {
                int end = i + 1;
                while (end < text.length() && text.charAt(end) != '.' && text.charAt(end) != '[') {
                    end++;
                }
                if (end == i + 1) {
                    throw new IllegalArgumentException("empty field name at character " + (i + 1) + " of " + text);
                }
                out.add(text.substring(i + 1, end));
                i = end;
            } else if (text.startsWith("['", i)) {
                StringBuilder name = new StringBuilder();
                int j = i + 2;
                for (; j < text.length() && text.charAt(j) != '\''; j++) {
                    if (text.charAt(j) == '\\' && j + 1 < text.length()) {
                        j++;
                    }
                    name.append(text.charAt(j));
                }
                if (!text.startsWith("']", j)) {
                    throw new IllegalArgumentException("unterminated ['name'] at character " + (i + 1) + " of " + text);
                }
                out.add(name.toString());
                i = j + 2;
            } else if (c == '[') {
                int close = text.indexOf(']', i);
                if (close < 0) {
                    throw new IllegalArgumentException("unterminated [index] at character " + (i + 1) + " of " + text);
                }
                out.add(Integer.parseInt(text.substring(i + 1, close)));
                i = close + 1;
            } else {
                throw new IllegalArgumentException("unexpected '" + c + "' at character " + (i + 1) + " of " + text);
            }
        }
        return new JsonPath(out);
    }

    JsonPath child(Object segment) {
        List<Object> out = new ArrayList<>(segments);
        out.add(segment);
        return new JsonPath(out);
    }

    JsonPath parent() {
        return segments.isEmpty() ? this : new JsonPath(segments.subList(0, segments.size() - 1));
    }

    boolean isPrefixOf(JsonPath other) {
        return other.segments.size() >= segments.size()
                && other.segments.subList(0, segments.size()).equals(segments);
    }

    /** The node at this path in {@code root}, or {@code null} if there is none. */
    JsonNode find(JsonNode root) {
        JsonNode node = root;
        for (Object s : segments) {
            if (node == null) {
                return null;
            }
            node = s instanceof Integer i ? (node.isArray() ? node.get(i) : null)
                    : (node.isObject() ? node.get((String) s) : null);
        }
        return node;
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("$");
        for (Object s : segments) {
            if (s instanceof Integer i) {
                sb.append('[').append(i).append(']');
            } else if (IDENTIFIER.matcher((String) s).matches()) {
                sb.append('.').append(s);
            } else {
                sb.append("['").append(((String) s).replace("\\", "\\\\").replace("'", "\\'")).append("']");
            }
        }
        return sb.toString();
    }
}
