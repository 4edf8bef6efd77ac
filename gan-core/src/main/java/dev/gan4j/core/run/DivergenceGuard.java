package dev.gan4j.core.run;

import dev.gan4j.api.Backend;
import dev.gan4j.api.Parameter;
import dev.gan4j.core.config.DivergenceConfig;
import dev.gan4j.core.train.IterationStats;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Notices when training diverges (see {@link DivergenceConfig} for the rules): a NaN or infinite
 * loss, a runaway loss, or a parameter holding NaN or infinity. It only detects; the run decides
 * what to do ({@link DivergenceConfig.Policy}).
 *
 * <p>The parameter check sums each parameter tensor with {@link Backend#sum}: NaN and infinity
 * propagate through a sum, so one pass per tensor finds them without copying anything to the host.
 */
public final class DivergenceGuard {

    /** Iterations in the running median of each loss. */
    static final int WINDOW = 100;

    private final DivergenceConfig config;
    private final Window d = new Window();
    private final Window g = new Window();

    public DivergenceGuard(DivergenceConfig config) {
        this.config = config;
    }

    /**
     * Checks one iteration's losses and, if they pass, adds them to the running windows.
     *
     * @return what diverged, or {@code null} if nothing did
     */
    public String checkLosses(IterationStats s) {
        String problem = check("D", s.dLoss(), d);
        if (problem == null) {
            problem = check("G", s.gLoss(), g);
        }
        if (problem == null) {
            d.add(Math.abs(s.dLoss()));
            g.add(Math.abs(s.gLoss()));
        }
        return problem;
    }

    private String check(String network, double loss, Window window) {
        if (Double.isNaN(loss)) {
            return "the " + network + " loss is NaN";
        }
        if (Double.isInfinite(loss)) {
            return "the " + network + " loss is " + (loss > 0 ? "+" : "-") + "infinite";
        }
        // checked from the first iteration: a diverging GAN can pass 1e20 within three iterations;
        // with no history yet the median counts as 0, so the floor of 1 makes the limit the factor
        if (config.runawayFactor() > 0) {
            double median = window.size == 0 ? 0 : window.median();
            double limit = config.runawayFactor() * Math.max(1, median);
            if (Math.abs(loss) > limit) {
                if (window.size == 0) {
                    return String.format(Locale.ROOT, "the %s loss ran away: |%.6g| is above %s (output.divergence."
                            + "runawayFactor; no earlier iteration to compare with)", network, loss,
                            trim(config.runawayFactor()));
                }
                return String.format(Locale.ROOT, "the %s loss ran away: |%.6g| is above %s × max(1, %.6g), the "
                        + "median |loss| of the last %d iterations", network, loss, trim(config.runawayFactor()),
                        median, window.size);
            }
        }
        return null;
    }

    /** Whether {@code iteration} is one whose parameters the configuration asks to check. */
    public boolean parameterCheckDue(int iteration) {
        return iteration % config.checkEvery() == 0;
    }

    /**
     * Checks every parameter for NaN or infinity.
     *
     * @return what diverged (naming the first bad parameter), or {@code null}
     */
    public static String checkParameters(Backend backend, List<Parameter> parameters) {
        for (Parameter p : parameters) {
            double sum = backend.sum(p.value());
            if (!Double.isFinite(sum)) {
                return "parameter " + p.id() + " " + Arrays.toString(p.value().shape()) + " holds NaN or infinite "
                        + "values";
            }
        }
        return null;
    }

    /** Refills the running windows from the last iterations of {@code history} (after a resume or rollback). */
    public void reset(MetricsHistory history) {
        d.size = 0;
        d.next = 0;
        g.size = 0;
        g.next = 0;
        for (int i = Math.max(0, history.size() - WINDOW); i < history.size(); i++) {
            if (Double.isFinite(history.dLoss(i)) && Double.isFinite(history.gLoss(i))) {
                d.add(Math.abs(history.dLoss(i)));
                g.add(Math.abs(history.gLoss(i)));
            }
        }
    }

    private static String trim(double v) {
        return v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v);
    }

    /** The last {@link #WINDOW} values in a ring, with a scratch array for the median. */
    private static final class Window {
        final double[] values = new double[WINDOW];
        final double[] sorted = new double[WINDOW];
        int size;
        int next;

        void add(double v) {
            values[next] = v;
            next = (next + 1) % WINDOW;
            size = Math.min(size + 1, WINDOW);
        }

        double median() {
            System.arraycopy(values, 0, sorted, 0, size);
            Arrays.sort(sorted, 0, size);
            return size % 2 == 1 ? sorted[size / 2] : 0.5 * (sorted[size / 2 - 1] + sorted[size / 2]);
        }
    }
}
