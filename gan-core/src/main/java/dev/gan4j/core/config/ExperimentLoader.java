package dev.gan4j.core.config;

import com.fasterxml.jackson.annotation.JsonTypeInfo;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.exc.InvalidTypeIdException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.jsontype.NamedType;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.type.LogicalType;
import dev.gan4j.api.LayerConfig;
import dev.gan4j.api.LossConfig;
import dev.gan4j.api.OptimizerConfig;
import dev.gan4j.api.ScheduleConfig;
import dev.gan4j.core.nn.LayerRegistry;
import dev.gan4j.core.registry.TypeRegistry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Reads and writes experiment JSON files ({@link ExperimentConfig}).
 *
 * <p>Binding is strict: unknown fields, duplicate keys, missing required fields, values of the
 * wrong type (a string where a number belongs, {@code 1.5} for an integer) and values out of
 * range are all rejected with an {@link ExperimentException} whose one-line message names the
 * file, the line and column, the JSON path and what was expected. The {@code "type"} names of
 * layers, optimisers, losses and schedules come from {@link TypeRegistries}, so types in a user's
 * jar work like built-in ones.
 *
 * <p>{@code --set path=value} overrides are applied to the JSON tree before binding, so an
 * overridden value is checked exactly like one in the file, and an error in it names the
 * override instead of a line.
 *
 * <p>An instance is immutable and thread-safe.
 */
public final class ExperimentLoader {

    private static final Pattern MISSING_PROPERTY = Pattern.compile("Missing required creator property '([^']+)'");
    private static final Pattern SOURCE_LOCATION =
            Pattern.compile("\\s*\\[Source: [^\\]]*?; line: (\\d+), column: (\\d+)]");
    private static final Pattern LEADING_FIELD =
            Pattern.compile("^([A-Za-z][A-Za-z0-9]*(?:\\.[A-Za-z][A-Za-z0-9]*|\\[\\d{1,9}])*)");
    private static final Pattern OUT_OF_RANGE =
            Pattern.compile("^Numeric value \\((-?[0-9]+)\\) out of range of (int|long) \\((-?[0-9]+) - ([0-9]+)\\)");
    private static final Pattern UNCLOSED = Pattern.compile("^Unexpected end-of-input: expected close marker for "
            + "(Object|Array) \\(start marker at \\(line ([0-9]+), column ([0-9]+)\\)\\)");
    private static final Pattern FIELD_NAME_EXPECTED = Pattern.compile(
            "^Unexpected character \\('(.)' \\(code [0-9]+\\)\\): was expecting double-quote to start field name");

    private final TypeRegistries types;
    private final ObjectMapper mapper;

    private ExperimentLoader(TypeRegistries types) {
        this.types = types;
        this.mapper = newMapper(types);
    }

    /** A loader knowing every type registered on the classpath. */
    public static ExperimentLoader create() {
        return new ExperimentLoader(TypeRegistries.discover());
    }

    /**
     * A loader knowing exactly the layer types in {@code layers}, and the optimiser, loss and
     * schedule types registered on the classpath.
     */
    public static ExperimentLoader create(LayerRegistry layers) {
        return new ExperimentLoader(TypeRegistries.discover().withLayers(layers));
    }

    /** A loader knowing exactly the types in {@code types}. */
    public static ExperimentLoader create(TypeRegistries types) {
        return new ExperimentLoader(types);
    }

    /** The layer types this loader binds. */
    public LayerRegistry layers() {
        return types.layers();
    }

    /** Every type this loader binds. */
    public TypeRegistries types() {
        return types;
    }

    /** Reads an experiment file. */
    public ExperimentConfig load(Path file) {
        return load(file, List.of());
    }

    /**
     * Reads an experiment file and applies {@code overrides}, each {@code path=value} (e.g.
     * {@code training.iterations=50}, {@code data.split=test}, {@code generator[0].units=10}).
     * The value is a JSON literal when it is one (number, {@code true}, {@code false},
     * {@code null}, a quoted string, an object or an array), otherwise the text as a string.
     *
     * @throws ExperimentException if the file cannot be read or the experiment is invalid
     */
    public ExperimentConfig load(Path file, List<String> overrides) {
        return read(file, overrides).config();
    }

    /**
     * As {@link #load(Path, List)}, keeping where each value came from so that later problems
     * (networks that do not fit the data, an unknown backend) can be reported at their line with
     * {@link ExperimentFile#locate}.
     *
     * @throws ExperimentException if the file cannot be read or the experiment is invalid
     */
    public ExperimentFile read(Path file, List<String> overrides) {
        String name = file.toString();
        if (Files.isDirectory(file)) {
            throw new ExperimentException(name, null, 0, 0, "is a directory; expected an experiment JSON file");
        }
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new ExperimentException(name, null, 0, 0, "no such file", e);
        } catch (AccessDeniedException e) {
            throw new ExperimentException(name, null, 0, 0, "permission denied", e);
        } catch (IOException e) {
            throw new ExperimentException(name, null, 0, 0, "cannot read: " + e.getMessage(), e);
        }
        return bind(new String(bytes, StandardCharsets.UTF_8), name, overrides);
    }

    /**
     * Binds an experiment from JSON text.
     *
     * @param sourceName what to call the text in error messages, e.g. a file name
     * @param overrides as for {@link #load(Path, List)}
     * @throws ExperimentException if the experiment is invalid
     */
    public ExperimentConfig parse(String json, String sourceName, List<String> overrides) {
        return bind(json, sourceName, overrides).config();
    }

    private ExperimentFile bind(String json, String sourceName, List<String> overrides) {
        if (json.startsWith("\uFEFF")) {
            json = json.substring(1); // a byte-order mark some editors write
        }
        List<SetOverride> parsed = new ArrayList<>();
        for (String o : overrides) {
            parsed.add(SetOverride.parse(o, mapper));
        }
        SourceMap sources = new SourceMap(sourceName, index(json, sourceName), parsed);
        JsonNode tree;
        try {
            tree = mapper.readTree(json);
        } catch (JsonProcessingException e) {
            // index() has parsed the same text already; this is a safety net
            throw new ExperimentException(sourceName, null, 0, 0, "malformed JSON: " + clean(e.getOriginalMessage()), e);
        }
        if (!(tree instanceof ObjectNode root)) {
            throw new ExperimentException(sourceName, "$", 1, 1, "expected a JSON object {...} describing an "
                    + "experiment, got " + (tree == null || tree.isMissingNode() ? "an empty file" : describe(tree)));
        }
        for (SetOverride o : parsed) {
            o.apply(root);
        }
        // names the JSON Schema for editors (see ExperimentSchema); nothing to bind
        JsonNode schema = root.remove(ExperimentSchema.SCHEMA_FIELD);
        if (schema != null && !schema.isTextual()) {
            throw sources.error(JsonPath.ROOT.child(ExperimentSchema.SCHEMA_FIELD), "expected a string naming the "
                    + "experiment's JSON Schema (e.g. \"../experiment.schema.json\"), got " + describe(schema), null);
        }
        Optional<PlainRecords.Missing> missing = new PlainRecords(types, mapper).apply(root);
        if (missing.isPresent()) {
            throw sources.error(missing.get().path(), missing.get().problem(), null);
        }
        try {
            return new ExperimentFile(mapper.readerFor(ExperimentConfig.class).readValue(root), sources);
        } catch (IOException e) {
            throw translate(e, root, sources);
        }
    }

    /**
     * The experiment as JSON with every default filled in and every {@code "type"} named, so that
     * {@link #parse} gives back an equal configuration.
     */
    public String toJson(ExperimentConfig config) {
        return indented(mapper, config);
    }

    /** {@code value} as JSON indented by two spaces, {@code "key": value}, ending with a newline. */
    static String indented(ObjectMapper mapper, Object value) {
        DefaultPrettyPrinter printer = new DefaultPrettyPrinter()
                .withSeparators(Separators.createDefaultInstance()
                        .withObjectFieldValueSpacing(Separators.Spacing.AFTER));
        DefaultIndenter indenter = new DefaultIndenter("  ", "\n");
        printer.indentObjectsWith(indenter);
        printer.indentArraysWith(indenter);
        try {
            return mapper.writer(printer).writeValueAsString(value) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write " + value.getClass().getSimpleName() + " as JSON: "
                    + e.getOriginalMessage(), e);
        }
    }

    /** The mapper that binds experiments, for {@link ExperimentSchema} to spell enum constants as it does. */
    ObjectMapper mapper() {
        return mapper;
    }

    // ---- mapper ---------------------------------------------------------------------------

    /**
     * Gives gan-api's configuration interfaces ({@link LayerConfig}, {@link OptimizerConfig},
     * {@link LossConfig}, {@link ScheduleConfig}) Jackson's polymorphic handling without touching
     * gan-api.
     */
    @JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
    private interface TypedConfigMixIn {
    }

    private static ObjectMapper newMapper(TypeRegistries types) {
        JsonMapper mapper = JsonMapper.builder()
                .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                .enable(DeserializationFeature.FAIL_ON_NUMBERS_FOR_ENUMS)
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY)
                .enable(DeserializationFeature.FAIL_ON_INVALID_SUBTYPE)
                .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
                .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
                .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS)
                .addMixIn(LayerConfig.class, TypedConfigMixIn.class)
                .addMixIn(OptimizerConfig.class, TypedConfigMixIn.class)
                .addMixIn(LossConfig.class, TypedConfigMixIn.class)
                .addMixIn(ScheduleConfig.class, TypedConfigMixIn.class)
                .build();
        // "100" is not a number and 1 is not a string: a typo should fail, not be guessed at
        for (LogicalType t : List.of(LogicalType.Integer, LogicalType.Float, LogicalType.Boolean)) {
            mapper.coercionConfigFor(t).setCoercion(CoercionInputShape.String, CoercionAction.Fail);
            mapper.coercionConfigFor(t).setCoercion(CoercionInputShape.EmptyString, CoercionAction.Fail);
        }
        mapper.coercionConfigFor(LogicalType.Boolean).setCoercion(CoercionInputShape.Integer, CoercionAction.Fail);
        for (CoercionInputShape shape : List.of(CoercionInputShape.Integer, CoercionInputShape.Float,
                CoercionInputShape.Boolean)) {
            mapper.coercionConfigFor(LogicalType.Textual).setCoercion(shape, CoercionAction.Fail);
        }
        types.layers().types().forEach(t -> mapper.registerSubtypes(new NamedType(t.configClass(), t.name())));
        register(mapper, types.optimizers(), t -> new NamedType(t.configClass(), t.name()));
        register(mapper, types.losses(), t -> new NamedType(t.configClass(), t.name()));
        register(mapper, types.schedules(), t -> new NamedType(t.configClass(), t.name()));
        return mapper;
    }

    private static <T> void register(ObjectMapper mapper, TypeRegistry<T> registry, Function<T, NamedType> named) {
        registry.types().forEach(t -> mapper.registerSubtypes(named.apply(t)));
    }

    // ---- locations ------------------------------------------------------------------------

    /** The line and column where every value in {@code json} starts, by path. */
    private Map<JsonPath, int[]> index(String json, String source) {
        Map<JsonPath, int[]> out = new HashMap<>();
        try (JsonParser p = mapper.createParser(json)) {
            JsonToken t;
            while ((t = p.nextToken()) != null) {
                if (t == JsonToken.FIELD_NAME || t == JsonToken.END_OBJECT || t == JsonToken.END_ARRAY) {
                    continue;
                }
                var loc = p.currentTokenLocation();
                out.putIfAbsent(JsonPath.of(p.getParsingContext()), new int[] {loc.getLineNr(), loc.getColumnNr()});
            }
        } catch (JsonProcessingException e) {
            var loc = e.getLocation();
            JsonPath at = e.getProcessor() instanceof JsonParser p ? JsonPath.of(p.getParsingContext()) : null;
            if (at != null && FIELD_NAME_EXPECTED.matcher(String.valueOf(e.getOriginalMessage())).find()
                    && !at.segments().isEmpty() && at.segments().get(at.segments().size() - 1) instanceof String) {
                at = at.parent(); // the parser still names the last field; the error is in the object
            }
            String path = at == null ? null : at.toString();
            throw new ExperimentException(source, path, loc == null ? 0 : loc.getLineNr(),
                    loc == null ? 0 : loc.getColumnNr(), "malformed JSON: " + clean(e.getOriginalMessage()), e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }

    // ---- errors ---------------------------------------------------------------------------

    private ExperimentException translate(IOException e, JsonNode root, SourceMap sources) {
        JsonPath path = JsonPath.ROOT;
        String problem;
        if (e instanceof JsonMappingException m) {
            path = JsonPath.of(m.getPath());
        } else if (e instanceof JsonProcessingException p && p.getProcessor() instanceof JsonParser parser) {
            path = JsonPath.of(parser.getParsingContext());
        }
        if (e instanceof UnrecognizedPropertyException u) {
            List<String> known = u.getKnownPropertyIds().stream().map(String::valueOf).collect(Collectors.toList());
            if (u.getReferringClass() != null && OptimizerConfig.class.isAssignableFrom(u.getReferringClass())) {
                known.add("schedule"); // bound by ScheduledOptimizerConfig, for every optimiser type
            }
            known = known.stream().sorted().toList();
            problem = "unknown field '" + u.getPropertyName() + "'" + suggestion(u.getPropertyName(), known)
                    + "; expected one of: " + String.join(", ", known);
        } else if (e instanceof InvalidTypeIdException t) {
            Class<?> base = t.getBaseType() == null ? Object.class : t.getBaseType().getRawClass();
            String what = kindOf(base);
            List<String> ids = knownTypeIds(base);
            String known = String.join(", ", ids);
            if (t.getTypeId() == null) {
                problem = "missing \"type\"; expected one of the " + what + "s: " + known;
            } else {
                problem = "unknown " + what + " '" + t.getTypeId() + "'" + suggestion(t.getTypeId(), ids) + "; known "
                        + what + "s: " + known;
            }
            path = path.child("type");
        } else if (e instanceof ValueInstantiationException v) {
            Throwable cause = v.getCause() != null ? v.getCause() : v;
            problem = cause.getMessage() != null ? cause.getMessage() : cause.toString();
            path = refine(path, problem, root);
        } else if (e instanceof MismatchedInputException m) {
            Matcher missing = MISSING_PROPERTY.matcher(m.getOriginalMessage());
            if (missing.find()) {
                String name = missing.group(1);
                problem = "missing required field '" + name + "'";
                // Jackson reports the missing field before the misspelt one that was meant to be it
                JsonNode object = path.parent().find(root);
                if (object != null && object.isObject()) {
                    List<String> known = owner(m) == null ? List.of() : propertyNames(owner(m));
                    for (String field : (Iterable<String>) object::fieldNames) {
                        if (!known.contains(field) && similar(field, name)) {
                            path = path.parent().child(field);
                            problem = "unknown field '" + field + "'; did you mean '" + name + "'? (" + name
                                    + " is required)";
                            break;
                        }
                    }
                }
            } else if (m.getTargetType() != null) {
                JsonNode actual = path.find(root);
                problem = "expected " + expected(m.getTargetType()) + ", got "
                        + (actual == null ? clean(m.getOriginalMessage()) : describe(actual));
            } else {
                problem = clean(m.getOriginalMessage());
            }
        } else if (e instanceof JsonProcessingException p) {
            problem = clean(p.getOriginalMessage());
        } else {
            problem = e.toString();
        }
        return sources.error(path, problem, e);
    }

    /**
     * A record's constructor names the field it rejects at the start of its message
     * ("units must be positive"); point the path at that field when the JSON has it.
     */
    private static JsonPath refine(JsonPath path, String message, JsonNode root) {
        Matcher m = LEADING_FIELD.matcher(message);
        if (!m.find()) {
            return path;
        }
        JsonPath candidate = path;
        for (Object segment : JsonPath.parse("$." + m.group(1)).segments()) {
            candidate = candidate.child(segment);
        }
        return candidate.find(root) != null ? candidate : path;
    }

    /** The class whose field the last path element of {@code e} is. */
    private static Class<?> owner(JsonMappingException e) {
        List<JsonMappingException.Reference> refs = e.getPath();
        if (refs.isEmpty() || refs.get(refs.size() - 1).getFrom() == null) {
            return null;
        }
        Object from = refs.get(refs.size() - 1).getFrom();
        return from instanceof Class<?> c ? c : from.getClass();
    }

    /** The JSON field names {@code type} binds. */
    private List<String> propertyNames(Class<?> type) {
        var config = mapper.getDeserializationConfig();
        return config.introspect(config.constructType(type)).findProperties().stream()
                .map(p -> p.getName()).toList();
    }

    /** {@code "; did you mean 'x'?"} when a known name is close to {@code name}, else empty. */
    private static String suggestion(String name, List<String> known) {
        return known.stream().filter(k -> similar(name, k)).findFirst().map(k -> "; did you mean '" + k + "'?")
                .orElse("");
    }

    /** Same ignoring case, or at most two single-character edits apart. */
    static boolean similar(String a, String b) {
        if (a.equalsIgnoreCase(b)) {
            return true;
        }
        int shorter = Math.min(a.length(), b.length());
        // two edits make any short name look like another; a three-letter name may be one edit off
        int allowed = shorter < 3 ? 0 : shorter < 4 ? 1 : 2;
        if (allowed == 0 || Math.abs(a.length() - b.length()) > allowed) {
            return false;
        }
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = Character.toLowerCase(a.charAt(i - 1)) == Character.toLowerCase(b.charAt(j - 1)) ? 0 : 1;
                current[j] = Math.min(Math.min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
            }
            int[] t = previous;
            previous = current;
            current = t;
        }
        return previous[b.length()] <= allowed;
    }

    private String kindOf(Class<?> base) {
        if (base == LayerConfig.class) {
            return "layer type";
        }
        if (base == LossConfig.class) {
            return "loss type";
        }
        if (base == OptimizerConfig.class) {
            return "optimizer type";
        }
        if (base == ScheduleConfig.class) {
            return "schedule type";
        }
        return "type";
    }

    /** Every {@code "type"} name registered for {@code base}, sorted. */
    private List<String> knownTypeIds(Class<?> base) {
        var config = mapper.getDeserializationConfig();
        var annotated = config.introspectClassAnnotations(config.constructType(base)).getClassInfo();
        Collection<NamedType> types = mapper.getSubtypeResolver().collectAndResolveSubtypesByTypeId(config, annotated);
        return types.stream().filter(NamedType::hasName).map(NamedType::getName).distinct().sorted().toList();
    }

    private String expected(Class<?> c) {
        if (c == int.class || c == Integer.class || c == long.class || c == Long.class || c == short.class) {
            return "an integer";
        }
        if (c == float.class || c == Float.class || c == double.class || c == Double.class) {
            return "a number";
        }
        if (c == boolean.class || c == Boolean.class) {
            return "true or false";
        }
        if (c == String.class) {
            return "a string";
        }
        if (c.isEnum()) {
            return "one of " + java.util.Arrays.stream(c.getEnumConstants()).map(this::jsonName)
                    .collect(Collectors.joining(", "));
        }
        if (Collection.class.isAssignableFrom(c) || c.isArray()) {
            return "an array";
        }
        return "an object";
    }

    private String jsonName(Object constant) {
        try {
            return mapper.writeValueAsString(constant);
        } catch (JsonProcessingException e) {
            return String.valueOf(constant);
        }
    }

    private static String describe(JsonNode node) {
        return switch (node.getNodeType()) {
            case ARRAY -> "an array";
            case OBJECT -> "an object";
            case NULL -> "null";
            case STRING -> {
                String s = node.toString();
                yield s.length() > 60 ? s.substring(0, 57) + "...\"" : s;
            }
            default -> node.toString();
        };
    }

    /**
     * Jackson's message without its source description and class names, and the common syntax
     * errors said in words a person writing JSON by hand would use.
     */
    private static String clean(String message) {
        if (message == null) {
            return "invalid value";
        }
        String m = SOURCE_LOCATION.matcher(message).replaceAll(" (line $1, column $2)")
                .replaceAll("`(?:[a-z0-9_]+\\.)+([A-Za-z0-9_$]+)`", "`$1`");
        Matcher range = OUT_OF_RANGE.matcher(m);
        if (range.find()) {
            return "expected an integer from " + range.group(3) + " to " + range.group(4) + ", got " + range.group(1);
        }
        Matcher unclosed = UNCLOSED.matcher(m);
        if (unclosed.find()) {
            boolean object = unclosed.group(1).equals("Object");
            return "the file ends before the " + (object ? "object '{'" : "array '['") + " opened at line "
                    + unclosed.group(2) + ", column " + unclosed.group(3) + " is closed: expected '"
                    + (object ? "}" : "]") + "'";
        }
        if (m.startsWith("Unexpected end-of-input: was expecting closing quote")) {
            return "the file ends inside a string: expected a closing '\"'";
        }
        if (m.startsWith("Unexpected end-of-input within/between Object entries")) {
            return "the file ends inside an object: expected another field or '}'";
        }
        if (m.startsWith("Unexpected end-of-input within/between Array entries")) {
            return "the file ends inside an array: expected another value or ']'";
        }
        if (m.startsWith("Unexpected end-of-input")) {
            return "the file ends too early: " + m.substring("Unexpected end-of-input".length()).replaceFirst("^[:,]\\s*", "");
        }
        Matcher fieldName = FIELD_NAME_EXPECTED.matcher(m);
        if (fieldName.find()) {
            String c = fieldName.group(1);
            return "expected a field name in double quotes, got '" + c + "'" + (c.equals("}") ? " (a comma before '}'?)" : "");
        }
        if (m.startsWith("Non-standard token '")) {
            String token = m.substring("Non-standard token '".length(), m.indexOf('\'', "Non-standard token '".length()));
            return token + " is not a JSON number: use a finite number";
        }
        if (m.contains("maybe a (non-standard) comment?")) {
            return "comments are not allowed in JSON";
        }
        return m;
    }
}
