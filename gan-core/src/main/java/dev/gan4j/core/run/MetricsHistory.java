package dev.gan4j.core.run;

import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The figures of a run so far, as read from its {@code metrics.jsonl}: per iteration the D and G
 * losses and D's mean scores on real and generated samples, and per evaluated iteration the
 * evaluation figures (Fréchet distance, classifier score…) under their names. What the curves,
 * the report, the divergence guard and {@code gan runs} are drawn from.
 *
 * <p>Not thread-safe.
 */
public final class MetricsHistory {

    private int size;
    private int[] iterations = new int[64];
    private double[] dLoss = new double[64];
    private double[] gLoss = new double[64];
    private double[] dReal = new double[64];
    private double[] dFake = new double[64];
    private final Map<String, Series> evaluations = new LinkedHashMap<>();
    private String evaluationJudge;

    /** A series of one evaluation figure: the iterations it was measured at and its values. */
    public static final class Series {
        private int size;
        private int[] iterations = new int[8];
        private double[] values = new double[8];

        void add(int iteration, double value) {
            if (size == iterations.length) {
                iterations = Arrays.copyOf(iterations, 2 * size);
                values = Arrays.copyOf(values, 2 * size);
            }
            iterations[size] = iteration;
            values[size++] = value;
        }

        void truncate(int lastIteration) {
            while (size > 0 && iterations[size - 1] > lastIteration) {
                size--;
            }
        }

        public int size() {
            return size;
        }

        public int iteration(int i) {
            return iterations[i];
        }

        public double value(int i) {
            return values[i];
        }

        /** The most recent value, or NaN if none. */
        public double last() {
            return size == 0 ? Double.NaN : values[size - 1];
        }
    }

    /** Records one iteration's figures; iterations must increase. */
    public void add(int iteration, double d, double g, double real, double fake) {
        if (size > 0 && iteration <= iterations[size - 1]) {
            throw new IllegalArgumentException("iteration " + iteration + " does not follow "
                    + iterations[size - 1]);
        }
        if (size == iterations.length) {
            int n = 2 * size;
            iterations = Arrays.copyOf(iterations, n);
            dLoss = Arrays.copyOf(dLoss, n);
            gLoss = Arrays.copyOf(gLoss, n);
            dReal = Arrays.copyOf(dReal, n);
            dFake = Arrays.copyOf(dFake, n);
        }
        iterations[size] = iteration;
        dLoss[size] = d;
        gLoss[size] = g;
        dReal[size] = real;
        dFake[size] = fake;
        size++;
    }

    /**
     * Records what measured the evaluations (the latest named one counts), e.g. the evaluation
     * classifier {@code cnn}; {@code null} is ignored.
     */
    public void evaluationJudge(String judge) {
        if (judge != null) {
            evaluationJudge = judge;
        }
    }

    /** What measured the latest evaluations that named it, or {@code null} if none did. */
    public String evaluationJudge() {
        return evaluationJudge;
    }

    /** Records an evaluation figure measured after {@code iteration}. */
    public void addEvaluation(int iteration, String name, double value) {
        evaluations.computeIfAbsent(name, k -> new Series()).add(iteration, value);
    }

    /** An independent copy, e.g. to draw from on another thread while this one grows. */
    public MetricsHistory copy() {
        MetricsHistory c = new MetricsHistory();
        c.size = size;
        c.iterations = Arrays.copyOf(iterations, Math.max(1, size));
        c.dLoss = Arrays.copyOf(dLoss, Math.max(1, size));
        c.gLoss = Arrays.copyOf(gLoss, Math.max(1, size));
        c.dReal = Arrays.copyOf(dReal, Math.max(1, size));
        c.dFake = Arrays.copyOf(dFake, Math.max(1, size));
        c.evaluationJudge = evaluationJudge;
        evaluations.forEach((k, s) -> {
            Series copy = new Series();
            copy.size = s.size;
            copy.iterations = Arrays.copyOf(s.iterations, Math.max(1, s.size));
            copy.values = Arrays.copyOf(s.values, Math.max(1, s.size));
            c.evaluations.put(k, copy);
        });
        return c;
    }

    /** Forgets everything. */
    public void clear() {
        size = 0;
        evaluations.clear();
        evaluationJudge = null;
    }

    /** Forgets everything after {@code lastIteration} (a rollback or a resume). */
    public void truncate(int lastIteration) {
        while (size > 0 && iterations[size - 1] > lastIteration) {
            size--;
        }
        evaluations.values().forEach(s -> s.truncate(lastIteration));
        evaluations.values().removeIf(s -> s.size() == 0);
    }

    /** Number of iterations recorded. */
    public int size() {
        return size;
    }

    public int iteration(int i) {
        return iterations[i];
    }

    public double dLoss(int i) {
        return dLoss[i];
    }

    public double gLoss(int i) {
        return gLoss[i];
    }

    public double dReal(int i) {
        return dReal[i];
    }

    public double dFake(int i) {
        return dFake[i];
    }

    /** The last iteration recorded, 0 if none. */
    public int lastIteration() {
        return size == 0 ? 0 : iterations[size - 1];
    }

    /** Evaluation figures by name, in the order first seen. */
    public Map<String, Series> evaluations() {
        return Collections.unmodifiableMap(evaluations);
    }

    /** The most recent value of every evaluation figure, by name. */
    public Map<String, Double> latestEvaluation() {
        Map<String, Double> out = new LinkedHashMap<>();
        evaluations.forEach((k, s) -> out.put(k, s.last()));
        return out;
    }
}
