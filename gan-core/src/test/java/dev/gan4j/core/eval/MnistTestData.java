package dev.gan4j.core.eval;

import static org.junit.jupiter.api.Assertions.fail;

import dev.gan4j.mnist.DataEnvironment;
import dev.gan4j.mnist.DataLoader;
import dev.gan4j.mnist.DataRequest;
import dev.gan4j.mnist.LoadedDataset;
import dev.gan4j.mnist.Transform;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The shared MNIST test split, read with gan-mnist: from {@code GAN4J_DATA_DIR}, else the nearest
 * {@code shared/datasets/mnist} above the module directory (git worktrees sit deeper than a
 * clone). A test that needs it fails, with directions, when it is absent.
 */
final class MnistTestData {
    static final String IMAGES = "t10k-images-idx3-ubyte.gz";

    private MnistTestData() {
    }

    static Path directory() {
        String env = System.getenv(DataEnvironment.DATA_DIR);
        if (env != null && !env.isBlank() && Files.isRegularFile(Path.of(env, IMAGES))) {
            return Path.of(env);
        }
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
            Path candidate = p.resolve("shared/datasets/mnist");
            if (Files.isRegularFile(candidate.resolve(IMAGES))) {
                return candidate;
            }
        }
        return fail("the MNIST test split (" + IMAGES + ") was not found: set GAN4J_DATA_DIR to the directory "
                + "holding it (in this workplace: ../shared/datasets/mnist)");
    }

    /** The 10,000 test digits, pixels / 255, in memory. */
    static InMemoryDataset load() {
        LoadedDataset d = DataLoader.load(DataRequest.of("mnist", "test", Transform.UNIT).withDir(directory()),
                DataEnvironment.system().withVariable(DataEnvironment.OFFLINE, "1"));
        float[] pixels = new float[d.size() * d.pixels()];
        int[] labels = new int[d.size()];
        for (int i = 0; i < d.size(); i++) {
            d.copyImage(i, pixels, i * d.pixels());
            labels[i] = d.label(i);
        }
        return new InMemoryDataset(d.name(), pixels, labels, d.pixels(), d.classCount());
    }
}
