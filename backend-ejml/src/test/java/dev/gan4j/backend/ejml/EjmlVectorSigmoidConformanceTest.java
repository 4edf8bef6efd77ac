package dev.gan4j.backend.ejml;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gan4j.api.conformance.BackendConformanceSuite;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * The conformance suite once the Vector API sigmoid runs: the fused bias and sigmoid and the plain
 * sigmoid go through {@link VectorSigmoid}, where {@link EjmlConformanceTest} (no module) has
 * FastExp only and a run that starts during the warm-up has FastExp for a while.
 */
class EjmlVectorSigmoidConformanceTest extends BackendConformanceSuite {

    @BeforeAll
    static void vectorSigmoidRuns() throws InterruptedException {
        SafeVectorSigmoid shared = SafeVectorSigmoid.shared().orElseThrow();
        shared.awaitWarmUp(2 * SafeVectorSigmoid.WARM_UP_LIMIT_NANOS, TimeUnit.NANOSECONDS);
        assertTrue(shared.running(), shared.describe());
    }

    /** No call of the suite allocated, so the guard left the kernel on: the suite really ran it. */
    @AfterAll
    static void vectorSigmoidStillRuns() {
        SafeVectorSigmoid shared = SafeVectorSigmoid.shared().orElseThrow();
        assertTrue(shared.running(), shared.describe());
    }
}
