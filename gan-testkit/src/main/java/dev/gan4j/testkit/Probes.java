package dev.gan4j.testkit;

import dev.gan4j.api.Backend;
import dev.gan4j.api.Layer;
import dev.gan4j.api.Parameter;
import dev.gan4j.api.SeededRandom;
import java.util.List;
import java.util.function.BiConsumer;

/** What both checks need: input values, shapes with a batch, parameter snapshots and names in messages. */
final class Probes {

    private Probes() {
    }

    /**
     * The default inputs: values of magnitude 0.15 to 1.65 and random sign, so that a finite
     * difference of ±0.01 never straddles the kink of a ReLU at 0.
     */
    static final BiConsumer<SeededRandom, float[]> AWAY_FROM_ZERO = (random, x) -> {
        for (int i = 0; i < x.length; i++) {
            double v = 0.15 + 1.5 * random.nextDouble();
            x[i] = (float) (random.nextDouble() < 0.5 ? -v : v);
        }
    };

    /** {@code n} values drawn by {@code fill} from the stream {@code name} of {@code seed}. */
    static float[] draw(BiConsumer<SeededRandom, float[]> fill, long seed, String name, int n) {
        float[] values = new float[n];
        fill.accept(new SeededRandom(seed).fork(name), values);
        return values;
    }

    /** {@code n} values uniform in [-1, 1): the weights {@code r} of {@code f = Σ r∘y}. */
    static float[] upstream(long seed, String name, int n) {
        float[] r = new float[n];
        new SeededRandom(seed).fork(name).fillUniform(r, -1, 1);
        return r;
    }

    /** {@code value}, if it is at least 1. */
    static int positive(String what, int value) {
        if (value < 1) {
            throw new IllegalArgumentException(what + " must be positive, got " + value);
        }
        return value;
    }

    /** {@code value}, if it is a tolerance: not negative, not NaN. */
    static double tolerance(double value) {
        if (!(value >= 0)) {
            throw new IllegalArgumentException("a tolerance must not be negative, got " + value);
        }
        return value;
    }

    static int size(int[] shape) {
        int n = 1;
        for (int d : shape) {
            n *= d;
        }
        return n;
    }

    /** {@code [batch, shape...]}. */
    static int[] withBatch(int batch, int[] shape) {
        int[] full = new int[shape.length + 1];
        full[0] = batch;
        System.arraycopy(shape, 0, full, 1, shape.length);
        return full;
    }

    /** The coordinates of row-major {@code flat} in {@code shape}, e.g. {@code [1, 3]}. */
    static String index(int flat, int[] shape) {
        StringBuilder s = new StringBuilder("]");
        int rest = flat;
        for (int axis = shape.length - 1; axis >= 0; axis--) {
            int d = Math.max(shape[axis], 1);
            s.insert(0, rest % d);
            rest /= d;
            if (axis > 0) {
                s.insert(0, ", ");
            }
        }
        return s.insert(0, '[').toString();
    }

    /** The backend of a layer's parameters, for a layer whose caller did not name one. */
    static Backend backendOf(Layer layer) {
        List<Parameter> parameters = layer.parameters();
        if (parameters.isEmpty()) {
            throw new IllegalArgumentException(describe(layer) + " has no parameters to tell its backend: "
                    + "name the backend the layer was built on");
        }
        return parameters.get(0).value().backend();
    }

    /** The layer's class and, when it has parameters, the id prefix they share: {@code Dense G.0}. */
    static String describe(Layer layer) {
        Class<?> type = layer.getClass();
        String name = type.getSimpleName().isEmpty() ? type.getName() : type.getSimpleName();
        List<Parameter> parameters = layer.parameters();
        if (parameters.isEmpty()) {
            return name;
        }
        String id = parameters.get(0).id();
        int dot = id.lastIndexOf('.');
        return dot < 0 ? name : name + " " + id.substring(0, dot);
    }

    /** Every parameter's values (buffers included), in {@link Layer#parameters()} order. */
    static float[][] snapshot(List<Parameter> parameters) {
        float[][] values = new float[parameters.size()][];
        for (int i = 0; i < values.length; i++) {
            values[i] = parameters.get(i).value().toArray();
        }
        return values;
    }

    /** Writes back a {@link #snapshot}; with {@code buffersOnly}, trainable parameters are left as they are. */
    static void restore(List<Parameter> parameters, float[][] values, boolean buffersOnly) {
        for (int i = 0; i < values.length; i++) {
            Parameter p = parameters.get(i);
            if (!buffersOnly || !p.trainable()) {
                p.value().copyFrom(values[i]);
            }
        }
    }
}
