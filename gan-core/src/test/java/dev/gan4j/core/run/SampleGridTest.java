package dev.gan4j.core.run;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SampleGridTest {

    @Test
    void mapsTheValueRangeToGreyLevelsWithSeparators(@TempDir Path tmp) throws Exception {
        // three 1×2 images in a 2-column grid, range [-1, 1]
        float[] samples = {-1f, 1f, 0f, 2f, Float.NaN, -3f};
        Path file = tmp.resolve("g.png");
        SampleGrid.writePng(samples, 3, 1, 2, 2, -1, 1, file);
        BufferedImage img = ImageIO.read(file.toFile());
        assertEquals(2 * 3 + 1, img.getWidth());
        assertEquals(2 * 2 + 1, img.getHeight());
        var r = img.getRaster();
        assertEquals(SampleGrid.SEPARATOR, r.getSample(0, 0, 0));
        assertEquals(0, r.getSample(1, 1, 0));
        assertEquals(255, r.getSample(2, 1, 0));
        assertEquals(SampleGrid.SEPARATOR, r.getSample(3, 1, 0));
        assertEquals(128, r.getSample(4, 1, 0)); // 0 in [-1, 1] is mid-grey: round(127.5)
        assertEquals(255, r.getSample(5, 1, 0)); // clamped
        assertEquals(0, r.getSample(1, 3, 0)); // NaN drawn black
        assertEquals(0, r.getSample(2, 3, 0)); // clamped
        assertEquals(SampleGrid.SEPARATOR, r.getSample(4, 3, 0)); // empty cell
        try (var files = Files.list(tmp)) {
            assertEquals(1, files.count(), "no temporary file left behind");
        }
    }

    @Test
    void imageSizes() {
        assertArrayEquals(new int[] {28, 28}, SampleGrid.imageSize(new int[] {784}));
        assertArrayEquals(new int[] {28, 28}, SampleGrid.imageSize(new int[] {1, 28, 28}));
        assertArrayEquals(new int[] {3, 5}, SampleGrid.imageSize(new int[] {3, 5}));
        assertThrows(IllegalArgumentException.class, () -> SampleGrid.imageSize(new int[] {10}));
        assertThrows(IllegalArgumentException.class, () -> SampleGrid.imageSize(new int[] {3, 28, 28}));
        assertThrows(IllegalArgumentException.class, () -> SampleGrid.render(new float[3], 1, 2, 2, 1, 0, 1));
    }
}
