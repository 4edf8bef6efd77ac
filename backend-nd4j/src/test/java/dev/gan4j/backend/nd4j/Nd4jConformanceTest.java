package dev.gan4j.backend.nd4j;

import dev.gan4j.api.conformance.BackendConformanceSuite;

/** Runs the shared backend conformance suite against every provider here, i.e. nd4j. */
class Nd4jConformanceTest extends BackendConformanceSuite {
}
