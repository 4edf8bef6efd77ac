package dev.gan4j.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * A user who depends on gan-core and backend-ejml only, and asks for nd4j, gets the one-line
 * error listing what was found, not a stack trace. Runs the CLI in a child JVM whose classpath
 * is the test classpath without any ND4J or bytedeco jar.
 */
class MissingBackendTest {

    record Result(int exit, String out, String err) {
    }

    static Result ganWithoutNd4j(String... args) throws Exception {
        String cp = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        String withoutNd4j = Arrays.stream(cp.split(File.pathSeparator))
                .filter(e -> !e.contains("backend-nd4j") && !e.contains("nd4j") && !e.contains("bytedeco"))
                .collect(Collectors.joining(File.pathSeparator));
        String java = ProcessHandle.current().info().command().orElse("java");
        List<String> command = new ArrayList<>(List.of(java, "-cp", withoutNd4j, GanCli.class.getName()));
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command);
        pb.environment().remove("GAN4J_BACKEND");
        Process p = pb.start();
        p.getOutputStream().close();
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("gan " + String.join(" ", args) + " did not finish in 120 s");
        }
        return new Result(p.exitValue(), new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8),
                new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8));
    }

    @Test
    void askingForAnAbsentBackendIsAClearUserError() throws Exception {
        Path tutorial = TestData.tutorial();
        Result r = ganWithoutNd4j("validate", tutorial.toString(), "--backend", "nd4j", "--set", "data.split=test",
                "--set", "data.dir=" + TestData.mnistDir());
        assertEquals(2, r.exit(), r.err());
        assertTrue(r.err().contains("unknown backend 'nd4j'"), r.err());
        assertTrue(r.err().contains("ejml (priority 100): available"), r.err());
        assertFalse(r.err().contains("\tat "), "no stack trace: " + r.err());
    }

    @Test
    void backendsListsOnlyWhatIsOnTheClasspath() throws Exception {
        Result r = ganWithoutNd4j("backends");
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().contains("ejml"), r.out());
        assertFalse(r.out().contains("nd4j"), r.out());
    }
}
