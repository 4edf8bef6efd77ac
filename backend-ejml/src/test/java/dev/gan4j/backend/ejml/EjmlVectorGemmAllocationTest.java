package dev.gan4j.backend.ejml;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The allocation suite in a JVM with the Vector API module ({@code gemm=vector}, the pure-Java
 * GEMM): vector objects the JIT failed to keep in registers show up as allocation.
 *
 * <p>Each attempt is a fresh child JVM ({@link VectorAllocationSuiteRun}), and the test passes if
 * one of three attempts allocates nothing. Why: Java 17's C2 now and then compiles a Vector API
 * loop so that it boxes one vector per iteration, depending on the order in which the JIT reached
 * what; measured here, about one JVM in eight for the first Vector API sigmoid when idle and three
 * in three under load (which is why the sigmoid now runs only while {@link SafeVectorSigmoid}
 * measures it allocation-free; the child waits for its warm-up and fails if it did not run
 * through the suite). Such a compilation lasts as long as its JVM, so retrying within one JVM
 * proves nothing, while a fresh JVM is a fresh JIT. An allocation in the code itself shows in every JVM
 * and fails the test; the messages of all attempts are reported.
 */
class EjmlVectorGemmAllocationTest {

    private static final int ATTEMPTS = 3;

    @Test
    void noOperationAllocatesAfterWarmUpInOneOfThreeFreshJvms() throws Exception {
        assertTrue(VectorApi.available(), "this test class runs with the Vector API module");
        String cp = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        String java = ProcessHandle.current().info().command().orElse("java");
        List<String> reports = new ArrayList<>();
        for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
            ProcessBuilder pb = new ProcessBuilder(java, "--add-modules", VectorApi.MODULE, "-cp", cp,
                    VectorAllocationSuiteRun.class.getName());
            pb.redirectErrorStream(true);
            Process p = pb.start();
            p.getOutputStream().close();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(300, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                fail("the allocation suite did not finish in 300 s:\n" + out);
            }
            if (p.exitValue() == 0) {
                return;
            }
            reports.add("attempt " + attempt + " (exit " + p.exitValue() + "):\n" + out);
        }
        fail("allocation after warm-up in all " + ATTEMPTS + " JVMs:\n" + String.join("\n", reports)
                + "\nclasspath entries: " + cp.split(File.pathSeparator).length);
    }
}
