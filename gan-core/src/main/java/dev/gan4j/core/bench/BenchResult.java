package dev.gan4j.core.bench;

import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
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
 * @param repeatSeconds wall-clock seconds per iteration of each repeat, in order
 * @param repeatCpuSeconds CPU seconds per iteration of the training thread in each repeat (time
 *     other processes take from it is not counted; threads a native library starts are not
 *     either), or empty where the JVM cannot measure thread CPU time
 */
public record BenchResult(String workload, String backend, String backendVersion, Map<String, String> settings,
        int iterations, int warmup, double[] repeatSeconds, double[] repeatCpuSeconds) {

    public BenchResult {
        settings = Collections.unmodifiableMap(new LinkedHashMap<>(settings));
        repeatSeconds = repeatSeconds.clone();
        repeatCpuSeconds = repeatCpuSeconds.clone();
    }

    @Override
    public double[] repeatSeconds() {
        return repeatSeconds.clone();
    }

    @Override
    public double[] repeatCpuSeconds() {
        return repeatCpuSeconds.clone();
    }

    /** The median of {@link #repeatSeconds()}: the figure to compare. */
    public double secondsPerIteration() {
        return median(repeatSeconds);
    }

    /** The median of {@link #repeatCpuSeconds()}, or NaN if CPU time was not measured. */
    public double cpuSecondsPerIteration() {
        return repeatCpuSeconds.length == 0 ? Double.NaN : median(repeatCpuSeconds);
    }

    static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }
}
