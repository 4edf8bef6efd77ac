package dev.gan4j.core.eval;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Assumptions;

/**
 * The shared MNIST test split for sanity tests: from {@code GAN4J_DATA_DIR}, else the nearest
 * {@code shared/datasets/mnist} above the module directory. Tests are skipped (not passed) when
 * neither exists.
 */
final class MnistTestData {
    static final String IMAGES = "t10k-images-idx3-ubyte.gz";
    static final String LABELS = "t10k-labels-idx1-ubyte.gz";

    private MnistTestData() {
    }

    static Path directory() {
        String env = System.getenv("GAN4J_DATA_DIR");
        if (env != null && Files.exists(Path.of(env, IMAGES))) {
            return Path.of(env);
        }
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
            Path candidate = p.resolve("shared/datasets/mnist");
            if (Files.exists(candidate.resolve(IMAGES))) {
                return candidate;
            }
        }
        Assumptions.abort("MNIST test split not found (set GAN4J_DATA_DIR)");
        return null;
    }

    /** The 10,000 test digits, pixels / 255. */
    static InMemoryDataset load() throws IOException {
        Path dir = directory();
        float[] pixels;
        int[] labels;
        try (DataInputStream in = open(dir.resolve(IMAGES), 0x803)) {
            int n = in.readInt();
            int size = in.readInt() * in.readInt();
            byte[] raw = in.readNBytes(n * size);
            pixels = new float[raw.length];
            for (int i = 0; i < raw.length; i++) {
                pixels[i] = (raw[i] & 0xFF) / 255f;
            }
        }
        try (DataInputStream in = open(dir.resolve(LABELS), 0x801)) {
            byte[] raw = in.readNBytes(in.readInt());
            labels = new int[raw.length];
            for (int i = 0; i < raw.length; i++) {
                labels[i] = raw[i];
            }
        }
        return new InMemoryDataset("mnist/test", pixels, labels, 784, 10);
    }

    private static DataInputStream open(Path file, int magic) throws IOException {
        InputStream raw = new GZIPInputStream(Files.newInputStream(file));
        DataInputStream in = new DataInputStream(raw);
        int m = in.readInt();
        if (m != magic) {
            in.close();
            throw new IOException(file + ": magic " + Integer.toHexString(m) + ", expected " + Integer.toHexString(magic));
        }
        return in;
    }
}
