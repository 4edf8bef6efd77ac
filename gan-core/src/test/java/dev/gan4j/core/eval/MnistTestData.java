package dev.gan4j.core.eval;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;

/**
 * The shared MNIST test split: from {@code GAN4J_DATA_DIR}, else the nearest
 * {@code shared/datasets/mnist} above the module directory (git worktrees sit deeper than a
 * clone). A test that needs it fails, with directions, when it is absent.
 */
final class MnistTestData {
    static final String IMAGES = "t10k-images-idx3-ubyte.gz";
    static final String LABELS = "t10k-labels-idx1-ubyte.gz";

    private MnistTestData() {
    }

    static Path directory() {
        String env = System.getenv("GAN4J_DATA_DIR");
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

    /**
     * The 10,000 test digits, pixels / 255, in memory. Read here with a few lines of IDX parsing
     * rather than gan-mnist: gan-mnist builds on gan-core, so gan-core's tests cannot use it.
     */
    static InMemoryDataset load() {
        try {
            int[] imageDims = new int[3];
            byte[] images = idx(directory().resolve(IMAGES), 0x00000803, imageDims);
            int[] labelDims = new int[1];
            byte[] labelBytes = idx(directory().resolve(LABELS), 0x00000801, labelDims);
            int n = imageDims[0];
            int pixels = imageDims[1] * imageDims[2];
            if (labelDims[0] != n) {
                throw new IllegalStateException(LABELS + " holds " + labelDims[0] + " labels for " + n + " images");
            }
            float[] values = new float[n * pixels];
            for (int i = 0; i < values.length; i++) {
                values[i] = (images[i] & 0xFF) / 255f;
            }
            int[] labels = new int[n];
            for (int i = 0; i < n; i++) {
                labels[i] = labelBytes[i] & 0xFF;
            }
            return new InMemoryDataset("mnist/test", values, labels, pixels, 10);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The unsigned bytes of a gzipped IDX file whose magic number is {@code magic}; its dimensions into {@code dims}. */
    private static byte[] idx(Path file, int magic, int[] dims) throws IOException {
        try (DataInputStream in = new DataInputStream(new BufferedInputStream(new GZIPInputStream(
                Files.newInputStream(file))))) {
            int found = in.readInt();
            if (found != magic) {
                throw new IOException(file + ": magic " + Integer.toHexString(found) + ", expected "
                        + Integer.toHexString(magic));
            }
            long count = 1;
            for (int d = 0; d < dims.length; d++) {
                dims[d] = in.readInt();
                count *= dims[d];
            }
            byte[] data = new byte[Math.toIntExact(count)];
            in.readFully(data);
            return data;
        }
    }
}
