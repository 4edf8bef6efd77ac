package dev.gan4j.benchmarks;

import dev.gan4j.api.Backend;
import dev.gan4j.api.SeededRandom;
import dev.gan4j.api.Tensor;
import dev.gan4j.backend.ejml.EjmlBackendProvider;
import java.util.Map;

/** Backends and random tensors for the benchmarks. */
final class Fixtures {

    private Fixtures() {
    }

    /** The ejml backend with the given GEMM kernel ({@code native}, {@code vector}, {@code java} or {@code ejml}). */
    static Backend ejml(String gemm) {
        return new EjmlBackendProvider().create(Map.of("gemm", gemm));
    }

    /** A tensor of N(0, 1) values. */
    static Tensor gaussian(Backend backend, SeededRandom random, int... shape) {
        int size = 1;
        for (int d : shape) {
            size *= d;
        }
        float[] values = new float[size];
        random.fillGaussian(values, 0, 1);
        return backend.fromArray(values, shape);
    }
}
