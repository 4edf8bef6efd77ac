package dev.gan4j.core.sweep;

import java.util.Map;

/**
 * What a sweep ranks trials by: one evaluation figure and whether less or more is better.
 *
 * @param metric an evaluation figure's name, e.g. {@code frechetDistance}
 * @param minimize whether lower is better
 */
public record Objective(String metric, boolean minimize) {

    /** The evaluation's figures and which way each is better (true: lower). */
    static final Map<String, Boolean> KNOWN = Map.of("frechetDistance", true, "klFromUniform", true,
            "classifierScore", false, "conditionalAccuracy", false, "precision", false, "recall", false,
            "modes", false);

    /**
     * Orders values best first; a missing or non-finite value is worst.
     *
     * @return negative if {@code a} is better than {@code b}
     */
    int compare(double a, double b) {
        boolean fa = Double.isFinite(a);
        boolean fb = Double.isFinite(b);
        if (!fa || !fb) {
            return fa == fb ? 0 : fa ? -1 : 1;
        }
        return minimize ? Double.compare(a, b) : Double.compare(b, a);
    }

    /** {@code "min"} or {@code "max"}. */
    String goal() {
        return minimize ? "min" : "max";
    }
}
