package dev.gan4j.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * A real small file system for the full-disk and read-only tests: a tmpfs mounted on a folder.
 * Mounting needs root; without it (or where the kernel refuses) the test is skipped with the
 * reason, except under CI, which runs as root, where a failed mount fails the test so that these
 * cases cannot silently stop being tested.
 */
final class Tmpfs implements AutoCloseable {

    private final Path dir;

    private Tmpfs(Path dir) {
        this.dir = dir;
    }

    /** Mounts a tmpfs of {@code size} (as mount(8) takes it: {@code 256k}) on {@code dir}. */
    static Tmpfs mount(Path dir, String size) throws IOException, InterruptedException {
        String uid = run("id", "-u").trim();
        assumeTrue(uid.equals("0"), "mounting a tmpfs needs root (uid 0), this is uid " + uid
                + "; CI runs as root and runs this test");
        String result = run("mount", "-t", "tmpfs", "-o", "size=" + size, "tmpfs", dir.toString());
        if (!result.isEmpty() && !mounted(dir)) {
            if (System.getenv("CI") != null) {
                fail("mount -t tmpfs failed as root in CI: " + result);
            }
            assumeTrue(false, "cannot mount a tmpfs here: " + result);
        }
        return new Tmpfs(dir);
    }

    /** Remounts with {@code options} ({@code ro}, {@code rw}, {@code size=4m}). */
    void remount(String options) throws IOException, InterruptedException {
        String result = run("mount", "-o", "remount," + options, dir.toString());
        assertEquals("", result, "remount " + options);
    }

    Path dir() {
        return dir;
    }

    @Override
    public void close() throws IOException, InterruptedException {
        String result = run("umount", dir.toString());
        assertEquals("", result, "umount " + dir);
    }

    private static boolean mounted(Path dir) throws IOException, InterruptedException {
        return run("findmnt", "-n", dir.toString()).contains("tmpfs");
    }

    /** Runs a command and returns what it printed (stdout and stderr), empty on success for mount. */
    private static String run(String... command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        int code = p.waitFor();
        return code == 0 ? output : output.isEmpty() ? command[0] + " exited with " + code : output;
    }
}
