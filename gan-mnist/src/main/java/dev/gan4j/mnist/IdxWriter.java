package dev.gan4j.mnist;

import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.Locale;
import java.util.zip.GZIPOutputStream;

/**
 * Writes IDX files atomically (temporary file in the same directory, flushed to disk, renamed
 * over the target), gzip-compressed when the file name ends in {@code .gz}. A reader never sees
 * a half-written file, and a failed write leaves the old file, if any, untouched.
 */
public final class IdxWriter {

    private IdxWriter() {
    }

    /** Writes {@code array} to {@code file}; gzip if the name ends in {@code .gz}. */
    public static void write(Path file, IdxArray array) throws IOException {
        boolean gzip = file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".gz");
        AtomicFiles.write(file, out -> {
            if (gzip) {
                try (GZIPOutputStream gz = new GZIPOutputStream(out, 64 * 1024)) {
                    writeTo(gz, array);
                }
            } else {
                writeTo(out, array);
            }
        });
    }

    /** The IDX bytes of {@code array} (header then data) written to {@code out}. */
    static void writeTo(OutputStream out, IdxArray array) throws IOException {
        DataOutputStream data = new DataOutputStream(out);
        data.writeShort(0);
        data.writeByte(array.type().code());
        data.writeByte(array.rank());
        for (int i = 0; i < array.rank(); i++) {
            data.writeInt(array.dim(i));
        }
        data.write(array.bytes());
        data.flush();
    }

    /**
     * Writes {@code count} images of {@code height × width} as an unsigned-byte IDX file
     * ({@code [count, height, width]}, MNIST's layout), converting each value back to 0..255
     * with {@link Transform#toPixel(float)}.
     *
     * @param samples {@code count × height × width} values, image after image, row-major
     * @throws IllegalArgumentException if the sizes disagree or a value is NaN (naming it)
     */
    public static void writeImages(Path file, float[] samples, int count, int height, int width, Transform transform)
            throws IOException {
        if (count < 0 || height <= 0 || width <= 0) {
            throw new IllegalArgumentException("need count ≥ 0 and positive height and width, got " + count + ", "
                    + height + ", " + width);
        }
        long pixels = (long) height * width;
        if (count * pixels != samples.length) {
            throw new IllegalArgumentException(count + " images of " + height + "×" + width + " need "
                    + count * pixels + " values, got " + samples.length);
        }
        byte[] bytes = new byte[samples.length];
        for (int i = 0; i < samples.length; i++) {
            if (Float.isNaN(samples[i])) {
                throw new IllegalArgumentException("image " + i / pixels + ", pixel " + i % pixels + " is NaN");
            }
            bytes[i] = (byte) transform.toPixel(samples[i]);
        }
        write(file, new IdxArray(IdxType.UBYTE, new int[] {count, height, width}, bytes));
    }

    /**
     * Writes class labels as a one-dimensional unsigned-byte IDX file (MNIST's layout).
     *
     * @throws IllegalArgumentException if a label is outside 0..255 (naming its index)
     */
    public static void writeLabels(Path file, int[] labels) throws IOException {
        write(file, IdxArray.ofInts(IdxType.UBYTE, new int[] {labels.length}, labels));
    }
}
