package dev.gan4j.core.run;

import dev.gan4j.core.io.AtomicFiles;
import java.awt.image.BufferedImage;
import java.awt.image.WritableRaster;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import javax.imageio.ImageIO;
import javax.imageio.stream.ImageOutputStream;
import javax.imageio.stream.MemoryCacheImageOutputStream;

/**
 * Renders generated samples as one 8-bit grey PNG: a grid of images separated by 1-pixel
 * mid-grey lines, so that both black and white digits stay distinguishable from the gaps.
 */
public final class SampleGrid {

    /** Grey level of the separator lines and of empty cells. */
    static final int SEPARATOR = 128;

    private SampleGrid() {
    }

    /**
     * Height and width of one image of {@code sampleShape}: {@code [h, w]}, {@code [1, h, w]},
     * or {@code [n]} with {@code n} a perfect square.
     *
     * @throws IllegalArgumentException for other shapes (colour images are not supported yet)
     */
    public static int[] imageSize(int[] sampleShape) {
        if (sampleShape.length == 3 && sampleShape[0] == 1) {
            return new int[] {sampleShape[1], sampleShape[2]};
        }
        if (sampleShape.length == 2) {
            return sampleShape.clone();
        }
        if (sampleShape.length == 1) {
            int side = (int) Math.round(Math.sqrt(sampleShape[0]));
            if (side * side == sampleShape[0]) {
                return new int[] {side, side};
            }
        }
        throw new IllegalArgumentException("cannot draw samples of shape " + Arrays.toString(sampleShape)
                + " as grey images; expected [h, w], [1, h, w] or [n] with n a perfect square");
    }

    /**
     * Draws {@code count} images of {@code height × width} values (row-major, one after the
     * other in {@code samples}) in a grid of {@code columns} columns. Values are mapped linearly
     * from {@code [min, max]} to 0..255 and clamped; NaN is drawn black.
     */
    public static BufferedImage render(float[] samples, int count, int height, int width, int columns, double min,
            double max) {
        if (count <= 0 || height <= 0 || width <= 0 || columns <= 0) {
            throw new IllegalArgumentException("count, height, width and columns must be positive, got " + count + ", "
                    + height + ", " + width + ", " + columns);
        }
        if (samples.length < (long) count * height * width) {
            throw new IllegalArgumentException(count + " images of " + height + "×" + width + " need "
                    + (long) count * height * width + " values, got " + samples.length);
        }
        if (!(max > min)) {
            throw new IllegalArgumentException("value range [" + min + ", " + max + "] is empty");
        }
        int rows = (count + columns - 1) / columns;
        int imageWidth = columns * (width + 1) + 1;
        int imageHeight = rows * (height + 1) + 1;
        BufferedImage image = new BufferedImage(imageWidth, imageHeight, BufferedImage.TYPE_BYTE_GRAY);
        WritableRaster raster = image.getRaster();
        int[] line = new int[imageWidth];
        Arrays.fill(line, SEPARATOR);
        for (int y = 0; y < imageHeight; y++) {
            raster.setPixels(0, y, imageWidth, 1, line);
        }
        double scale = 255.0 / (max - min);
        int[] pixels = new int[width];
        for (int k = 0; k < count; k++) {
            int x0 = 1 + (k % columns) * (width + 1);
            int y0 = 1 + (k / columns) * (height + 1);
            int base = k * height * width;
            for (int y = 0; y < height; y++) {
                for (int x = 0; x < width; x++) {
                    double v = (samples[base + y * width + x] - min) * scale;
                    pixels[x] = Double.isNaN(v) ? 0 : (int) Math.round(Math.max(0, Math.min(255, v)));
                }
                raster.setPixels(x0, y0 + y, width, 1, pixels);
            }
        }
        return image;
    }

    /** {@link #render} written to {@code file} as PNG, atomically. */
    public static void writePng(float[] samples, int count, int height, int width, int columns, double min,
            double max, Path file) throws IOException {
        writePng(render(samples, count, height, width, columns, min, max), file);
    }

    /** Writes {@code image} to {@code file} as PNG, atomically. */
    public static void writePng(BufferedImage image, Path file) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        // a memory-cached stream, not ImageIO's default file cache: ImageIO closes its cache streams
        // in a shutdown hook of its own, and a run stopped by Ctrl-C draws its last grid during shutdown
        try (ImageOutputStream out = new MemoryCacheImageOutputStream(bytes)) {
            if (!ImageIO.write(image, "png", out)) {
                throw new IOException("no PNG writer is available in this JDK");
            }
        }
        AtomicFiles.write(file, bytes.toByteArray());
    }
}
