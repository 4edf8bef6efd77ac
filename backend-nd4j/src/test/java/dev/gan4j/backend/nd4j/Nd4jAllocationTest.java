package dev.gan4j.backend.nd4j;

import dev.gan4j.api.conformance.BackendAllocationSuite;

/**
 * After warm-up, no operation allocates, including the native and OpenBLAS paths that only the
 * MNIST-sized tensors take (the shared {@link BackendAllocationSuite} against nd4j).
 */
class Nd4jAllocationTest extends BackendAllocationSuite {
}
