package dev.gan4j.backend.ejml;

import dev.gan4j.api.conformance.BackendAllocationSuite;

/**
 * After warm-up, the single-threaded backend's operations allocate nothing (the shared
 * {@link BackendAllocationSuite}, run against every provider here, i.e. ejml).
 */
class EjmlAllocationTest extends BackendAllocationSuite {
}
