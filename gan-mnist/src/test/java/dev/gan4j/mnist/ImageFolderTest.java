package dev.gan4j.mnist;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code "dataset": "images"}: folders of PNG files written here with ImageIO. */
class ImageFolderTest {

    @TempDir
    Path tmp;

    private static final DataEnvironment NOWHERE = new DataEnvironment(Map.of(DataEnvironment.OFFLINE, "1"),
            Path.of("/nonexistent-home"), Path.of("/nonexistent-system"), Duration.ofSeconds(1), Duration.ofSeconds(1),
            DownloadListener.NONE);

    private static LoadedDataset load(Path dir, Transform transform) {
        return DataLoader.load(DataRequest.imageFolder(dir, transform), NOWHERE);
    }

    /** A 3×4 (height×width) greyscale PNG whose pixel (y, x) is {@code (seed + 10y + x) % 256}. */
    private static Path png(Path file, int seed) throws IOException {
        return png(file, seed, 3, 4, BufferedImage.TYPE_BYTE_GRAY);
    }

    private static Path png(Path file, int seed, int height, int width, int type) throws IOException {
        BufferedImage image = new BufferedImage(width, height, type);
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                int v = (seed + 10 * y + x) % 256;
                if (type == BufferedImage.TYPE_USHORT_GRAY) {
                    image.getRaster().setSample(x, y, 0, v * 257);
                } else if (type == BufferedImage.TYPE_BYTE_GRAY) {
                    image.getRaster().setSample(x, y, 0, v);
                } else {
                    image.setRGB(x, y, 0xFF000000 | v << 16 | v << 8 | v);
                }
            }
        }
        Files.createDirectories(file.getParent());
        assertTrue(ImageIO.write(image, "png", file.toFile()), "ImageIO wrote " + file);
        return file;
    }

    private static float[] pixels(int seed) {
        float[] p = new float[12];
        for (int y = 0; y < 3; y++) {
            for (int x = 0; x < 4; x++) {
                p[y * 4 + x] = (seed + 10 * y + x) % 256;
            }
        }
        return p;
    }

    private static float[] image(LoadedDataset d, int index) {
        float[] out = new float[d.pixels()];
        d.copyImage(index, out, 0);
        return out;
    }

    @Test
    void readsAFlatFolderInNameOrderWithoutLabels() throws IOException {
        Path dir = tmp.resolve("flat");
        png(dir.resolve("b.png"), 20);
        png(dir.resolve("a.png"), 10);
        png(dir.resolve("C.PNG"), 30); // upper case sorts first and the extension's case does not matter
        Files.writeString(dir.resolve("README.txt"), "not an image");
        png(dir.resolve(".hidden.png"), 99);

        LoadedDataset d = load(dir, Transform.NONE);
        assertEquals("images", d.dataset());
        assertEquals(3, d.size());
        assertArrayEquals(new int[] {1, 3, 4}, d.imageShape());
        assertFalse(d.hasLabels());
        assertEquals(0, d.classCount());
        assertEquals(List.of(), d.classNames());
        assertArrayEquals(pixels(30), image(d, 0));
        assertArrayEquals(pixels(10), image(d, 1));
        assertArrayEquals(pixels(20), image(d, 2));
    }

    @Test
    void subFoldersAreClassesInSortedOrder() throws IOException {
        Path dir = tmp.resolve("classes");
        png(dir.resolve("shoe/2.png"), 50);
        png(dir.resolve("shoe/1.png"), 40);
        png(dir.resolve("bag/x.png"), 60);
        png(dir.resolve("coat/y.png"), 70);

        LoadedDataset d = load(dir, Transform.UNIT);
        assertEquals(List.of("bag", "coat", "shoe"), d.classNames());
        assertEquals(3, d.classCount());
        assertEquals(4, d.size());
        int[] labels = new int[4];
        for (int i = 0; i < 4; i++) {
            labels[i] = d.label(i);
        }
        assertArrayEquals(new int[] {0, 1, 2, 2}, labels);
        float[] expected = pixels(40);
        for (int i = 0; i < expected.length; i++) {
            expected[i] /= 255f;
        }
        assertArrayEquals(expected, image(d, 2), "shoe/1.png before shoe/2.png, unit-scaled");
    }

    @Test
    void sixteenBitGreyIsScaledToEightBitRange() throws IOException {
        Path dir = tmp.resolve("deep");
        png(dir.resolve("a.png"), 200, 3, 4, BufferedImage.TYPE_USHORT_GRAY);
        assertArrayEquals(pixels(200), image(load(dir, Transform.NONE), 0));
    }

    @Test
    void oneBitGreyIsScaledToEightBitRange() throws IOException {
        Path dir = tmp.resolve("binary");
        BufferedImage image = new BufferedImage(4, 3, BufferedImage.TYPE_BYTE_BINARY);
        image.getRaster().setSample(1, 0, 0, 1);
        image.getRaster().setSample(3, 2, 0, 1);
        Files.createDirectories(dir);
        ImageIO.write(image, "png", dir.resolve("a.png").toFile());
        float[] expected = new float[12];
        expected[1] = 255;
        expected[11] = 255;
        assertArrayEquals(expected, image(load(dir, Transform.NONE), 0));
    }

    @Test
    void theSameFilesGiveTheSameDatasetAndManifest() throws Exception {
        Path dir = tmp.resolve("same");
        png(dir.resolve("a/1.png"), 1);
        png(dir.resolve("b/1.png"), 2);
        LoadedDataset first = load(dir, Transform.SYMMETRIC);
        LoadedDataset second = load(dir, Transform.SYMMETRIC);
        assertEquals(first.files(), second.files());
        DataFile folder = first.files().get(0);
        assertEquals(dir, folder.path());
        assertEquals(Files.size(dir.resolve("a/1.png")) + Files.size(dir.resolve("b/1.png")), folder.size());
        assertFalse(folder.verified());
        String manifest = sha256(Files.readAllBytes(dir.resolve("a/1.png"))) + "  a/1.png\n"
                + sha256(Files.readAllBytes(dir.resolve("b/1.png"))) + "  b/1.png\n";
        assertEquals(sha256(manifest.getBytes(StandardCharsets.UTF_8)), folder.sha256(), "documented manifest");
        assertTrue(folder.origin().contains("2 PNG files in 2 class folders"), folder.origin());

        // renaming a class changes the provenance even though no pixel changed
        Files.move(dir.resolve("b"), dir.resolve("c"));
        assertFalse(folder.sha256().equals(load(dir, Transform.SYMMETRIC).files().get(0).sha256()));
    }

    // ---- errors name the file ---------------------------------------------------------------

    private static String fails(Path dir) {
        return assertThrows(DataLoadException.class, () -> load(dir, Transform.UNIT)).getMessage();
    }

    private static void assertContains(String message, String... parts) {
        for (String part : parts) {
            assertTrue(message.contains(part), () -> "expected '" + part + "' in: " + message);
        }
    }

    @Test
    void aDifferentSizeNamesBothFiles() throws IOException {
        Path dir = tmp.resolve("sizes");
        png(dir.resolve("a.png"), 1);
        Path odd = png(dir.resolve("b.png"), 1, 5, 4, BufferedImage.TYPE_BYTE_GRAY);
        assertContains(fails(dir), odd.toString(), "is 5×4 (height×width)", dir.resolve("a.png").toString(),
                "is 3×4", "one size");
    }

    @Test
    void colourImagesAreRejectedWithTheirColourType() throws IOException {
        Path dir = tmp.resolve("colour");
        png(dir.resolve("a.png"), 1);
        Path rgb = png(dir.resolve("b.png"), 1, 3, 4, BufferedImage.TYPE_INT_RGB);
        assertContains(fails(dir), rgb.toString(), "colour type 2 (RGB)", "greyscale");
        Files.delete(rgb);
        Path rgba = png(dir.resolve("b.png"), 1, 3, 4, BufferedImage.TYPE_INT_ARGB);
        assertContains(fails(dir), rgba.toString(), "colour type 6 (RGB with alpha)");
        Files.delete(rgba);
        Path palette = png(dir.resolve("b.png"), 1, 3, 4, BufferedImage.TYPE_BYTE_INDEXED);
        assertContains(fails(dir), palette.toString(), "colour type 3 (palette)");
    }

    @Test
    void unreadableFilesAreNamed() throws IOException {
        Path dir = tmp.resolve("broken");
        Path good = png(dir.resolve("a.png"), 1);
        Path notPng = dir.resolve("b.png");
        Files.writeString(notPng, "GIF89a, not a PNG at all");
        assertContains(fails(dir), notPng.toString(), "not a PNG file");

        // a real PNG cut short in its image data: ImageIO alone would decode it, the missing rows black
        byte[] bytes = Files.readAllBytes(good);
        Files.write(notPng, Arrays.copyOf(bytes, bytes.length - 20));
        assertContains(fails(dir), notPng.toString(), "truncated", "chunk IDAT at byte offset");
        Files.write(notPng, Arrays.copyOf(bytes, bytes.length - 12));
        assertContains(fails(dir), notPng.toString(), "truncated", "before its IEND chunk");

        byte[] flipped = bytes.clone();
        flipped[bytes.length - 20] ^= 0x10; // inside IDAT's compressed data
        Files.write(notPng, flipped);
        assertContains(fails(dir), notPng.toString(), "chunk IDAT at byte offset", "fails its CRC check");

        Files.write(notPng, Arrays.copyOf(bytes, 20));
        assertContains(fails(dir), notPng.toString(), "no IHDR chunk");

        // chunks intact, but the compressed data is not a zlib stream: ImageIO's error, with the file
        byte[] badZlib = bytes.clone();
        int idat = indexOf(badZlib, "IDAT");
        badZlib[idat + 4] = 0x7F; // zlib header byte CMF: not deflate
        fixCrc(badZlib, idat - 4);
        Files.write(notPng, badZlib);
        assertContains(fails(dir), notPng.toString(), "cannot decode the PNG");

        Files.write(notPng, bytes);
        assertEquals(2, load(dir, Transform.UNIT).size(), "repaired");
    }

    private static int indexOf(byte[] b, String chunk) {
        byte[] type = chunk.getBytes(StandardCharsets.ISO_8859_1);
        for (int i = 8; i + 4 <= b.length; i++) {
            if (Arrays.equals(b, i, i + 4, type, 0, 4)) {
                return i;
            }
        }
        throw new AssertionError("no " + chunk);
    }

    /** Recomputes the CRC of the chunk starting at {@code at} (its length field). */
    private static void fixCrc(byte[] b, int at) {
        int length = (b[at] & 0xFF) << 24 | (b[at + 1] & 0xFF) << 16 | (b[at + 2] & 0xFF) << 8 | (b[at + 3] & 0xFF);
        java.util.zip.CRC32 crc = new java.util.zip.CRC32();
        crc.update(b, at + 4, 4 + length);
        long v = crc.getValue();
        int end = at + 8 + length;
        for (int k = 0; k < 4; k++) {
            b[end + k] = (byte) (v >>> (24 - 8 * k));
        }
    }

    @Test
    void badFolderLayoutsAreExplained() throws IOException {
        assertContains(fails(tmp.resolve("missing")), tmp.resolve("missing").toString(), "does not exist");
        Path file = Files.writeString(tmp.resolve("file"), "x");
        assertContains(fails(file), file.toString(), "is not a directory");

        Path empty = Files.createDirectories(tmp.resolve("empty"));
        Files.writeString(empty.resolve("notes.txt"), "x");
        assertContains(fails(empty), empty.toString(), "holds no PNG files");

        Path mixed = tmp.resolve("mixed");
        png(mixed.resolve("a.png"), 1);
        png(mixed.resolve("shoe/b.png"), 1);
        assertContains(fails(mixed), mixed.toString(), "both PNG files (a.png", "sub-folders (shoe");

        Path nested = tmp.resolve("nested");
        png(nested.resolve("shoe/a.png"), 1);
        png(nested.resolve("shoe/left/b.png"), 1);
        assertContains(fails(nested), nested.resolve("shoe/left").toString(), "inside class folder 'shoe'");

        Path emptyClass = tmp.resolve("emptyclass");
        png(emptyClass.resolve("shoe/a.png"), 1);
        Files.createDirectories(emptyClass.resolve("bag"));
        assertContains(fails(emptyClass), emptyClass.resolve("bag").toString(), "class folder 'bag' holds no PNG");
    }

    @Test
    void requestsNeedTheFolder() {
        IllegalArgumentException noDir = assertThrows(IllegalArgumentException.class,
                () -> new DataRequest("images", "train", null, Transform.UNIT, null, null, List.of()));
        assertContains(noDir.getMessage(), "needs dir");
        IllegalArgumentException files = assertThrows(IllegalArgumentException.class,
                () -> new DataRequest("images", "train", tmp, Transform.UNIT, tmp.resolve("x.idx"), null, List.of()));
        assertContains(files.getMessage(), "only for dataset 'idx'");
        DataRequest r = DataRequest.imageFolder(tmp, Transform.UNIT);
        assertNull(r.split());
        assertTrue(DatasetCatalog.builtIn().names().contains("images"));
    }

    private static String sha256(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }
}
