package dev.gan4j.core.checkpoint;

import dev.gan4j.api.Parameter;
import dev.gan4j.core.train.AdversarialTrainer;
import dev.gan4j.core.train.GanModel;
import dev.gan4j.core.train.GeneratorAverage;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * Everything needed to continue a training run to the same numbers: every parameter of G and D
 * (buffers included) and of the generator average if the run keeps one, both optimisers' state, every random stream's state (which includes the
 * data order) and the iteration count, plus the resolved experiment it belongs to.
 *
 * <p>Stored by {@link CheckpointFiles} in a documented binary format, never with Java
 * serialisation.
 *
 * @param iteration completed iterations
 * @param experimentJson the resolved experiment as JSON, or {@code null}
 * @param parameters parameter values by id, row-major
 * @param parameterShapes parameter shapes by id
 * @param discriminatorOptimizer D's optimiser state ({@link dev.gan4j.api.Optimizer#exportState()})
 * @param generatorOptimizer G's optimiser state
 * @param random random stream states by name
 */
public record Checkpoint(int iteration, String experimentJson, Map<String, float[]> parameters,
        Map<String, int[]> parameterShapes, Map<String, float[]> discriminatorOptimizer,
        Map<String, float[]> generatorOptimizer, Map<String, long[]> random) {

    public Checkpoint {
        if (iteration < 0) {
            throw new IllegalArgumentException("iteration must be >= 0, got " + iteration);
        }
        parameters = Map.copyOf(parameters);
        parameterShapes = Map.copyOf(parameterShapes);
        discriminatorOptimizer = Map.copyOf(discriminatorOptimizer);
        generatorOptimizer = Map.copyOf(generatorOptimizer);
        random = Map.copyOf(random);
        if (!parameters.keySet().equals(parameterShapes.keySet())) {
            throw new IllegalArgumentException("every parameter needs a shape");
        }
        for (Map.Entry<String, int[]> e : parameterShapes.entrySet()) {
            long n = 1;
            for (int d : e.getValue()) {
                if (d <= 0) {
                    throw new IllegalArgumentException("parameter " + e.getKey() + " has shape "
                            + java.util.Arrays.toString(e.getValue()) + " with a dimension that is not positive");
                }
                n *= d;
                if (n > Integer.MAX_VALUE) {
                    break;
                }
            }
            if (n != parameters.get(e.getKey()).length) {
                throw new IllegalArgumentException("parameter " + e.getKey() + " has shape "
                        + java.util.Arrays.toString(e.getValue()) + " but " + parameters.get(e.getKey()).length
                        + " values");
            }
        }
        for (Map.Entry<String, long[]> e : random.entrySet()) {
            if (e.getValue().length != 4) {
                throw new IllegalArgumentException("random state " + e.getKey() + " must have 4 values, got "
                        + e.getValue().length);
            }
        }
    }

    /** Captures the trainer's current state. */
    public static Checkpoint capture(AdversarialTrainer trainer, String experimentJson) {
        Map<String, float[]> values = new LinkedHashMap<>();
        Map<String, int[]> shapes = new LinkedHashMap<>();
        for (Parameter p : trainer.checkpointParameters()) {
            values.put(p.id(), p.value().toArray());
            shapes.put(p.id(), p.value().shape());
        }
        return new Checkpoint(trainer.iteration(), experimentJson, values, shapes,
                trainer.discriminatorOptimizer().exportState(), trainer.generatorOptimizer().exportState(),
                trainer.randomStates());
    }

    /**
     * Puts this state into {@code trainer}, which must have been built from the same experiment.
     *
     * @throws CheckpointException if the architecture differs (missing, extra or reshaped
     *     parameters), naming the first difference
     */
    public void restoreInto(AdversarialTrainer trainer) {
        List<Parameter> params = trainer.checkpointParameters();
        checkArchitecture(params);
        for (Parameter p : params) {
            p.value().copyFrom(parameters.get(p.id()));
        }
        try {
            trainer.discriminatorOptimizer().importState(discriminatorOptimizer);
            trainer.generatorOptimizer().importState(generatorOptimizer);
            trainer.restore(iteration, random);
        } catch (IllegalArgumentException e) {
            throw new CheckpointException("checkpoint does not fit this experiment: " + e.getMessage(), e);
        }
    }

    /**
     * Makes {@code model} draw what the run drew: loads its parameters and, when the run kept a
     * generator average ({@code generatorAverage > 0}, from the run's
     * {@link dev.gan4j.core.train.TrainingConfig}), puts the average in place of G's last weights.
     *
     * @throws CheckpointException if the checkpoint does not fit the model (or holds an average
     *     when none was asked for, or lacks one that was)
     */
    public void restoreForSampling(GanModel model, double generatorAverage) {
        if (generatorAverage <= 0) {
            restoreParameters(model.parameters());
            return;
        }
        GeneratorAverage average = new GeneratorAverage(model.backend(), model.generator().parameters(),
                generatorAverage);
        List<Parameter> all = new ArrayList<>(model.parameters());
        all.addAll(average.parameters());
        restoreParameters(all);
        average.copyIntoGenerator();
    }

    /** Loads only the parameter values into a model's parameters (for sampling). */
    public void restoreParameters(List<Parameter> params) {
        checkArchitecture(params);
        for (Parameter p : params) {
            p.value().copyFrom(parameters.get(p.id()));
        }
    }

    private void checkArchitecture(List<Parameter> params) {
        List<String> problems = new ArrayList<>();
        Map<String, int[]> expected = new TreeMap<>();
        for (Parameter p : params) {
            expected.put(p.id(), p.value().shape());
        }
        for (Map.Entry<String, int[]> e : expected.entrySet()) {
            int[] saved = parameterShapes.get(e.getKey());
            if (saved == null) {
                problems.add("parameter " + e.getKey() + " " + java.util.Arrays.toString(e.getValue())
                        + " is missing from the checkpoint");
            } else if (!java.util.Arrays.equals(saved, e.getValue())) {
                problems.add("parameter " + e.getKey() + " has shape " + java.util.Arrays.toString(saved)
                        + " in the checkpoint but " + java.util.Arrays.toString(e.getValue()) + " in the model");
            }
        }
        for (String id : new TreeMap<>(parameterShapes).keySet()) {
            if (!expected.containsKey(id)) {
                problems.add("the checkpoint has parameter " + id + " that the model lacks");
            }
        }
        if (!problems.isEmpty()) {
            throw new CheckpointException("checkpoint belongs to a different architecture: " + problems.get(0)
                    + (problems.size() > 1 ? " (and " + (problems.size() - 1) + " more differences)" : ""));
        }
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof Checkpoint c)) {
            return false;
        }
        return iteration == c.iteration && Objects.equals(experimentJson, c.experimentJson)
                && deepEquals(parameters, c.parameters) && deepEqualsInt(parameterShapes, c.parameterShapes)
                && deepEquals(discriminatorOptimizer, c.discriminatorOptimizer)
                && deepEquals(generatorOptimizer, c.generatorOptimizer) && deepEqualsLong(random, c.random);
    }

    @Override
    public int hashCode() {
        return Objects.hash(iteration, parameters.keySet(), random.keySet());
    }

    private static boolean deepEquals(Map<String, float[]> a, Map<String, float[]> b) {
        return a.keySet().equals(b.keySet()) && a.keySet().stream().allMatch(k -> java.util.Arrays.equals(a.get(k), b.get(k)));
    }

    private static boolean deepEqualsInt(Map<String, int[]> a, Map<String, int[]> b) {
        return a.keySet().equals(b.keySet()) && a.keySet().stream().allMatch(k -> java.util.Arrays.equals(a.get(k), b.get(k)));
    }

    private static boolean deepEqualsLong(Map<String, long[]> a, Map<String, long[]> b) {
        return a.keySet().equals(b.keySet()) && a.keySet().stream().allMatch(k -> java.util.Arrays.equals(a.get(k), b.get(k)));
    }
}
