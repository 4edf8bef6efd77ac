package dev.gan4j.backend.ejml;

import dev.gan4j.api.conformance.BackendConformanceSuite;

/** Runs the shared backend conformance suite against every provider here, i.e. ejml. */
class EjmlConformanceTest extends BackendConformanceSuite {
}
