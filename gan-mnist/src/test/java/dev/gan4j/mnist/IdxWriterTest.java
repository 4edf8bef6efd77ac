package dev.gan4j.mnist;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IdxWriterTest {

    @TempDir
    Path tmp;

    @Test
    void generatedImagesBecomeMnistStyleFiles() throws IOException {
        float[] samples = {-1f, 0f, 1f, 0.5f, /* second image */ -2f, 3f, Float.MIN_VALUE, -0.999f};
        Path images = tmp.resolve("out/samples-idx3-ubyte.gz");
        IdxWriter.writeImages(images, samples, 2, 2, 2, Transform.SYMMETRIC);
        IdxArray back = IdxReader.standard().read(images);
        assertEquals(IdxType.UBYTE, back.type());
        assertArrayEquals(new int[] {2, 2, 2}, back.dims());
        assertArrayEquals(new int[] {0, 128, 255, 191, 0, 255, 128, 0}, back.toIntArray());

        Path labels = tmp.resolve("out/labels-idx1-ubyte");
        IdxWriter.writeLabels(labels, new int[] {3, 0, 255});
        assertArrayEquals(new int[] {3, 0, 255}, IdxReader.standard().read(labels).toIntArray());
    }

    @Test
    void badInputIsRefusedAndTheOldFileSurvives() throws IOException {
        Path labels = tmp.resolve("labels.idx");
        IdxWriter.writeLabels(labels, new int[] {1, 2});
        byte[] before = Files.readAllBytes(labels);
        IllegalArgumentException range = assertThrows(IllegalArgumentException.class,
                () -> IdxWriter.writeLabels(labels, new int[] {1, 256}));
        assertTrue(range.getMessage().contains("value 256 at index 1"), range.getMessage());
        IllegalArgumentException nan = assertThrows(IllegalArgumentException.class,
                () -> IdxWriter.writeImages(labels, new float[] {0, Float.NaN}, 1, 1, 2, Transform.UNIT));
        assertTrue(nan.getMessage().contains("image 0, pixel 1 is NaN"), nan.getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> IdxWriter.writeImages(labels, new float[3], 1, 1, 2, Transform.UNIT));
        assertArrayEquals(before, Files.readAllBytes(labels));
        assertEquals(List.of("labels.idx"), names(), "no temporary files left");
    }

    @Test
    void aFailingWriteLeavesNoTemporaryFile() throws IOException {
        Path target = tmp.resolve("x.idx");
        IOException e = assertThrows(IOException.class, () -> AtomicFiles.write(target, out -> {
            out.write(new byte[100_000]);
            throw new IOException("disk full");
        }));
        assertEquals("disk full", e.getMessage());
        assertEquals(List.of(), names());
    }

    private List<String> names() throws IOException {
        try (Stream<Path> s = Files.list(tmp)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }
}
