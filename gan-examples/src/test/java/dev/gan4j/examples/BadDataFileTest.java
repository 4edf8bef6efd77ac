package dev.gan4j.examples;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Experiments whose data files are broken, through the command line: the IDX reader's message —
 * the file and the byte offset — reaches the user intact, as one line with exit code 2, from both
 * {@code gan validate} and {@code gan train}.
 */
class BadDataFileTest {

    @TempDir
    Path dir;

    private final Cli cli = new Cli();
    private byte[] images;
    private byte[] labels;

    @BeforeEach
    void data() throws IOException {
        Cli.writeData(dir);
        images = Files.readAllBytes(dir.resolve("images.idx"));
        labels = Files.readAllBytes(dir.resolve("labels.idx"));
    }

    /** An {@code idx} experiment reading {@code imagesName} and {@code labelsName} from {@code dir}. */
    private Path idxExperiment(String imagesName, String labelsName) throws IOException {
        return experiment("{\"dataset\": \"idx\", \"dir\": \"" + dir + "\", \"images\": \"" + imagesName + "\", "
                + "\"labels\": \"" + labelsName + "\"}");
    }

    private Path experiment(String data) throws IOException {
        Path f = dir.resolve("experiment.json");
        Files.writeString(f, Cli.experiment(data));
        return f;
    }

    private Path file(String name, byte[] content) throws IOException {
        Path f = dir.resolve(name);
        Files.write(f, content);
        return f;
    }

    /** Both commands fail with exactly {@code message}, and train writes no run. */
    private void rejects(Path experiment, String message) {
        cli.assertUserError(cli.run("validate", experiment.toString()), "validate", message);
        Path run = dir.resolve("run");
        cli.assertUserError(cli.run("train", experiment.toString(), "--out", run.toString()), "train", message);
        org.junit.jupiter.api.Assertions.assertFalse(Files.exists(run), "no run directory for bad data");
    }

    @Test
    void theIntactFilesValidate() throws IOException {
        cli.assertOk(cli.run("validate", idxExperiment("images.idx", "labels.idx").toString()));
    }

    @Test
    void truncatedImages() throws IOException {
        Path bad = file("short.idx", Arrays.copyOf(images, 100));
        rejects(idxExperiment("short.idx", "labels.idx"), bad + ": file is truncated: the header declares 20×4×4 "
                + "0x08 ubyte = 320 data bytes from offset 16, but the file ends after 84 of them (file size 100) "
                + "(at byte offset 100)");
    }

    @Test
    void truncatedInsideTheHeader() throws IOException {
        Path bad = file("header.idx", Arrays.copyOf(images, 10));
        rejects(idxExperiment("header.idx", "labels.idx"), bad + ": file is truncated: it ends inside the 3 dimension "
                + "sizes of 4 bytes each that starts at offset 4 (6 of 12 bytes present) (at byte offset 10)");
    }

    @Test
    void wrongMagicNumber() throws IOException {
        byte[] foreign = images.clone();
        foreign[0] = 'P';
        foreign[1] = 'K';
        Path bad = file("zip.idx", foreign);
        rejects(idxExperiment("zip.idx", "labels.idx"), bad + ": not an IDX file: the magic number must start with "
                + "two zero bytes but starts with 0x50 0x4B (at byte offset 0)");
    }

    @Test
    void unknownElementType() throws IOException {
        byte[] odd = images.clone();
        odd[2] = 0x0A;
        Path bad = file("odd.idx", odd);
        rejects(idxExperiment("odd.idx", "labels.idx"), bad + ": unknown IDX element type 0x0A (known: 0x08 ubyte, "
                + "0x09 byte, 0x0B short, 0x0C int, 0x0D float, 0x0E double) (at byte offset 2)");
    }

    @Test
    void headerClaimingMoreDataThanTheFileHolds() throws IOException {
        byte[] liar = images.clone();
        ByteBuffer.wrap(liar).putInt(4, 1000);
        Path bad = file("liar.idx", liar);
        rejects(idxExperiment("liar.idx", "labels.idx"), bad + ": file is truncated: the header declares 1000×4×4 "
                + "0x08 ubyte = 16000 data bytes from offset 16, but the file ends after 320 of them (file size 336) "
                + "(at byte offset 336)");
    }

    @Test
    void headerClaimingAnAbsurdSizeIsRefusedBeforeAllocating() throws IOException {
        byte[] liar = images.clone();
        ByteBuffer.wrap(liar).putInt(4, 2_000_000_000);
        Path bad = file("liar.idx", liar);
        rejects(idxExperiment("liar.idx", "labels.idx"), bad + ": dimensions 2000000000×4×… of 0x08 ubyte need more "
                + "than 2147483639 bytes of data, the most this reader accepts (at byte offset 8)");
    }

    @Test
    void imageAndLabelCountsDiffer() throws IOException {
        byte[] fewer = Arrays.copyOf(labels, labels.length - 1);
        ByteBuffer.wrap(fewer).putInt(4, Cli.SAMPLES - 1);
        Path bad = file("fewer.idx", fewer);
        rejects(idxExperiment("images.idx", "fewer.idx"), "image and label counts differ: " + dir.resolve("images.idx")
                + " holds 20 images but " + bad + " holds 19 labels (each count is the first dimension, at byte "
                + "offset 4 of the file's IDX header)");
    }

    @Test
    void corruptGzip() throws IOException {
        byte[] gz = gzip(images);
        gz[gz.length / 2] ^= (byte) 0xFF;
        gz[gz.length / 2 + 1] ^= (byte) 0xFF;
        Path bad = file("images.idx.gz", gz);
        Path experiment = idxExperiment("images.idx.gz", "labels.idx");
        int code = cli.run("validate", experiment.toString());
        String e = cli.err();
        org.junit.jupiter.api.Assertions.assertTrue(e.startsWith("gan validate: " + bad + ": "), e);
        org.junit.jupiter.api.Assertions.assertTrue(e.contains("byte offset"), e);
        cli.assertUserError(code, "validate", e.substring("gan validate: ".length(), e.indexOf(System.lineSeparator())));
    }

    @Test
    void truncatedFileOfANamedDatasetInDataDir() throws IOException {
        // MNIST's file names in data.dir, but a truncated copy: read (its checksum is unknown) and refused
        Path mnist = Files.createDirectory(dir.resolve("mnist"));
        Path bad = mnist.resolve("t10k-images-idx3-ubyte");
        Files.write(bad, Arrays.copyOf(images, 100));
        Files.write(mnist.resolve("t10k-labels-idx1-ubyte"), labels);
        rejects(experiment("{\"dataset\": \"mnist\", \"split\": \"test\", \"dir\": \"" + mnist + "\"}"), bad
                + ": file is truncated: the header declares 20×4×4 0x08 ubyte = 320 data bytes from offset 16, but the "
                + "file ends after 84 of them (file size 100) (at byte offset 100)");
    }

    @Test
    void dataDirIsAuthoritativeForANamedDataset() throws IOException {
        // each was a silent fallback to GAN4J_DATA_DIR or the cache; now one line naming the path
        Path mnist = Files.createDirectory(dir.resolve("mnist"));
        Files.write(mnist.resolve("t10k-labels-idx1-ubyte"), labels);
        Path experiment = experiment("{\"dataset\": \"mnist\", \"split\": \"test\", \"dir\": \"" + mnist + "\"}");
        rejects(experiment, mnist.resolve("t10k-images-idx3-ubyte.gz") + " does not exist (nor its uncompressed form), "
                + "but data.dir holds t10k-labels-idx1-ubyte; both files must be there");
        Path zero = Files.createSymbolicLink(mnist.resolve("t10k-images-idx3-ubyte"), Path.of("/dev/zero"));
        rejects(experiment, zero + " is not a regular file, not mnist's t10k-images-idx3-ubyte.gz");
        Path empty = Files.createDirectory(dir.resolve("etc"));
        rejects(experiment("{\"dataset\": \"mnist\", \"split\": \"test\", \"dir\": \"" + empty + "\"}"),
                "data.dir " + empty + " holds neither t10k-images-idx3-ubyte.gz nor t10k-labels-idx1-ubyte.gz (or "
                + "their uncompressed forms), directly or in mnist/; unset data.dir to search GAN4J_DATA_DIR, the "
                + "system datasets and the cache");
    }

    @Test
    void missingImageFile() throws IOException {
        rejects(idxExperiment("nope.idx", "labels.idx"), "dataset 'idx': " + dir.resolve("nope.idx")
                + " does not exist");
    }

    private static byte[] gzip(byte[] content) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(content);
        }
        return out.toByteArray();
    }
}
