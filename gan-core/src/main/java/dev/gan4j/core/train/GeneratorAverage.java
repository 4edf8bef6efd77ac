package dev.gan4j.core.train;

import dev.gan4j.api.Backend;
import dev.gan4j.api.Parameter;
import dev.gan4j.api.Tensor;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * An exponential moving average of the generator's weights and biases (Yazıcı et al. 2019, "The
 * Unusual Effectiveness of Averaging in GAN Training"): after every G step,
 * {@code average = β·average + (1 − β)·w}. The averaged generator draws cleaner samples than the
 * last iterate, whose weights keep circling the equilibrium; training itself never reads it.
 *
 * <p>The averages are parameters of kind {@link Parameter.Kind#BUFFER} with ids
 * {@code "average/" + id}, so checkpoints hold them and a resumed run continues them exactly.
 * Buffers of the generator itself (batch-norm running statistics) are not averaged: the
 * averaged generator uses the live ones.
 */
public final class GeneratorAverage {

    /** Prefix of an average's parameter id. */
    public static final String PREFIX = "average/";

    private final Backend backend;
    private final float decay;
    private final List<Parameter> live;
    private final List<Parameter> averages;
    /** Holds the live values while the averages stand in for them; allocated on first use. */
    private List<Tensor> stash;

    /**
     * Averages of {@code generatorParameters}' trainable entries, starting at their current values.
     *
     * @param decay β, in (0, 1)
     */
    public GeneratorAverage(Backend backend, List<Parameter> generatorParameters, double decay) {
        if (!(decay > 0 && decay < 1)) {
            throw new IllegalArgumentException("generator average decay must be in (0, 1), got " + decay);
        }
        this.backend = backend;
        this.decay = (float) decay;
        this.live = generatorParameters.stream().filter(Parameter::trainable).toList();
        List<Parameter> a = new ArrayList<>();
        for (Parameter p : live) {
            Tensor t = backend.zeros(p.value().shape());
            backend.copy(p.value(), t);
            a.add(new Parameter(PREFIX + p.id(), Parameter.Kind.BUFFER, t));
        }
        this.averages = List.copyOf(a);
    }

    /** The averages, one per trainable generator parameter, in the generator's order. */
    public List<Parameter> parameters() {
        return averages;
    }

    /** β. */
    public double decay() {
        return decay;
    }

    /** {@code average = β·average + (1 − β)·w} for every parameter; allocates nothing. */
    void update() {
        for (int i = 0; i < live.size(); i++) {
            Tensor avg = averages.get(i).value();
            backend.axpby(decay, avg, 1f - decay, live.get(i).value(), avg);
        }
    }

    /**
     * Runs {@code action} with the averages in place of the generator's live values, then puts
     * the live values back (also when {@code action} throws).
     */
    public <T> T withAverages(Supplier<T> action) {
        if (stash == null) {
            List<Tensor> s = new ArrayList<>();
            for (Parameter p : live) {
                s.add(backend.zeros(p.value().shape()));
            }
            stash = s;
        }
        for (int i = 0; i < live.size(); i++) {
            backend.copy(live.get(i).value(), stash.get(i));
            backend.copy(averages.get(i).value(), live.get(i).value());
        }
        try {
            return action.get();
        } finally {
            for (int i = 0; i < live.size(); i++) {
                backend.copy(stash.get(i), live.get(i).value());
            }
        }
    }

    /** Overwrites the generator's live values with the averages, for a model that only samples. */
    public void copyIntoGenerator() {
        for (int i = 0; i < live.size(); i++) {
            backend.copy(averages.get(i).value(), live.get(i).value());
        }
    }
}
