package dev.gan4j.core.sweep;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.gan4j.core.config.ExperimentConfig;
import dev.gan4j.core.config.ExperimentException;
import dev.gan4j.core.config.ExperimentLoader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads a sweep file strictly: an unknown field, a value of the wrong kind or out of range is an
 * {@link ExperimentException} naming the file and the JSON path, like an experiment's. The base
 * experiment is bound with {@link ExperimentLoader}, and {@link #load} then binds every trial's
 * experiment, so a bad path or value in the space fails before anything trains.
 *
 * <p>Overrides ({@code gan sweep --set}) are {@code path=value}: {@code base.PATH=VALUE} overrides
 * the base experiment (as {@code gan train --set PATH=VALUE} would), any other path a field of
 * the sweep file itself, e.g. {@code trials=4} or {@code rungs=[20,60]}.
 */
public final class SweepFile {

    private static final Set<String> FIELDS = Set.of("$schema", "name", "description", "base", "set", "space",
            "method", "trials", "seed", "objective", "rungs", "keep", "budget");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final String source;

    private SweepFile(String source) {
        this.source = source;
    }

    /**
     * Reads {@code file} with {@code overrides} applied and checks every trial's experiment.
     *
     * @throws ExperimentException if the file, its base or a trial is invalid
     */
    public static SweepConfig load(Path file, List<String> overrides) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new ExperimentException(file.toString(), null, 0, 0, "no such file", e);
        } catch (IOException e) {
            throw new ExperimentException(file.toString(), null, 0, 0, "cannot read: " + e.getMessage(), e);
        }
        Path dir = file.toAbsolutePath().getParent();
        return parse(text, file.toString(), dir, overrides);
    }

    /**
     * Reads a sweep from JSON text.
     *
     * @param directory where a base experiment named by a relative path is looked for
     * @throws ExperimentException if the sweep, its base or a trial is invalid
     */
    public static SweepConfig parse(String text, String sourceName, Path directory, List<String> overrides) {
        SweepConfig config = new SweepFile(sourceName).bind(text, directory, overrides);
        config.plan(); // binds every trial's experiment now, before anything trains
        return config;
    }

    private SweepConfig bind(String text, Path directory, List<String> overrides) {
        JsonNode tree;
        try {
            tree = JSON.readTree(text.startsWith("\uFEFF") ? text.substring(1) : text);
        } catch (JsonProcessingException e) {
            throw new ExperimentException(source, null, e.getLocation() == null ? 0 : e.getLocation().getLineNr(),
                    e.getLocation() == null ? 0 : e.getLocation().getColumnNr(), "malformed JSON: "
                    + e.getOriginalMessage(), e);
        }
        if (!(tree instanceof ObjectNode root)) {
            throw error("$", "expected a JSON object {...} describing a sweep");
        }
        List<String> baseOverrides = new ArrayList<>();
        for (String o : overrides) {
            int eq = o.indexOf('=');
            String path = eq < 0 ? "" : o.substring(0, eq).trim();
            if (path.isEmpty()) {
                throw new ExperimentException("--set " + o, null, 0, 0, "expected path=value, e.g. trials=4 or "
                        + "base.data.split=test");
            }
            if (path.startsWith("base.")) {
                baseOverrides.add(o.substring("base.".length()).trim());
            } else {
                set(root, path, value(o.substring(eq + 1)), o);
            }
        }
        for (Iterator<String> names = root.fieldNames(); names.hasNext();) {
            String f = names.next();
            if (!FIELDS.contains(f)) {
                throw error("$." + f, "unknown field; a sweep has " + String.join(", ", FIELDS.stream().filter(
                        n -> !n.startsWith("$")).sorted().toList()));
            }
        }
        String name = text(root, "name", null);
        if (name == null || !name.matches("[A-Za-z0-9][A-Za-z0-9._-]*")) {
            throw error("$.name", "expected a name of letters, digits, '.', '_' and '-' (it names the sweep's "
                    + "directory), got " + root.get("name"));
        }
        List<String> baseSet = new ArrayList<>();
        JsonNode set = root.get("set");
        if (set != null) {
            if (!set.isObject()) {
                throw error("$.set", "expected an object of overrides for the base, e.g. {\"data.split\": \"test\"}");
            }
            set.fields().forEachRemaining(e -> baseSet.add(e.getKey() + "=" + e.getValue()));
        }
        baseSet.addAll(baseOverrides);
        ExperimentConfig base = base(root.get("base"), directory, baseSet);
        ExperimentLoader loader = ExperimentLoader.create();
        String baseJson = loader.toJson(base);

        Map<String, Domain> space = space(root.get("space"));
        String method = text(root, "method", "grid");
        if (!method.equals("grid") && !method.equals("random")) {
            throw error("$.method", "expected \"grid\" or \"random\", got \"" + method + "\"");
        }
        boolean random = method.equals("random");
        int trials;
        if (random) {
            trials = (int) integer(root, "trials", 0, 1, 100_000);
            if (trials == 0) {
                throw error("$.trials", "a random search needs \"trials\": how many settings to draw");
            }
        } else {
            if (root.hasNonNull("trials")) {
                throw error("$.trials", "a grid tries every combination; \"trials\" is for \"method\": \"random\"");
            }
            long size = 1;
            for (Map.Entry<String, Domain> e : space.entrySet()) {
                if (!(e.getValue() instanceof Domain.Values v)) {
                    throw error("$.space['" + e.getKey() + "']", "a grid needs a list of values; ranges need "
                            + "\"method\": \"random\"");
                }
                size *= v.values().size();
                if (size > 100_000) {
                    throw error("$.space", "the grid has more than 100,000 points; use \"method\": \"random\"");
                }
            }
            trials = (int) size;
        }
        long seed = integer(root, "seed", 1, Long.MIN_VALUE, Long.MAX_VALUE);
        Objective objective = objective(root.get("objective"));
        List<Integer> rungs = rungs(root.get("rungs"), base.training().iterations());
        double keep = keep(root.get("keep"));
        int maxTrials = 0;
        long maxIterations = 0;
        JsonNode budget = root.get("budget");
        if (budget != null) {
            if (!(budget instanceof ObjectNode b)) {
                throw error("$.budget", "expected {\"trials\": N, \"iterations\": M}");
            }
            for (Iterator<String> names = b.fieldNames(); names.hasNext();) {
                String f = names.next();
                if (!f.equals("trials") && !f.equals("iterations")) {
                    throw error("$.budget." + f, "unknown field; a budget has trials and iterations");
                }
            }
            maxTrials = (int) integer(b, "budget", "trials", 0, 1, 100_000);
            maxIterations = integer(b, "budget", "iterations", 0, 1, Long.MAX_VALUE);
        }
        SweepConfig config = new SweepConfig(name, baseJson, space, random, trials, seed, objective, rungs, keep,
                maxTrials, maxIterations);
        if (maxTrials > 0 && trials > maxTrials) {
            throw error(random ? "$.trials" : "$.space", "the sweep has " + trials + " trials, over the budget of "
                    + maxTrials + " ($.budget.trials)");
        }
        if (maxIterations > 0 && config.plannedIterations() > maxIterations) {
            throw error("$.rungs", String.format(java.util.Locale.ROOT, "successive halving runs up to %,d "
                    + "iterations, over the budget of %,d ($.budget.iterations)", config.plannedIterations(),
                    maxIterations));
        }
        return config;
    }

    private ExperimentConfig base(JsonNode base, Path directory, List<String> overrides) {
        ExperimentLoader loader = ExperimentLoader.create();
        if (base == null) {
            throw error("$.base", "missing: the experiment to search around, a file name (relative to the sweep "
                    + "file) or an experiment object");
        }
        if (base.isTextual()) {
            Path file = directory.resolve(base.asText());
            return loader.load(file, overrides);
        }
        if (base.isObject()) {
            return loader.parse(base.toString(), source + " $.base", overrides);
        }
        throw error("$.base", "expected a file name or an experiment object, got " + base);
    }

    private Map<String, Domain> space(JsonNode node) {
        if (!(node instanceof ObjectNode space) || space.isEmpty()) {
            throw error("$.space", "expected an object of at least one path to search, e.g. "
                    + "{\"optimizers.generator.learningRate\": {\"log-uniform\": [1e-5, 1e-3]}}");
        }
        Map<String, Domain> out = new LinkedHashMap<>();
        space.fields().forEachRemaining(e -> out.put(e.getKey(), domain("$.space['" + e.getKey() + "']",
                e.getValue())));
        return out;
    }

    private Domain domain(String path, JsonNode node) {
        if (node.isArray()) {
            if (node.isEmpty()) {
                throw error(path, "an empty list: give at least one value");
            }
            List<JsonNode> values = new ArrayList<>();
            node.forEach(values::add);
            return new Domain.Values(values, false);
        }
        if (node instanceof ObjectNode o && o.size() == 1) {
            String kind = o.fieldNames().next();
            JsonNode arg = o.get(kind);
            switch (kind) {
                case "choice" -> {
                    Domain d = domain(path + ".choice", arg.isArray() ? arg : TextNode.valueOf(""));
                    return new Domain.Values(((Domain.Values) d).values(), true);
                }
                case "uniform", "log-uniform" -> {
                    String p = path + "['" + kind + "']";
                    if (!arg.isArray() || arg.size() != 2 || !arg.get(0).isNumber() || !arg.get(1).isNumber()) {
                        throw error(p, "expected [low, high], two numbers");
                    }
                    double low = arg.get(0).asDouble();
                    double high = arg.get(1).asDouble();
                    if (!(low < high) || !Double.isFinite(low) || !Double.isFinite(high)) {
                        throw error(p, "expected low < high, got [" + low + ", " + high + "]");
                    }
                    if (kind.equals("log-uniform") && low <= 0) {
                        throw error(p, "a log-uniform range needs low > 0, got " + low);
                    }
                    return new Domain.Range(low, high, kind.equals("log-uniform"));
                }
                default -> {
                }
            }
        }
        throw error(path, "expected a list of values, {\"choice\": [...]}, {\"uniform\": [low, high]} or "
                + "{\"log-uniform\": [low, high]}, got " + node);
    }

    private Objective objective(JsonNode node) {
        if (node == null) {
            return new Objective("frechetDistance", true);
        }
        if (!(node instanceof ObjectNode o)) {
            throw error("$.objective", "expected {\"metric\": \"frechetDistance\", \"goal\": \"min\"}");
        }
        for (Iterator<String> names = o.fieldNames(); names.hasNext();) {
            String f = names.next();
            if (!f.equals("metric") && !f.equals("goal")) {
                throw error("$.objective." + f, "unknown field; an objective has metric and goal");
            }
        }
        String metric = o.path("metric").asText("");
        Boolean lower = Objective.KNOWN.get(metric);
        if (lower == null) {
            throw error("$.objective.metric", "expected one of the evaluation's figures "
                    + Objective.KNOWN.keySet().stream().sorted().toList() + ", got " + o.get("metric"));
        }
        JsonNode goal = o.get("goal");
        if (goal != null) {
            if (!goal.asText().equals("min") && !goal.asText().equals("max")) {
                throw error("$.objective.goal", "expected \"min\" or \"max\", got " + goal);
            }
            lower = goal.asText().equals("min");
        }
        return new Objective(metric, lower);
    }

    private List<Integer> rungs(JsonNode node, int baseIterations) {
        List<Integer> rungs = new ArrayList<>();
        if (node == null) {
            throw error("$.rungs", "missing: the iterations at which to evaluate and keep the best, e.g. "
                    + "[2000, 6000, 18000] or {\"first\": 2000, \"factor\": 3}");
        }
        if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                JsonNode r = node.get(i);
                if (!r.canConvertToInt() || !r.isIntegralNumber() || r.asInt() < 1
                        || (!rungs.isEmpty() && r.asInt() <= rungs.get(rungs.size() - 1))) {
                    throw error("$.rungs[" + i + "]", "expected a whole number of iterations above the rung before, "
                            + "got " + r);
                }
                rungs.add(r.asInt());
            }
            if (rungs.isEmpty()) {
                throw error("$.rungs", "an empty list: give at least one rung");
            }
            return rungs;
        }
        if (node instanceof ObjectNode o) {
            for (Iterator<String> names = o.fieldNames(); names.hasNext();) {
                String f = names.next();
                if (!Set.of("first", "factor", "last").contains(f)) {
                    throw error("$.rungs." + f, "unknown field; rungs as an object have first, factor and last");
                }
            }
            long first = integer(o, "rungs", "first", 0, 1, Integer.MAX_VALUE);
            long last = integer(o, "rungs", "last", baseIterations, 1, Integer.MAX_VALUE);
            JsonNode f = o.get("factor");
            if (first == 0 || f == null || !f.isNumber() || !(f.asDouble() > 1)) {
                throw error("$.rungs", "expected {\"first\": N, \"factor\": F > 1} (and \"last\", by default the "
                        + "base's training.iterations)");
            }
            if (first > last) {
                throw error("$.rungs.first", "the first rung (" + first + ") is past the last (" + last + ")");
            }
            for (double r = first; r < last; r *= f.asDouble()) {
                rungs.add((int) Math.round(r));
            }
            rungs.add((int) last);
            return rungs;
        }
        throw error("$.rungs", "expected a list of iterations or {\"first\": N, \"factor\": F}, got " + node);
    }

    private double keep(JsonNode node) {
        if (node == null) {
            return 1.0 / 3;
        }
        double keep = Double.NaN;
        if (node.isNumber()) {
            keep = node.asDouble();
        } else if (node.isTextual() && node.asText().matches("\\s*\\d+\\s*/\\s*\\d+\\s*")) {
            String[] parts = node.asText().split("/");
            keep = Double.parseDouble(parts[0].trim()) / Double.parseDouble(parts[1].trim());
        }
        if (!(keep > 0 && keep <= 1)) {
            throw error("$.keep", "expected the fraction of trials promoted at each rung, above 0 and at most 1, "
                    + "as a number or \"1/3\"; got " + node);
        }
        return keep;
    }

    private String text(ObjectNode root, String field, String fallback) {
        JsonNode n = root.get(field);
        if (n == null) {
            return fallback;
        }
        if (!n.isTextual()) {
            throw error("$." + field, "expected a string, got " + n);
        }
        return n.asText();
    }

    private long integer(ObjectNode root, String field, long fallback, long min, long max) {
        return integer(root, null, field, fallback, min, max);
    }

    private long integer(ObjectNode o, String parent, String field, long fallback, long min, long max) {
        JsonNode n = o.get(field);
        String path = "$." + (parent == null ? "" : parent + ".") + field;
        if (n == null) {
            return fallback;
        }
        if (!n.isIntegralNumber() || !n.canConvertToLong() || n.asLong() < min || n.asLong() > max) {
            throw error(path, "expected a whole number between " + min + " and " + max + ", got " + n);
        }
        return n.asLong();
    }

    /** Sets {@code path} (dot-separated field names) in {@code root}, creating objects on the way. */
    private static void set(ObjectNode root, String path, JsonNode value, String override) {
        String[] names = path.split("\\.");
        ObjectNode node = root;
        for (int i = 0; i < names.length - 1; i++) {
            JsonNode next = node.get(names[i]);
            if (next == null || next.isNull()) {
                next = node.putObject(names[i]);
            }
            if (!(next instanceof ObjectNode o)) {
                throw new ExperimentException("--set " + override, null, 0, 0, names[i] + " is not an object in "
                        + "the sweep file, so it has no field " + names[i + 1]);
            }
            node = o;
        }
        node.set(names[names.length - 1], value);
    }

    /** A JSON literal if {@code raw} is one, otherwise {@code raw} as a string, as {@code gan train --set} reads. */
    private static JsonNode value(String raw) {
        try {
            JsonNode n = JSON.readTree(raw);
            return n == null || n.isMissingNode() ? TextNode.valueOf(raw) : n;
        } catch (JsonProcessingException e) {
            return TextNode.valueOf(raw);
        }
    }

    private ExperimentException error(String path, String problem) {
        return new ExperimentException(source, path, 0, 0, problem);
    }
}
