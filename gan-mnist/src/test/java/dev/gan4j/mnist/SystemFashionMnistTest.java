package dev.gan4j.mnist;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Fashion-MNIST as Debian's {@code dataset-fashion-mnist} installs it, found with no data
 * settings at all. Skipped only on a developer machine without the package; where {@code CI} is
 * set the package must be installed ({@code apt-get install dataset-fashion-mnist}) and a missing
 * one fails.
 */
class SystemFashionMnistTest {

    static final Path DEBIAN = Path.of("/usr/share/datasets/fashion-mnist");

    @TempDir
    Path home;

    @BeforeEach
    void packageInstalledOrCi() {
        assumeTrue(Files.isDirectory(DEBIAN) || System.getenv("CI") != null,
                DEBIAN + " is absent (apt-get install dataset-fashion-mnist); required where CI is set");
    }

    /** The real machine's locations, but no variables (so no GAN4J_DATA_DIR), no download, an empty home. */
    private DataEnvironment noSettings() {
        return DataEnvironment.system().withEnv(Map.of(DataEnvironment.OFFLINE, "1")).withHome(home);
    }

    @Test
    void theTestSplitComesFromTheSystemPackage() throws IOException {
        LoadedDataset d = DataLoader.load(DataRequest.of("fashion-mnist", "test", Transform.NONE), noSettings());
        assertEquals("fashion-mnist/test", d.name());
        assertEquals(10_000, d.size());
        assertArrayEquals(new int[] {1, 28, 28}, d.imageShape());
        assertEquals(List.of("T-shirt/top", "Trouser", "Pullover", "Dress", "Coat", "Sandal", "Shirt", "Sneaker",
                "Bag", "Ankle boot"), d.classNames());
        for (DataFile f : d.files()) {
            assertEquals(DEBIAN, f.path().getParent(), f.toString());
            assertEquals("system package", f.origin());
        }
        // Zalando's published facts: the first test image is an ankle boot, 1,000 test images per class
        assertEquals(9, d.label(0));
        assertArrayEquals(new int[] {1_000, 1_000, 1_000, 1_000, 1_000, 1_000, 1_000, 1_000, 1_000, 1_000},
                histogram(d));
        assertPixelsMatchTheFile(d, DEBIAN.resolve("t10k-images-idx3-ubyte.gz"));
    }

    @Test
    void theTrainSplitHas6000ImagesPerClass() {
        LoadedDataset d = DataLoader.load(DataRequest.of("fashion-mnist", "train", Transform.SYMMETRIC), noSettings());
        assertEquals(60_000, d.size());
        assertArrayEquals(new int[] {6_000, 6_000, 6_000, 6_000, 6_000, 6_000, 6_000, 6_000, 6_000, 6_000},
                histogram(d));
    }

    @Test
    void mnistUnderTheSameNamesInGan4jDataDirIsPassedOver() {
        // the shared directory holds MNIST's t10k files, named exactly as Fashion-MNIST's
        DataEnvironment env = noSettings().withVariable(DataEnvironment.DATA_DIR, SharedMnist.dir().toString());
        LoadedDataset d = DataLoader.load(DataRequest.of("fashion-mnist", "test", Transform.UNIT), env);
        assertEquals("system package", d.files().get(0).origin());
        assertEquals(9, d.label(0), "Fashion-MNIST's first test label, not MNIST's 7");
        assertEquals(7, DataLoader.load(DataRequest.of("mnist", "test", Transform.UNIT), env).label(0));
    }

    private static int[] histogram(LoadedDataset d) {
        int[] counts = new int[d.classCount()];
        for (int i = 0; i < d.size(); i++) {
            counts[d.label(i)]++;
        }
        return counts;
    }

    /** Compares the loaded pixels with the file decoded by the JDK's own gzip (not gan-mnist's). */
    private static void assertPixelsMatchTheFile(LoadedDataset d, Path gz) throws IOException {
        byte[] raw;
        try (InputStream in = new GZIPInputStream(Files.newInputStream(gz))) {
            raw = in.readAllBytes();
        }
        assertEquals(16 + 10_000 * 784, raw.length);
        float[] image = new float[784];
        boolean anyInk = false;
        for (int i = 0; i < d.size(); i += 997) {
            d.copyImage(i, image, 0);
            for (int p = 0; p < 784; p++) {
                assertEquals(raw[16 + i * 784 + p] & 0xFF, image[p], "image " + i + " pixel " + p);
                anyInk |= image[p] > 0;
            }
        }
        assertTrue(anyInk);
    }
}
