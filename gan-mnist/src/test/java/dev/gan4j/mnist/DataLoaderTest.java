package dev.gan4j.mnist;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DataLoaderTest {

    @TempDir
    Path tmp;

    /** An environment that sees nothing of this machine: empty variables, a temporary home. */
    private DataEnvironment isolated() {
        return new DataEnvironment(Map.of(DataEnvironment.OFFLINE, "1"), tmp.resolve("home"), tmp.resolve("system"),
                Duration.ofSeconds(1), Duration.ofSeconds(1), DownloadListener.NONE);
    }

    /** Writes {@code n} synthetic 28×28 test-split files into {@code dir}; pixel p of image k is (k + p) % 256. */
    static void synthetic(Path dir, String prefix, int n, boolean gzip) throws IOException {
        synthetic(dir, prefix, n, 28, 28, gzip, 10);
    }

    static void synthetic(Path dir, String prefix, int n, int h, int w, boolean gzip, int classes) throws IOException {
        float[] pixels = new float[n * h * w];
        int[] labels = new int[n];
        for (int k = 0; k < n; k++) {
            for (int p = 0; p < h * w; p++) {
                pixels[k * h * w + p] = (k + p) % 256;
            }
            labels[k] = k % classes;
        }
        String gz = gzip ? ".gz" : "";
        IdxWriter.writeImages(dir.resolve(prefix + "-images-idx3-ubyte" + gz), pixels, n, h, w, Transform.NONE);
        IdxWriter.write(dir.resolve(prefix + "-labels-idx1-ubyte" + gz),
                IdxArray.ofInts(IdxType.UBYTE, new int[] {n}, labels));
    }

    // ---- the real shared test split ------------------------------------------------------

    @Test
    void loadsTheSharedMnistTestSplit() {
        DataRequest request = DataRequest.of("mnist", "test", Transform.UNIT).withDir(SharedMnist.dir());
        LoadedDataset d = DataLoader.load(request, isolated());
        assertEquals("mnist/test", d.name());
        assertEquals(10_000, d.size());
        assertArrayEquals(new int[] {1, 28, 28}, d.imageShape());
        assertEquals(10, d.classCount());
        assertEquals(7, d.label(0));
        assertEquals(6, d.label(9_999));
        double sum = 0;
        float[] image = new float[784];
        for (int i = 0; i < d.size(); i++) {
            d.copyImage(i, image, 0);
            for (float v : image) {
                sum += v;
            }
        }
        assertEquals(264_923_200 / 255.0, sum, 1e-2, "unit transform of the known pixel sum");
        assertEquals(2, d.files().size());
        DataFile images = d.files().get(0);
        assertEquals("8d422c7b0a1c1c79245a5bcf07fe86e33eeafee792b84584aec276f5a2dbc4e6", images.sha256());
        assertTrue(images.verified(), "the shared files are the published ones");
        assertEquals("data.dir", images.origin());
        assertEquals(1_648_877, images.size());
        assertEquals("f7ae60f92e00ec6debd23a6088c31dbd2371eca3ffa0defaefb259924204aec6", d.files().get(1).sha256());
        assertEquals("unit", d.provenance().transform());
    }

    @Test
    void rowMinMaxGivesEveryImageTheFullRange() {
        LoadedDataset d = DataLoader.load(DataRequest.of("mnist", "test", Transform.ROW_MINMAX)
                .withDir(SharedMnist.dir()), isolated());
        float[] image = new float[784];
        for (int i = 0; i < d.size(); i += 97) {
            d.copyImage(i, image, 0);
            float min = Float.MAX_VALUE;
            float max = -Float.MAX_VALUE;
            for (float v : image) {
                min = Math.min(min, v);
                max = Math.max(max, v);
            }
            assertEquals(0f, min);
            assertEquals(1f, max);
        }
    }

    // ---- where files are looked for -------------------------------------------------------

    @Test
    void locationOrderIsDirThenDataDirThenSystemThenCache() throws IOException {
        Path dir = tmp.resolve("dir");
        Path dataDir = tmp.resolve("datadir");
        Path system = tmp.resolve("system");
        Path home = tmp.resolve("home");
        synthetic(dir, "t10k", 1, true);
        synthetic(dataDir.resolve("fashion-mnist"), "t10k", 2, true);
        synthetic(system.resolve("fashion-mnist"), "t10k", 3, true);
        synthetic(home.resolve(".cache/gan4j/fashion-mnist"), "t10k", 4, true);
        DataEnvironment env = isolated().withVariable(DataEnvironment.DATA_DIR, dataDir.toString());
        DataRequest request = DataRequest.of("fashion-mnist", "test", Transform.UNIT);

        assertEquals(1, DataLoader.load(request.withDir(dir), env).size());
        LoadedDataset fromDataDir = DataLoader.load(request, env);
        assertEquals(2, fromDataDir.size());
        assertEquals(DataEnvironment.DATA_DIR, fromDataDir.files().get(0).origin());
        assertFalse(fromDataDir.files().get(0).verified(), "synthetic files are not the published ones");
        LoadedDataset fromSystem = DataLoader.load(request, isolated());
        assertEquals(3, fromSystem.size());
        assertEquals("system package", fromSystem.files().get(0).origin());
        assertEquals(List.of("T-shirt/top", "Trouser", "Pullover", "Dress", "Coat", "Sandal", "Shirt", "Sneaker",
                "Bag", "Ankle boot"), fromSystem.classNames());
        LoadedDataset fromCache = DataLoader.load(request, isolated().withSystemDatasets(tmp.resolve("none")));
        assertEquals(4, fromCache.size());
        assertEquals("cache", fromCache.files().get(0).origin());
    }

    @Test
    void dataDirMayHoldTheFilesDirectly() throws IOException {
        Path dataDir = tmp.resolve("flat");
        synthetic(dataDir, "t10k", 5, true);
        LoadedDataset d = DataLoader.load(DataRequest.of("mnist", "test", Transform.UNIT),
                isolated().withVariable(DataEnvironment.DATA_DIR, dataDir.toString()));
        assertEquals(5, d.size());
    }

    @Test
    void xdgCacheHomeMovesTheCache() throws IOException {
        Path xdg = tmp.resolve("xdg");
        synthetic(xdg.resolve("gan4j/mnist"), "t10k", 6, true);
        assertEquals(6, DataLoader.load(DataRequest.of("mnist", "test", Transform.UNIT),
                isolated().withVariable("XDG_CACHE_HOME", xdg.toString())).size());
    }

    @Test
    void uncompressedAndDottedNamesAreFound() throws IOException {
        Path raw = tmp.resolve("raw");
        synthetic(raw, "t10k", 3, false);
        assertEquals(3, DataLoader.load(DataRequest.of("mnist", "test", Transform.UNIT).withDir(raw), isolated()).size());
        Path dotted = tmp.resolve("dotted");
        synthetic(dotted, "t10k", 4, false);
        Files.move(dotted.resolve("t10k-images-idx3-ubyte"), dotted.resolve("t10k-images.idx3-ubyte"));
        Files.move(dotted.resolve("t10k-labels-idx1-ubyte"), dotted.resolve("t10k-labels.idx1-ubyte"));
        assertEquals(4, DataLoader.load(DataRequest.of("mnist", "test", Transform.UNIT).withDir(dotted), isolated())
                .size());
    }

    @Test
    void anotherDatasetsFilesUnderTheSameNamesArePassedOver() throws IOException {
        // GAN4J_DATA_DIR holding MNIST directly must not be taken for Fashion-MNIST
        Path system = tmp.resolve("system");
        synthetic(system.resolve("fashion-mnist"), "t10k", 3, true);
        DataEnvironment env = isolated().withVariable(DataEnvironment.DATA_DIR, SharedMnist.dir().toString());
        LoadedDataset d = DataLoader.load(DataRequest.of("fashion-mnist", "test", Transform.UNIT), env);
        assertEquals(3, d.size());
        assertEquals("system package", d.files().get(0).origin());

        DataLoadException e = assertThrows(DataLoadException.class, () -> DataLoader.load(
                DataRequest.of("fashion-mnist", "test", Transform.UNIT), env.withSystemDatasets(tmp.resolve("no"))));
        assertTrue(e.getMessage().contains("t10k-images-idx3-ubyte.gz is mnist's t10k-images-idx3-ubyte.gz (by "
                + "SHA-256), not fashion-mnist's t10k-images-idx3-ubyte.gz; passed over"), e.getMessage());
    }

    @Test
    void theOtherSplitUnderThisSplitsNamesInDataDirIsAnError() throws IOException {
        Path dir = tmp.resolve("renamed");
        Files.createDirectories(dir);
        Files.copy(SharedMnist.images(), dir.resolve("train-images-idx3-ubyte.gz"));
        Files.copy(SharedMnist.labels(), dir.resolve("train-labels-idx1-ubyte.gz"));
        DataLoadException e = assertThrows(DataLoadException.class,
                () -> DataLoader.load(DataRequest.of("mnist", "train", Transform.UNIT).withDir(dir), isolated()));
        assertEquals(dir.resolve("train-images-idx3-ubyte.gz") + " is mnist's t10k-images-idx3-ubyte.gz (by "
                + "SHA-256), not mnist's train-images-idx3-ubyte.gz; data.dir must hold mnist's own files",
                e.getMessage());
    }

    @Test
    void anotherDatasetsFilesInDataDirAreAnErrorSayingWhoseTheyAre() {
        // in the search MNIST's files are passed over for Fashion-MNIST; in a named directory they are refused
        Path mnist = SharedMnist.dir();
        DataLoadException e = assertThrows(DataLoadException.class, () -> DataLoader.load(
                DataRequest.of("fashion-mnist", "test", Transform.UNIT).withDir(mnist), withFallbacks()));
        assertEquals(mnist.resolve("t10k-images-idx3-ubyte.gz") + " is mnist's t10k-images-idx3-ubyte.gz (by "
                + "SHA-256), not fashion-mnist's t10k-images-idx3-ubyte.gz; data.dir must hold fashion-mnist's own "
                + "files", e.getMessage());
    }

    // ---- an explicit data.dir is authoritative ----------------------------------------------

    /**
     * {@link #isolated()} with good synthetic MNIST and Fashion-MNIST test splits in every other
     * place (GAN4J_DATA_DIR, the system datasets, the cache): a load that falls back succeeds.
     */
    private DataEnvironment withFallbacks() throws IOException {
        Path dataDir = tmp.resolve("fallback-datadir");
        for (String name : List.of("mnist", "fashion-mnist")) {
            synthetic(dataDir.resolve(name), "t10k", 7, true);
            synthetic(tmp.resolve("home/.cache/gan4j").resolve(name), "t10k", 8, true);
        }
        synthetic(tmp.resolve("system/fashion-mnist"), "t10k", 9, true);
        return isolated().withVariable(DataEnvironment.DATA_DIR, dataDir.toString());
    }

    private DataLoadException refusedWithFallbacks(Path dir) throws IOException {
        DataEnvironment env = withFallbacks();
        assertEquals(7, DataLoader.load(DataRequest.of("mnist", "test", Transform.UNIT), env).size(),
                "without data.dir the fallbacks are found");
        return assertThrows(DataLoadException.class,
                () -> DataLoader.load(DataRequest.of("mnist", "test", Transform.UNIT).withDir(dir), env));
    }

    @Test
    void dataDirMissingItsImagesFileIsAnError() throws IOException {
        Path dir = tmp.resolve("no-images");
        synthetic(dir, "t10k", 2, true);
        Files.delete(dir.resolve("t10k-images-idx3-ubyte.gz"));
        assertEquals(dir.resolve("t10k-images-idx3-ubyte.gz") + " does not exist (nor its uncompressed form), but "
                + "data.dir holds t10k-labels-idx1-ubyte.gz; both files must be there",
                refusedWithFallbacks(dir).getMessage());
    }

    @Test
    void dataDirMissingItsLabelsFileIsAnError() throws IOException {
        Path dir = tmp.resolve("no-labels");
        synthetic(dir.resolve("mnist"), "t10k", 2, false);
        Files.delete(dir.resolve("mnist/t10k-labels-idx1-ubyte"));
        assertEquals(dir.resolve("mnist/t10k-labels-idx1-ubyte.gz") + " does not exist (nor its uncompressed form), "
                + "but data.dir holds t10k-images-idx3-ubyte; both files must be there",
                refusedWithFallbacks(dir).getMessage());
    }

    @Test
    void dataDirWithADirectoryInTheImagesFilesPlaceIsAnError() throws IOException {
        Path dir = tmp.resolve("images-dir");
        synthetic(dir, "t10k", 2, true);
        Files.delete(dir.resolve("t10k-images-idx3-ubyte.gz"));
        Files.createDirectories(dir.resolve("t10k-images-idx3-ubyte.gz"));
        assertEquals(dir.resolve("t10k-images-idx3-ubyte.gz") + " is a directory, not mnist's "
                + "t10k-images-idx3-ubyte.gz", refusedWithFallbacks(dir).getMessage());
    }

    @Test
    void dataDirWithALinkToADeviceInTheImagesFilesPlaceIsAnError() throws IOException {
        Path dir = tmp.resolve("dev-zero");
        synthetic(dir, "t10k", 2, true);
        Files.delete(dir.resolve("t10k-images-idx3-ubyte.gz"));
        Files.createSymbolicLink(dir.resolve("t10k-images-idx3-ubyte.gz"), Path.of("/dev/zero"));
        assertEquals(dir.resolve("t10k-images-idx3-ubyte.gz") + " is not a regular file, not mnist's "
                + "t10k-images-idx3-ubyte.gz", refusedWithFallbacks(dir).getMessage());
        Files.delete(dir.resolve("t10k-images-idx3-ubyte.gz"));
        Files.createSymbolicLink(dir.resolve("t10k-images-idx3-ubyte.gz"), dir.resolve("gone"));
        assertEquals(dir.resolve("t10k-images-idx3-ubyte.gz") + " is a broken symbolic link, not mnist's "
                + "t10k-images-idx3-ubyte.gz", refusedWithFallbacks(dir).getMessage());
    }

    @Test
    void dataDirHoldingNoneOfTheFilesIsAnError() throws IOException {
        Path dir = tmp.resolve("etc");
        Files.createDirectories(dir.resolve("mnist"));
        Files.writeString(dir.resolve("passwd"), "root:x:0:0\n");
        assertEquals("data.dir " + dir + " holds neither t10k-images-idx3-ubyte.gz nor t10k-labels-idx1-ubyte.gz (or "
                + "their uncompressed forms), directly or in mnist/; unset data.dir to search GAN4J_DATA_DIR, the "
                + "system datasets and the cache", refusedWithFallbacks(dir).getMessage());
        Path missing = tmp.resolve("missing");
        assertEquals("data.dir " + missing + ", where mnist's files must be, does not exist",
                refusedWithFallbacks(missing).getMessage());
        assertEquals("data.dir " + dir.resolve("passwd") + ", where mnist's files must be, is not a directory",
                refusedWithFallbacks(dir.resolve("passwd")).getMessage());
    }

    @Test
    void offlineAndNowhereListsEveryPlaceAndSaysWhatToDo() throws IOException {
        Path dataDir = tmp.resolve("env-dir");
        synthetic(dataDir, "t10k", 2, true); // the wrong split: train is asked for
        Path home = tmp.resolve("home");
        Files.createDirectories(home.resolve(".cache/gan4j/fashion-mnist"));
        Files.writeString(home.resolve(".cache/gan4j/fashion-mnist/train-labels-idx1-ubyte.gz"), "x");
        DataEnvironment env = isolated().withVariable(DataEnvironment.DATA_DIR, dataDir.toString());
        DataLoadException e = assertThrows(DataLoadException.class, () -> DataLoader.load(
                DataRequest.of("fashion-mnist", "train", Transform.UNIT), env));
        String m = e.getMessage();
        String[] expected = {
            "cannot find fashion-mnist/train (train-images-idx3-ubyte.gz and train-labels-idx1-ubyte.gz)",
            dataDir + " (GAN4J_DATA_DIR): neither train-images-idx3-ubyte.gz nor train-labels-idx1-ubyte.gz",
            dataDir.resolve("fashion-mnist") + " (GAN4J_DATA_DIR): does not exist",
            tmp.resolve("system/fashion-mnist") + " (system package): does not exist",
            home.resolve(".cache/gan4j/fashion-mnist") + " (cache): no train-images-idx3-ubyte.gz (or its "
                    + "uncompressed form) beside train-labels-idx1-ubyte.gz",
            "skipped: GAN4J_OFFLINE is set",
            "https://fashion-mnist.s3.eu-central-1.amazonaws.com/",
            "put them in " + home.resolve(".cache/gan4j/fashion-mnist"),
            "data.dir or by GAN4J_DATA_DIR",
            "install the system package that provides " + tmp.resolve("system/fashion-mnist"),
        };
        for (String s : expected) {
            assertTrue(m.contains(s), "expected\n  " + s + "\nin\n" + m);
        }
    }

    // ---- inconsistent files ---------------------------------------------------------------

    @Test
    void imageAndLabelCountsMustMatch() throws IOException {
        Path dir = tmp.resolve("mismatch");
        synthetic(dir, "t10k", 4, true);
        IdxWriter.writeLabels(dir.resolve("t10k-labels-idx1-ubyte.gz"), new int[] {1, 2, 3});
        DataLoadException e = assertThrows(DataLoadException.class,
                () -> DataLoader.load(DataRequest.of("mnist", "test", Transform.UNIT).withDir(dir), isolated()));
        assertTrue(e.getMessage().contains("image and label counts differ: " + dir.resolve("t10k-images-idx3-ubyte.gz")
                + " holds 4 images but " + dir.resolve("t10k-labels-idx1-ubyte.gz") + " holds 3 labels"), e.getMessage());
    }

    @Test
    void labelsOutsideTheClassesAreRejected() throws IOException {
        Path dir = tmp.resolve("labels");
        synthetic(dir, "t10k", 3, false);
        IdxWriter.writeLabels(dir.resolve("t10k-labels-idx1-ubyte"), new int[] {1, 10, 3});
        DataLoadException e = assertThrows(DataLoadException.class,
                () -> DataLoader.load(DataRequest.of("mnist", "test", Transform.UNIT).withDir(dir), isolated()));
        assertTrue(e.getMessage().contains("label 10 at index 1 (IDX byte offset 9) is outside 0..9"), e.getMessage());
    }

    @Test
    void wrongImageSizeForANamedDataset() throws IOException {
        Path dir = tmp.resolve("size");
        synthetic(dir, "t10k", 2, 32, 32, true, 10);
        DataLoadException e = assertThrows(DataLoadException.class,
                () -> DataLoader.load(DataRequest.of("mnist", "test", Transform.UNIT).withDir(dir), isolated()));
        assertTrue(e.getMessage().contains("mnist images are 28×28, but this file holds 32×32 images"), e.getMessage());
    }

    @Test
    void corruptFilesSurfaceTheReadersMessage() throws IOException {
        Path dir = tmp.resolve("corrupt");
        synthetic(dir, "t10k", 2, false);
        Path images = dir.resolve("t10k-images-idx3-ubyte");
        byte[] b = Files.readAllBytes(images);
        Files.write(images, java.util.Arrays.copyOf(b, b.length - 10));
        DataLoadException e = assertThrows(DataLoadException.class,
                () -> DataLoader.load(DataRequest.of("mnist", "test", Transform.UNIT).withDir(dir), isolated()));
        assertTrue(e.getMessage().startsWith(images + ": file is truncated"), e.getMessage());
        assertTrue(e.getCause() instanceof IdxFormatException);
    }

    @Test
    void unknownDatasetOrSplit() {
        DataLoadException a = assertThrows(DataLoadException.class,
                () -> DataLoader.load(DataRequest.of("cifar", "test", Transform.UNIT), isolated()));
        assertTrue(a.getMessage().contains("unknown dataset 'cifar'; known: mnist, fashion-mnist, idx"), a.getMessage());
        DataLoadException b = assertThrows(DataLoadException.class,
                () -> DataLoader.load(DataRequest.of("mnist", "validation", Transform.UNIT), isolated()));
        assertTrue(b.getMessage().contains("no split 'validation'; known: test, train"), b.getMessage());
    }

    @Test
    void requestValidation() {
        assertThrows(IllegalArgumentException.class, () -> DataRequest.of("mnist", null, Transform.UNIT));
        assertThrows(IllegalArgumentException.class, () -> new DataRequest("mnist", "test", null, Transform.UNIT,
                tmp.resolve("x"), null, List.of()));
        assertThrows(IllegalArgumentException.class, () -> new DataRequest("idx", null, null, Transform.UNIT,
                null, null, List.of()));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> DataRequest.of("mnist",
                "test", Transform.UNIT).withMirrors(List.of(java.net.URI.create("ftp://example.org/mnist/"))));
        assertTrue(e.getMessage().contains("http or https"), e.getMessage());
    }

    // ---- explicit IDX files -----------------------------------------------------------------

    @Test
    void idxDatasetWithAnyImageSizeAndNoLabels() throws IOException {
        float[] values = new float[5 * 7 * 3];
        for (int i = 0; i < values.length; i++) {
            values[i] = i * 0.5f - 3f;
        }
        Path images = tmp.resolve("floats.idx");
        IdxWriter.write(images, IdxArray.ofFloats(new int[] {5, 7, 3}, values));
        LoadedDataset d = DataLoader.load(DataRequest.idx(images, null, Transform.NONE), isolated());
        assertEquals("idx", d.name());
        assertArrayEquals(new int[] {1, 7, 3}, d.sampleShape());
        assertEquals(5, d.size());
        assertEquals(0, d.classCount());
        assertFalse(d.hasLabels());
        float[] first = new float[21];
        d.copyImage(0, first, 0);
        assertEquals(-3f, first[0]);
        assertEquals(7f, first[20]);
        assertEquals("explicit file", d.files().get(0).origin());
        assertNull(d.split());
    }

    @Test
    void idxDatasetWithLabelsRelativeToDirAndFourDimensions() throws IOException {
        Path dir = tmp.resolve("mine");
        IdxWriter.write(dir.resolve("x.idx.gz"), IdxArray.ofUnsignedBytes(new int[] {4, 1, 2, 5}, new byte[40]));
        IdxWriter.write(dir.resolve("y.idx"), IdxArray.ofInts(IdxType.SHORT, new int[] {4}, new int[] {0, 3, 1, 3}));
        DataRequest r = new DataRequest("idx", "train", dir, Transform.SYMMETRIC, Path.of("x.idx.gz"), Path.of("y.idx"),
                List.of());
        LoadedDataset d = DataLoader.load(r, isolated());
        assertEquals("idx/train", d.name());
        assertArrayEquals(new int[] {1, 2, 5}, d.imageShape());
        assertEquals(4, d.classCount(), "classes 0..max label");
        assertEquals(List.of("0", "1", "2", "3"), d.classNames());
        float[] img = new float[10];
        d.copyImage(3, img, 0);
        assertEquals(-1f, img[9], "symmetric transform applied");
    }

    @Test
    void idxDatasetErrors() throws IOException {
        DataLoadException missing = assertThrows(DataLoadException.class,
                () -> DataLoader.load(DataRequest.idx(tmp.resolve("nope.idx"), null, Transform.NONE), isolated()));
        assertTrue(missing.getMessage().contains("nope.idx does not exist"), missing.getMessage());

        Path flat = tmp.resolve("flat.idx");
        IdxWriter.write(flat, IdxArray.ofUnsignedBytes(new int[] {3, 784}, new byte[3 * 784]));
        DataLoadException shape = assertThrows(DataLoadException.class,
                () -> DataLoader.load(DataRequest.idx(flat, null, Transform.NONE), isolated()));
        assertTrue(shape.getMessage().contains("[n, height, width] or [n, 1, height, width], but the file has 3×784"),
                shape.getMessage());

        Path nan = tmp.resolve("nan.idx");
        IdxWriter.write(nan, IdxArray.ofFloats(new int[] {2, 1, 2}, new float[] {0, 1, Float.NaN, 2}));
        DataLoadException finite = assertThrows(DataLoadException.class,
                () -> DataLoader.load(DataRequest.idx(nan, null, Transform.NONE), isolated()));
        assertTrue(finite.getMessage().contains("image 1, pixel 0 (IDX byte offset 24) is NaN"), finite.getMessage());

        Path images = tmp.resolve("i.idx");
        IdxWriter.write(images, IdxArray.ofUnsignedBytes(new int[] {2, 1, 1}, new byte[2]));
        Path floatLabels = tmp.resolve("fl.idx");
        IdxWriter.write(floatLabels, IdxArray.ofFloats(new int[] {2}, new float[] {0, 1}));
        DataLoadException labels = assertThrows(DataLoadException.class,
                () -> DataLoader.load(DataRequest.idx(images, floatLabels, Transform.NONE), isolated()));
        assertTrue(labels.getMessage().contains("labels must be integers"), labels.getMessage());
    }

    @Test
    void sharedFileDecompressedReadsTheSameAsTheGzip() throws IOException {
        Path dir = tmp.resolve("unpacked");
        Files.createDirectories(dir);
        for (String name : List.of(SharedMnist.IMAGES, SharedMnist.LABELS)) {
            try (InputStream in = new GZIPInputStream(Files.newInputStream(SharedMnist.dir().resolve(name)))) {
                Files.write(dir.resolve(name.replace(".gz", "")), in.readAllBytes());
            }
        }
        LoadedDataset raw = DataLoader.load(DataRequest.of("mnist", "test", Transform.SYMMETRIC).withDir(dir), isolated());
        LoadedDataset gz = DataLoader.load(DataRequest.of("mnist", "test", Transform.SYMMETRIC)
                .withDir(SharedMnist.dir()), isolated());
        float[] a = new float[784];
        float[] b = new float[784];
        for (int i = 0; i < 10_000; i += 1_111) {
            raw.copyImage(i, a, 0);
            gz.copyImage(i, b, 0);
            assertArrayEquals(b, a);
            assertEquals(gz.label(i), raw.label(i));
        }
        assertFalse(raw.files().get(0).verified(), "uncompressed files have no published checksum");
    }
}
