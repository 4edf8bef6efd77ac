package dev.gan4j.api.fuzz;

import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.reporting.ReportEntry;
import org.junit.platform.launcher.Launcher;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;

/**
 * Runs the jqwik properties of one class in a child JVM with a small heap, so that an input
 * which makes a reader allocate what it should have refused ends in an {@link OutOfMemoryError}
 * the test sees, instead of passing in a test JVM with gigabytes to spare.
 *
 * <p>One child JVM per property class (starting a JVM per try would cost seconds per input). The
 * property class is named {@code *FuzzProperties}, not {@code *Test}, so surefire does not also
 * run it in the big test JVM; a {@code *FuzzTest} beside it calls {@link #run}. Each property
 * pins its {@code seed}; the number of tries comes from {@code jqwik.tries.default}, which the
 * child sets to the caller's CI figure, or to the system property {@value #TRIES} when it is
 * given: {@code mvn -o verify -pl gan-mnist -am -Dtest='*FuzzTest' -Dgan4j.fuzz.tries=20000
 * -Dsurefire.failIfNoSpecifiedTests=false} explores far more inputs locally (change a property's
 * seed for different ones). A failure prints the property, the failing input's description (the
 * oracles put it in their assertion messages) and jqwik's report with the sample and seed.
 */
public final class SmallHeapProperties {

    /** System property overriding the number of tries per property. */
    public static final String TRIES = "gan4j.fuzz.tries";

    private SmallHeapProperties() {
    }

    /**
     * Runs every property of {@code propertyClass} in a child JVM of {@code -Xmx<heap>} and fails
     * unless at least one property ran and all passed.
     *
     * @param ciTries tries per property when {@value #TRIES} is not set
     */
    public static void run(Class<?> propertyClass, String heap, int ciTries, Duration timeout)
            throws IOException, InterruptedException {
        String tries = System.getProperty(TRIES, Integer.toString(ciTries));
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Path log = Files.createTempFile("gan4j-fuzz", ".log");
        Process p = new ProcessBuilder(java.toString(), "-Xmx" + heap, "-XX:+UseSerialGC",
                "-cp", System.getProperty("java.class.path"), SmallHeapProperties.class.getName(),
                propertyClass.getName(), tries)
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        boolean done = p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
        if (!done) {
            p.destroyForcibly().waitFor();
        }
        String text = Files.readString(log, StandardCharsets.UTF_8);
        Files.delete(log);
        if (!done) {
            throw new AssertionError(propertyClass.getSimpleName() + " did not finish in " + timeout + ":\n" + text);
        }
        if (p.exitValue() != 0) {
            throw new AssertionError(propertyClass.getSimpleName() + " failed in a JVM of -Xmx" + heap + " (exit "
                    + p.exitValue() + "):\n" + text);
        }
        // the child's summary, so a CI log shows how many tries ran
        text.lines().filter(l -> l.startsWith(propertyClass.getName() + ": ")).forEach(System.out::println);
    }

    /** Deletes {@code dir} and everything in it: the scratch folder a property class wrote its tries to. */
    public static void deleteTree(Path dir) throws IOException {
        try (java.util.stream.Stream<Path> files = Files.walk(dir)) {
            for (Path p : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    /**
     * The child: {@code <property class> <tries>}. Exits 0 when every property passed, 1 when one
     * failed or none ran, 3 when an error escaped the test engine (an OutOfMemoryError outside
     * an oracle).
     */
    public static void main(String[] args) {
        try {
            Launcher launcher = LauncherFactory.create();
            Listener listener = new Listener();
            launcher.execute(LauncherDiscoveryRequestBuilder.request()
                    .selectors(selectClass(Class.forName(args[0])))
                    .configurationParameter("jqwik.tries.default", args[1])
                    .configurationParameter("jqwik.database", "target/jqwik-fuzz-database")
                    .configurationParameter("jqwik.reporting.onlyfailures", "true")
                    .build(), listener);
            System.out.println(args[0] + ": " + listener.passed + " properties passed, " + listener.failures.size()
                    + " failed, " + args[1] + " tries each");
            listener.failures.forEach(System.out::println);
            System.exit(listener.failures.isEmpty() && listener.passed > 0 ? 0 : 1);
        } catch (Throwable e) {
            System.out.println("escaped the test engine: " + e);
            System.exit(3);
        }
    }

    /** The whole trace, causes included: an OutOfMemoryError's cause says which allocation failed. */
    private static String stackTrace(Throwable e) {
        java.io.StringWriter w = new java.io.StringWriter();
        e.printStackTrace(new java.io.PrintWriter(w));
        return w.toString();
    }

    /** Collects each failed property's exception and the report entries jqwik published for it. */
    private static final class Listener implements TestExecutionListener {
        private final List<String> failures = new ArrayList<>();
        private final List<String> reports = new ArrayList<>();
        private int passed;

        @Override
        public void reportingEntryPublished(TestIdentifier test, ReportEntry entry) {
            reports.add(test.getDisplayName() + ": " + entry.getKeyValuePairs());
        }

        @Override
        public void executionFinished(TestIdentifier test, TestExecutionResult result) {
            if (!test.isTest()) {
                return;
            }
            if (result.getStatus() == TestExecutionResult.Status.SUCCESSFUL) {
                passed++;
                return;
            }
            StringBuilder b = new StringBuilder("FAILED " + test.getDisplayName() + ": "
                    + result.getThrowable().map(SmallHeapProperties::stackTrace).orElse("(no exception)"));
            reports.stream().filter(r -> r.startsWith(test.getDisplayName() + ": ")).forEach(r -> b.append("\n  ")
                    .append(r));
            failures.add(b.toString());
        }
    }
}
