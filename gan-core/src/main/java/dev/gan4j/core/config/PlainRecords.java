package dev.gan4j.core.config;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.gan4j.api.Default;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Binds users' plain configuration records the gan4j way, before Jackson sees them: a component
 * annotated {@link Default} that the JSON leaves out gets its default, and any other component left
 * out is a "missing required field" error at its JSON path (naming a misspelt field that stands in
 * for it) instead of Jackson's "Cannot map `null` into type int", or a silent {@code null}. A record
 * that has a {@link JsonCreator} binds itself, as gan4j's own do.
 */
final class PlainRecords {

    /** A missing required field, at {@code path}. */
    record Missing(JsonPath path, String problem) {
    }

    private final Function<String, Optional<Class<?>>> layer;
    private final Function<String, Optional<Class<?>>> optimizer;
    private final Function<String, Optional<Class<?>>> loss;
    private final Function<String, Optional<Class<?>>> schedule;
    private final ObjectMapper mapper;

    PlainRecords(TypeRegistries types, ObjectMapper mapper) {
        this.layer = name -> types.layers().find(name).map(t -> t.configClass());
        this.optimizer = name -> types.optimizers().find(name).map(t -> t.configClass());
        this.loss = name -> types.losses().find(name).map(t -> t.configClass());
        this.schedule = name -> types.schedules().find(name).map(t -> t.configClass());
        this.mapper = mapper;
    }

    /** Fills defaults in {@code root}'s typed objects; returns the first missing required field, if any. */
    Optional<Missing> apply(ObjectNode root) {
        List<Missing> missing = new ArrayList<>();
        for (String network : List.of("generator", "discriminator")) {
            if (root.get(network) instanceof ArrayNode layers) {
                for (int i = 0; i < layers.size(); i++) {
                    visit(layers.get(i), JsonPath.ROOT.child(network).child(i), layer, List.of(), missing);
                }
            }
        }
        visit(root.get("loss"), JsonPath.ROOT.child("loss"), loss, List.of(), missing);
        if (root.get("optimizers") instanceof ObjectNode optimizers) {
            for (Iterator<Map.Entry<String, JsonNode>> it = optimizers.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                JsonPath at = JsonPath.ROOT.child("optimizers").child(e.getKey());
                visit(e.getValue(), at, optimizer, List.of("schedule"), missing);
                if (e.getValue() instanceof ObjectNode o) {
                    visit(o.get("schedule"), at.child("schedule"), schedule, List.of(), missing);
                }
            }
        }
        return missing.stream().findFirst();
    }

    private void visit(JsonNode node, JsonPath at, Function<String, Optional<Class<?>>> kind, List<String> extra,
            List<Missing> missing) {
        if (!(node instanceof ObjectNode object) || !(object.get("type") instanceof TextNode type)) {
            return; // Jackson reports what is not an object or has no type, with its own message
        }
        Optional<Class<?>> found = kind.apply(type.asText());
        if (found.isEmpty() || !found.get().isRecord() || bindsItself(found.get())) {
            return;
        }
        for (RecordComponent c : found.get().getRecordComponents()) {
            if (object.has(c.getName())) {
                continue;
            }
            Default d = c.getAnnotation(Default.class);
            if (d != null) {
                object.set(c.getName(), json(mapper, d.value()));
            } else if (c.getType() != Optional.class) {
                missing.add(missingField(object, at, c.getName(), found.get(), extra));
            }
        }
    }

    private static boolean bindsItself(Class<?> record) {
        return Arrays.stream(record.getDeclaredMethods()).anyMatch(m -> m.isAnnotationPresent(JsonCreator.class))
                || Arrays.stream(record.getDeclaredConstructors()).anyMatch(c -> c.isAnnotationPresent(JsonCreator.class));
    }

    /** "missing required field", or the misspelt field that was meant to be it. */
    private static Missing missingField(ObjectNode object, JsonPath at, String name, Class<?> record,
            List<String> extra) {
        List<String> known = new ArrayList<>(extra);
        known.add("type");
        Arrays.stream(record.getRecordComponents()).forEach(c -> known.add(c.getName()));
        for (Iterator<String> it = object.fieldNames(); it.hasNext(); ) {
            String field = it.next();
            if (!known.contains(field) && ExperimentLoader.similar(field, name)) {
                return new Missing(at.child(field), "unknown field '" + field + "'; did you mean '" + name + "'? ("
                        + name + " is required)");
            }
        }
        return new Missing(at.child(name), "missing required field '" + name + "'");
    }

    /** A {@link Default}'s value: its JSON, or the text as a string when it is not JSON. */
    static JsonNode json(ObjectMapper mapper, String text) {
        try {
            return mapper.readTree(text);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            return TextNode.valueOf(text);
        }
    }
}
