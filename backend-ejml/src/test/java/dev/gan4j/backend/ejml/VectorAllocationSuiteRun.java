package dev.gan4j.backend.ejml;

import dev.gan4j.api.BackendProvider;
import dev.gan4j.api.conformance.BackendAllocationSuite;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The allocation suite on {@code gemm=vector}, run by {@link EjmlVectorGemmAllocationTest} in a
 * child JVM with the Vector API module, once the Vector API sigmoid's warm-up has ended:
 * {@link #main} runs both checks and exits 1, printing what allocated, if either fails or if the
 * sigmoid did not run through them. Not a test class itself (surefire does not pick it up).
 */
class VectorAllocationSuiteRun extends BackendAllocationSuite {

    @Override
    protected Map<String, String> options(BackendProvider provider) {
        return Map.of(EjmlOptions.GEMM, "vector");
    }

    public static void main(String[] args) throws Exception {
        // the suite then measures the Vector API sigmoid, not FastExp standing in during its warm-up
        SafeVectorSigmoid sigmoid = SafeVectorSigmoid.shared().orElseThrow();
        sigmoid.awaitWarmUp(2 * SafeVectorSigmoid.WARM_UP_LIMIT_NANOS, TimeUnit.NANOSECONDS);
        System.out.println("before the suite: " + sigmoid.describe());
        VectorAllocationSuiteRun suite = new VectorAllocationSuiteRun();
        int failures = 0;
        for (String check : new String[] {"smallOperationsDoNotAllocate", "mnistSizedOperationsDoNotAllocate"}) {
            Method method = BackendAllocationSuite.class.getDeclaredMethod(check, BackendProvider.class);
            method.setAccessible(true);
            try {
                method.invoke(suite, new EjmlBackendProvider());
                System.out.println(check + ": ok");
            } catch (InvocationTargetException e) {
                failures++;
                System.out.println(check + ": " + e.getCause().getMessage());
            }
        }
        // allocating calls would have switched it off
        if (!sigmoid.running()) {
            failures++;
            System.out.println("the Vector API sigmoid did not run through the suite: " + sigmoid.describe());
        } else {
            System.out.println("after the suite: " + sigmoid.describe());
        }
        System.exit(failures == 0 ? 0 : 1);
    }
}
