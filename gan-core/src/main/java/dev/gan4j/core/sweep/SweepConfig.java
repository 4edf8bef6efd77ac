package dev.gan4j.core.sweep;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gan4j.core.config.ExperimentConfig;
import dev.gan4j.core.config.ExperimentException;
import dev.gan4j.core.config.ExperimentLoader;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * A resolved sweep (see {@code docs/sweeps.md}): the base experiment with its overrides applied,
 * the search space, how it is searched, the objective, the rungs of successive halving and the
 * budget. {@link SweepFile} reads one; {@link #plan()} lists its trials.
 *
 * @param name the sweep's name (the default directory is {@code sweeps/<name>})
 * @param base the base experiment, resolved (every default filled in), as JSON
 * @param space the searched paths ({@code --set} syntax) and their domains, in order
 * @param random whether trials are drawn at random ({@code "method": "random"}) rather than a grid
 * @param trials how many trials: the grid's size, or the random count
 * @param seed fixes the random settings
 * @param objective what trials are ranked by
 * @param rungs the iterations at which trials are evaluated and the best kept, increasing; the
 *     last is the full length every trial's experiment is set to
 * @param keep the fraction of a rung's trials promoted to the next, e.g. 1/3
 * @param maxTrials the budget's trial count, 0 for none
 * @param maxIterations the budget's iterations (all rungs, the most halving can run), 0 for none
 */
public record SweepConfig(String name, String base, Map<String, Domain> space, boolean random, int trials, long seed,
        Objective objective, List<Integer> rungs, double keep, int maxTrials, long maxIterations) {

    /** Copies the collections. */
    public SweepConfig {
        space = Collections.unmodifiableMap(new LinkedHashMap<>(space));
        rungs = List.copyOf(rungs);
    }

    /** The full length: the last rung. */
    public int iterations() {
        return rungs.get(rungs.size() - 1);
    }

    /** How many trials rung {@code r} trains, at most (fewer if some fail or diverge). */
    public int trialsAt(int r) {
        int n = trials;
        for (int i = 0; i < r; i++) {
            n = promoted(n);
        }
        return n;
    }

    /** How many of {@code n} ranked trials go on to the next rung: ⌈n · keep⌉, at least 1. */
    int promoted(int n) {
        // the epsilon keeps 1/3 written as 0.3333 from turning 9 trials into 4
        return Math.max(1, (int) Math.ceil(n * keep - 1e-3));
    }

    /** The iterations halving runs if no trial fails: each rung's trials from the previous rung's end. */
    public long plannedIterations() {
        long total = 0;
        int previous = 0;
        for (int r = 0; r < rungs.size(); r++) {
            total += (long) trialsAt(r) * (rungs.get(r) - previous);
            previous = rungs.get(r);
        }
        return total;
    }

    /**
     * The trials, each with its resolved experiment: a grid in the space's order (the last path
     * varies fastest), or {@link #trials} random draws from a stream seeded by {@link #seed}.
     *
     * @throws ExperimentException naming the trial and its settings if one does not bind
     */
    public List<Trial> plan() {
        List<Map<String, JsonNode>> points = random ? randomPoints() : gridPoints();
        List<Trial> out = new ArrayList<>();
        int width = Math.max(3, Integer.toString(points.size() - 1).length());
        for (int i = 0; i < points.size(); i++) {
            String id = "t" + String.format(Locale.ROOT, "%0" + width + "d", i);
            out.add(new Trial(id, points.get(i), experiment(id, points.get(i))));
        }
        return out;
    }

    private List<Map<String, JsonNode>> gridPoints() {
        List<Map<String, JsonNode>> points = new ArrayList<>();
        points.add(new LinkedHashMap<>());
        for (Map.Entry<String, Domain> e : space.entrySet()) {
            List<Map<String, JsonNode>> next = new ArrayList<>();
            for (Map<String, JsonNode> p : points) {
                for (JsonNode v : ((Domain.Values) e.getValue()).values()) {
                    Map<String, JsonNode> q = new LinkedHashMap<>(p);
                    q.put(e.getKey(), v);
                    next.add(q);
                }
            }
            points = next;
        }
        return points;
    }

    private List<Map<String, JsonNode>> randomPoints() {
        SplittableRandom random = new SplittableRandom(seed);
        List<Map<String, JsonNode>> points = new ArrayList<>();
        for (int i = 0; i < trials; i++) {
            Map<String, JsonNode> p = new LinkedHashMap<>();
            space.forEach((path, domain) -> p.put(path, domain.sample(random)));
            points.add(p);
        }
        return points;
    }

    /**
     * The trial's experiment: the base with its settings, {@code training.iterations} at the full
     * length and, unless the base evaluates at every rung already, {@code output.evaluateEvery}
     * at the rungs' greatest common divisor, so that every rung ends with an evaluation and a
     * straight-through run evaluates at the same iterations.
     */
    private String experiment(String id, Map<String, JsonNode> settings) {
        List<String> overrides = new ArrayList<>();
        settings.forEach((path, value) -> overrides.add(path + "=" + value));
        overrides.add("training.iterations=" + iterations());
        ExperimentLoader loader = ExperimentLoader.create();
        ExperimentConfig config;
        try {
            config = loader.parse(base, "trial " + id, overrides);
            int every = config.output().evaluateEvery();
            if (every <= 0 || rungs.stream().anyMatch(r -> r % every != 0)) {
                overrides.add("output.evaluateEvery=" + gcd(rungs));
                config = loader.parse(base, "trial " + id, overrides);
            }
        } catch (ExperimentException e) {
            throw new ExperimentException("trial " + id + " (" + String.join(", ", overrides.subList(0,
                    settings.size())) + ") is not a valid experiment: " + e.getMessage(), e);
        }
        return loader.toJson(config);
    }

    private static int gcd(List<Integer> values) {
        int g = 0;
        for (int v : values) {
            g = java.math.BigInteger.valueOf(g).gcd(java.math.BigInteger.valueOf(v)).intValue();
        }
        return g;
    }

    /** The resolved sweep as a sweep file that {@link SweepFile} reads back to an equal one. */
    public String toJson() {
        ObjectMapper json = new ObjectMapper();
        ObjectNode root = json.createObjectNode();
        root.put("name", name);
        try {
            root.set("base", json.readTree(base));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("the resolved base experiment is not JSON: " + e.getOriginalMessage(), e);
        }
        ObjectNode s = root.putObject("space");
        space.forEach((path, domain) -> s.set(path, domain.toJson(json)));
        root.put("method", random ? "random" : "grid");
        if (random) {
            root.put("trials", trials);
        }
        root.put("seed", seed);
        root.putObject("objective").put("metric", objective.metric()).put("goal", objective.goal());
        rungs.forEach(root.putArray("rungs")::add);
        root.put("keep", keep);
        if (maxTrials > 0 || maxIterations > 0) {
            ObjectNode budget = root.putObject("budget");
            if (maxTrials > 0) {
                budget.put("trials", maxTrials);
            }
            if (maxIterations > 0) {
                budget.put("iterations", maxIterations);
            }
        }
        try {
            return json.writerWithDefaultPrettyPrinter().writeValueAsString(root) + "\n";
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("cannot write the sweep as JSON: " + e.getOriginalMessage(), e);
        }
    }
}
