package dev.gan4j.core.bench;

import java.util.Arrays;
import java.util.Map;

/**
 * The timing of one workload on one backend.
 *
 * @param workload the workload's key, e.g. {@code "seed"}
 * @param backend the backend's name
 * @param backendVersion its library's version
 * @param settings the backend's speed-relevant settings (threads, GEMM kernel)
 * @param iterations timed iterations per repeat
 * @param warmup untimed iterations before the first repeat
 * @param repeatSeconds seconds per iteration of each repeat, in order
 */
public record BenchResult(String workload, String backend, String backendVersion, Map<String, String> settings,
        int iterations, int warmup, double[] repeatSeconds) {

    public BenchResult {
        settings = Map.copyOf(settings);
        repeatSeconds = repeatSeconds.clone();
    }

    @Override
    public double[] repeatSeconds() {
        return repeatSeconds.clone();
    }

    /** The median of {@link #repeatSeconds()}: the figure to compare. */
    public double secondsPerIteration() {
        double[] sorted = repeatSeconds.clone();
        Arrays.sort(sorted);
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }
}
