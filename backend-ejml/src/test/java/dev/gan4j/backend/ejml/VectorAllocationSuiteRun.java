package dev.gan4j.backend.ejml;

import dev.gan4j.api.BackendProvider;
import dev.gan4j.api.conformance.BackendAllocationSuite;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.Map;

/**
 * The allocation suite on {@code gemm=vector}, run by {@link EjmlVectorGemmAllocationTest} in a
 * child JVM with the Vector API module: {@link #main} runs both checks and exits 1, printing what
 * allocated, if either fails. Not a test class itself (surefire does not pick it up).
 */
class VectorAllocationSuiteRun extends BackendAllocationSuite {

    @Override
    protected Map<String, String> options(BackendProvider provider) {
        return Map.of(EjmlOptions.GEMM, "vector");
    }

    public static void main(String[] args) throws Exception {
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
        System.exit(failures == 0 ? 0 : 1);
    }
}
