package dev.gan4j.mnist;

import static dev.gan4j.mnist.IdxBytes.concat;
import static dev.gan4j.mnist.IdxBytes.gzip;
import static dev.gan4j.mnist.IdxBytes.idx;
import static dev.gan4j.mnist.IdxBytes.ubyte;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.CRC32;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IdxReaderTest {

    @TempDir
    Path tmp;

    // ---- the real MNIST test split: facts about the published files ------------------------

    @Test
    void readsSharedMnistTestImages() throws IOException {
        IdxArray images = IdxReader.standard().read(SharedMnist.images());
        assertEquals(IdxType.UBYTE, images.type());
        assertArrayEquals(new int[] {10_000, 28, 28}, images.dims());
        int[] pixels = images.toIntArray();
        assertEquals(264_923_200L, Arrays.stream(pixels).asLongStream().sum(), "sum of all pixel bytes");
        assertEquals(18_454, Arrays.stream(pixels, 0, 784).sum(), "sum of the first image");
        assertEquals(41_833, Arrays.stream(pixels, 9_999 * 784, 10_000 * 784).sum(), "sum of the last image");
        assertEquals(255, Arrays.stream(pixels).max().orElseThrow());
    }

    @Test
    void readsSharedMnistTestLabels() throws IOException {
        IdxArray labels = IdxReader.standard().read(SharedMnist.labels());
        assertEquals(IdxType.UBYTE, labels.type());
        assertArrayEquals(new int[] {10_000}, labels.dims());
        int[] values = labels.toIntArray();
        assertArrayEquals(new int[] {7, 2, 1, 0, 4, 1, 4, 9, 5, 9, 0, 6, 9, 0, 1, 5, 9, 7, 3, 4},
                Arrays.copyOf(values, 20));
        int[] histogram = new int[10];
        for (int v : values) {
            histogram[v]++;
        }
        assertArrayEquals(new int[] {980, 1135, 1032, 1010, 982, 892, 958, 1028, 974, 1009}, histogram);
    }

    @Test
    void rawAndGzipCopiesOfTheSameFileReadTheSame() throws IOException {
        Path raw = tmp.resolve("t10k-labels-idx1-ubyte");
        try (InputStream in = new GZIPInputStream(Files.newInputStream(SharedMnist.labels()))) {
            Files.write(raw, in.readAllBytes());
        }
        assertEquals(IdxReader.standard().read(SharedMnist.labels()), IdxReader.standard().read(raw));
    }

    // ---- every element type, written and read back -----------------------------------------

    @Test
    void everyElementTypeRoundTripsRawAndGzip() throws IOException {
        int[] dims = {2, 3};
        IdxArray[] arrays = {
            IdxArray.ofInts(IdxType.UBYTE, dims, new int[] {0, 1, 127, 128, 254, 255}),
            IdxArray.ofInts(IdxType.BYTE, dims, new int[] {-128, -1, 0, 1, 64, 127}),
            IdxArray.ofInts(IdxType.SHORT, dims, new int[] {-32768, -2, 0, 3, 1000, 32767}),
            IdxArray.ofInts(IdxType.INT, dims, new int[] {Integer.MIN_VALUE, -5, 0, 7, 70_000, Integer.MAX_VALUE}),
            IdxArray.ofFloats(dims, new float[] {-1.5f, 0f, 0.25f, Float.MIN_VALUE, 3e38f, -0f}),
            IdxArray.ofDoubles(dims, new double[] {-1.5, 0, 0.1, Double.MIN_VALUE, 1e300, Math.PI}),
        };
        for (IdxArray a : arrays) {
            for (String name : new String[] {"a.idx", "a.idx.gz"}) {
                Path p = tmp.resolve(a.type() + name);
                IdxWriter.write(p, a);
                byte[] bytes = Files.readAllBytes(p);
                assertEquals(name.endsWith(".gz"), (bytes[0] & 0xFF) == 0x1F && (bytes[1] & 0xFF) == 0x8B,
                        "gzip exactly when the name ends in .gz");
                IdxArray back = IdxReader.standard().read(p);
                assertEquals(a, back, a.type() + " " + name);
            }
        }
        assertEquals(-128.0, arrays[1].getDouble(0));
        assertEquals(-32768, arrays[2].getInt(0));
        assertEquals(Integer.MAX_VALUE, arrays[3].getInt(5));
        assertEquals(0.25f, arrays[4].toFloatArray()[2]);
        assertEquals(Math.PI, arrays[5].getDouble(5));
        assertEquals((float) 0.1, arrays[5].toFloatArray()[2]);
        assertArrayEquals(new int[] {-128, -1, 0, 1, 64, 127}, arrays[1].toIntArray());
        assertThrows(IllegalStateException.class, () -> arrays[4].toIntArray());
    }

    @Test
    void zeroSizedDimensionIsAnEmptyArray() throws IOException {
        IdxArray a = IdxReader.standard().read(idx(0x08, new int[] {0, 28, 28}, new byte[0]), "empty");
        assertEquals(0, a.count());
        assertArrayEquals(new int[] {0, 28, 28}, a.dims());
    }

    // ---- malformed headers ---------------------------------------------------------------

    @Test
    void emptyFile() throws IOException {
        assertRejects(new byte[0], 0, "file is empty");
    }

    @Test
    void wrongMagic() throws IOException {
        byte[] file = ubyte(2, 2);
        file[0] = 0x50;
        file[1] = 0x4B;
        assertRejects(file, 0, "not an IDX file", "0x50 0x4B");
    }

    @Test
    void unknownElementType() throws IOException {
        assertRejects(idx(0x07, new int[] {1}, new byte[1]), 2, "unknown IDX element type 0x07", "0x0D float");
    }

    @Test
    void zeroDimensions() throws IOException {
        assertRejects(new byte[] {0, 0, 8, 0}, 3, "declares 0 dimensions");
    }

    @Test
    void absurdDimensionCount() throws IOException {
        assertRejects(new byte[] {0, 0, 8, (byte) 200, 0, 0, 0, 1}, 3, "declares 200 dimensions");
    }

    @Test
    void headerEndsInsideDimensions() throws IOException {
        assertRejects(new byte[] {0, 0, 8, 3, 0, 0, 0, 10, 0, 0}, 10, "ends inside the 3 dimension sizes",
                "6 of 12 bytes");
    }

    @Test
    void headerEndsInsideMagic() throws IOException {
        assertRejects(new byte[] {0, 0}, 2, "ends inside the 4-byte magic number");
    }

    @Test
    void dimensionAbove2To31() throws IOException {
        byte[] file = idx(0x08, new int[] {1, -1}, new byte[0]);
        assertRejects(file, 8, "dimension 1 is 4294967295");
    }

    @Test
    void dimensionsWhoseProductOverflowsAreRejectedBeforeAllocating() throws IOException {
        byte[] file = idx(0x0E, new int[] {65_536, 65_536, 65_536, 65_536}, new byte[8]);
        assertRejects(file, 8, "dimensions 65536×65536×… of 0x0E double need more than 2147483639 bytes");
    }

    @Test
    void dimensionsClaimingMoreThanTheFileHolds() throws IOException {
        byte[] file = idx(0x08, new int[] {10_000, 28, 28}, new byte[100]);
        assertRejects(file, 116, "file is truncated", "10000×28×28 0x08 ubyte = 7840000 data bytes from offset 16",
                "ends after 100 of them");
    }

    @Test
    void truncatedMultiByteData() throws IOException {
        byte[] full = IdxBytes.concat(new byte[] {0, 0, 0x0C, 1, 0, 0, 0, 3}, new byte[11]);
        assertRejects(full, 19, "file is truncated", "= 12 data bytes", "ends after 11");
    }

    @Test
    void trailingGarbage() throws IOException {
        byte[] file = concat(ubyte(2, 3), new byte[] {1, 2, 3});
        assertRejects(file, 18, "3 bytes of trailing data");
    }

    @Test
    void limitIsEnforcedBeforeReading() {
        IdxFormatException e = assertThrows(IdxFormatException.class,
                () -> IdxReader.withLimit(100).read(ubyte(28, 28), "small"));
        assertTrue(e.getMessage().contains("more than 100 bytes"), e.getMessage());
    }

    // ---- gzip ----------------------------------------------------------------------------

    @Test
    void gzipIsDetectedByContentNotName() throws IOException {
        Path p = tmp.resolve("looks-raw.idx");
        Files.write(p, gzip(ubyte(3, 4)));
        assertEquals(IdxReader.standard().read(ubyte(3, 4), "raw"), IdxReader.standard().read(p));
    }

    @Test
    void truncatedGzipStream() throws IOException {
        byte[] gz = gzip(ubyte(100, 100));
        byte[] cut = Arrays.copyOf(gz, gz.length / 2);
        assertRejects(cut, cut.length, "gzip stream is truncated", "compressed byte offset " + cut.length);
    }

    @Test
    void gzipCutInsideHeader() throws IOException {
        assertRejects(new byte[] {0x1F, (byte) 0x8B, 8, 0, 0}, 5, "ends inside the gzip header");
    }

    @Test
    void corruptDeflateData() throws IOException {
        byte[] gz = gzip(ubyte(10, 10));
        gz[10] = (byte) 0xFF; // first block header: final block of the reserved type 3
        assertRejects(gz, -1, "corrupt deflate data in gzip member 1");
    }

    @Test
    void gzipCrcMismatch() throws IOException {
        byte[] gz = gzip(ubyte(10, 10));
        gz[gz.length - 8] ^= 0x01;
        assertRejects(gz, gz.length - 8, "CRC-32 mismatch in gzip member 1");
    }

    @Test
    void gzipSizeTrailerMismatch() throws IOException {
        byte[] gz = gzip(ubyte(10, 10));
        gz[gz.length - 4] ^= 0x01;
        assertRejects(gz, gz.length - 4, "trailer records");
    }

    @Test
    void gzipWithUnsupportedMethodOrReservedFlags() throws IOException {
        byte[] gz = gzip(ubyte(2));
        gz[2] = 7;
        assertRejects(gz, 2, "unsupported gzip compression method 7");
        gz = gzip(ubyte(2));
        gz[3] = (byte) 0x80;
        assertRejects(gz, 3, "reserved flag bits");
    }

    @Test
    void idxDataTruncatedInsideGzip() throws IOException {
        byte[] content = idx(0x08, new int[] {10, 10}, new byte[60]);
        assertRejects(gzip(content), 72, "data is truncated", "only 60 are present", "of the decompressed data");
    }

    @Test
    void gzipInflatingFarBeyondTheDeclaredSizeStopsEarly() throws IOException {
        byte[] content = concat(idx(0x08, new int[] {10}, new byte[10]), new byte[20_000_000]);
        long start = System.nanoTime();
        assertRejects(gzip(content), 18, "at least 65536 bytes of trailing data",
                "inflates beyond the size the header declares");
        assertTrue(System.nanoTime() - start < 2_000_000_000L, "stops reading instead of inflating everything");
    }

    @Test
    void gzipDeclaringMoreThanDeflateCanHoldIsRejectedBeforeAllocating() throws IOException {
        byte[] gz = gzip(idx(0x08, new int[] {1 << 30}, new byte[0]));
        assertRejects(gz, 4, "cannot inflate to more than about");
    }

    @Test
    void trailingGarbageAfterGzipStream() throws IOException {
        byte[] gz = concat(gzip(ubyte(3, 3)), new byte[] {0, 0, 0, 0});
        assertRejects(gz, gz.length - 4, "trailing garbage after the end of gzip member 1");
    }

    @Test
    void concatenatedGzipMembersAreOneStream() throws IOException {
        // the size trailer then describes only the last member, so the reader cannot trust the
        // header's size up front and grows its buffer with the data
        byte[] whole = ubyte(300, 300);
        int cut = 40_000;
        byte[] gz = concat(gzip(Arrays.copyOf(whole, cut)), gzip(Arrays.copyOfRange(whole, cut, whole.length)));
        IdxArray a = IdxReader.standard().read(gz, "two members");
        assertEquals(IdxReader.standard().read(whole, "raw"), a);
        Path p = tmp.resolve("two.gz");
        Files.write(p, gz);
        assertEquals(a, IdxReader.standard().read(p));
    }

    @Test
    void gzipHeaderFieldsAreParsedAndHeaderCrcChecked() throws IOException {
        byte[] plain = gzip(ubyte(4, 4));
        byte[] deflated = Arrays.copyOfRange(plain, 10, plain.length); // deflate data + trailer
        byte[] header = concat(new byte[] {0x1F, (byte) 0x8B, 8, 2 | 4 | 8 | 16, 0, 0, 0, 0, 0, 3},
                new byte[] {3, 0, 'a', 'b', 'c'}, "name.idx\0".getBytes(), "a comment\0".getBytes());
        CRC32 crc = new CRC32();
        crc.update(header);
        int crc16 = (int) crc.getValue() & 0xFFFF;
        byte[] good = concat(header, new byte[] {(byte) crc16, (byte) (crc16 >>> 8)}, deflated);
        assertEquals(IdxReader.standard().read(ubyte(4, 4), "raw"), IdxReader.standard().read(good, "fields"));
        byte[] bad = good.clone();
        bad[header.length] ^= 0x55;
        assertRejects(bad, header.length, "gzip header CRC mismatch");
    }

    // ---- helpers -------------------------------------------------------------------------

    /**
     * Asserts that the content is rejected, both from memory and from a file, with an
     * IdxFormatException whose message names the source and contains the fragments (and
     * whose offset is {@code offset}, unless that is -1).
     */
    private void assertRejects(byte[] content, long offset, String... fragments) throws IOException {
        IdxFormatException inMemory = assertThrows(IdxFormatException.class,
                () -> IdxReader.standard().read(content, "memory.idx"));
        check(inMemory, "memory.idx", offset, fragments);
        Path file = Files.write(tmp.resolve("case-" + System.nanoTime() + ".idx"), content);
        IdxFormatException fromFile = assertThrows(IdxFormatException.class, () -> IdxReader.standard().read(file));
        check(fromFile, file.toString(), offset, fragments);
    }

    private static void check(IdxFormatException e, String source, long offset, String... fragments) {
        String m = e.getMessage();
        assertTrue(m.startsWith(source + ": "), "names the source: " + m);
        assertEquals(source, e.source());
        if (offset >= 0) {
            assertEquals(offset, e.offset(), m);
            assertTrue(m.contains("offset " + offset), "names the offset: " + m);
        }
        for (String f : fragments) {
            assertTrue(m.contains(f), "expected '" + f + "' in: " + m);
        }
    }

    @Test
    void sizeTrailerHelperMatchesJdkGzip() {
        // guard for the test data itself: GZIPOutputStream writes ISIZE little-endian at the end
        byte[] gz = gzip(new byte[1234]);
        assertEquals(1234, ByteBuffer.wrap(gz, gz.length - 4, 4).order(java.nio.ByteOrder.LITTLE_ENDIAN).getInt());
    }
}
