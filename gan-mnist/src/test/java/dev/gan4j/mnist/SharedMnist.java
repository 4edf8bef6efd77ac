package dev.gan4j.mnist;

import static org.junit.jupiter.api.Assertions.fail;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Finds the shared MNIST test split (t10k images and labels) the tests read: the system
 * property {@value #PROPERTY}, then {@code GAN4J_DATA_DIR}, then {@code ../../shared/datasets/mnist}
 * from the module directory (CI clones the repository with {@code shared/} beside it). A test
 * that needs the files fails, with every place tried, when they are absent.
 */
final class SharedMnist {

    static final String PROPERTY = "gan4j.test.mnist";
    static final String IMAGES = "t10k-images-idx3-ubyte.gz";
    static final String LABELS = "t10k-labels-idx1-ubyte.gz";

    private SharedMnist() {
    }

    static Path dir() {
        List<String> tried = new ArrayList<>();
        List<Path> candidates = new ArrayList<>();
        String property = System.getProperty(PROPERTY);
        if (property != null && !property.isBlank()) {
            candidates.add(Path.of(property));
        }
        String env = System.getenv("GAN4J_DATA_DIR");
        if (env != null && !env.isBlank()) {
            candidates.add(Path.of(env));
            candidates.add(Path.of(env, "mnist"));
        }
        candidates.add(Path.of("../../shared/datasets/mnist"));
        for (Path c : candidates) {
            if (Files.isRegularFile(c.resolve(IMAGES)) && Files.isRegularFile(c.resolve(LABELS))) {
                return c.toAbsolutePath().normalize();
            }
            tried.add(c.toAbsolutePath().normalize().toString());
        }
        return fail("the shared MNIST test files " + IMAGES + " and " + LABELS + " were not found; tried " + tried
                + ". Set -D" + PROPERTY + "=DIR or GAN4J_DATA_DIR, or place shared/ beside the repository.");
    }

    static Path images() {
        return dir().resolve(IMAGES);
    }

    static Path labels() {
        return dir().resolve(LABELS);
    }
}
