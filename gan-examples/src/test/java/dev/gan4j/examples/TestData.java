package dev.gan4j.examples;

import static org.junit.jupiter.api.Assertions.fail;

import java.nio.file.Files;
import java.nio.file.Path;

/** Where the tests find the real MNIST test split. */
final class TestData {
    private TestData() {
    }

    static final String IMAGES = "t10k-images-idx3-ubyte.gz";
    static final String LABELS = "t10k-labels-idx1-ubyte.gz";

    /**
     * {@code GAN4J_DATA_DIR}, else {@code shared/datasets/mnist} beside the repository (or beside
     * any directory above it, for git worktrees); fails the test with directions if neither holds
     * the files.
     */
    static Path mnistDir() {
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

    /** The tutorial experiment file. */
    static Path tutorial() {
        Path p = Path.of("experiments/seed-tutorial.json");
        if (!Files.isRegularFile(p)) {
            fail("tests run from the gan-examples module directory; " + p.toAbsolutePath() + " is missing");
        }
        return p;
    }
}
