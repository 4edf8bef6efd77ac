package dev.gan4j.examples;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;

/** Where the tests find the real MNIST test split. */
public final class TestData {
    private TestData() {
    }

    static final String IMAGES = "t10k-images-idx3-ubyte.gz";
    static final String LABELS = "t10k-labels-idx1-ubyte.gz";

    /**
     * {@code GAN4J_DATA_DIR}, else {@code shared/datasets/mnist} beside the repository (or beside
     * any directory above it, for git worktrees); fails the test with directions if neither holds
     * the files.
     */
    public static Path mnistDir() {
        String env = System.getenv("GAN4J_DATA_DIR");
        if (env != null && !env.isBlank()) {
            Path dir = Path.of(env).toAbsolutePath();
            if (Files.isRegularFile(dir.resolve(IMAGES))) {
                return dir;
            }
            fail("GAN4J_DATA_DIR=" + env + " has no " + IMAGES);
        }
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
            Path dir = p.resolve("shared/datasets/mnist");
            if (Files.isRegularFile(dir.resolve(IMAGES))) {
                return dir;
            }
        }
        return fail("the MNIST test split (" + IMAGES + ", " + LABELS + ") was not found: set GAN4J_DATA_DIR to "
                + "the directory holding it (in this workplace: ../shared/datasets/mnist)");
    }

    /** Where Debian's {@code dataset-fashion-mnist} installs Fashion-MNIST. */
    static final Path DEBIAN_FASHION_MNIST = Path.of("/usr/share/datasets/fashion-mnist");

    /**
     * Skips the calling test on a machine without Debian's Fashion-MNIST, except where {@code CI}
     * is set: CI installs the package ({@code apt-get install dataset-fashion-mnist}), so there a
     * missing one fails the test.
     */
    static void assumeSystemFashionMnist() {
        assumeTrue(Files.isDirectory(DEBIAN_FASHION_MNIST) || System.getenv("CI") != null,
                DEBIAN_FASHION_MNIST + " is absent (apt-get install dataset-fashion-mnist); required where CI is set");
    }

    /** The tutorial experiment file. */
    static Path tutorial() {
        return experiment("seed-tutorial.json");
    }

    /** An experiment file from {@code experiments/}. */
    static Path experiment(String name) {
        Path p = Path.of("experiments", name);
        if (!Files.isRegularFile(p)) {
            fail("tests run from the gan-examples module directory; " + p.toAbsolutePath() + " is missing");
        }
        return p;
    }
}
