package dev.gan4j.mnist;

import java.io.BufferedInputStream;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;

/**
 * Reads IDX files (LeCun's format for MNIST): any element type, raw or gzip-compressed (detected
 * by the gzip magic bytes {@code 1F 8B}, never by the file name).
 *
 * <p>The reader distrusts the file. The header is validated before any data is allocated: the
 * magic number, a known element type, 1 to {@value IdxArray#MAX_RANK} dimensions, each below
 * 2<sup>31</sup>, and a data size that fits the limit and what the file can hold (exactly its
 * remaining size for a raw file; for gzip, what deflate's 1032:1 maximum ratio allows from the
 * compressed size). A gzip file whose header disagrees with its own size trailer (a lie, or
 * several members) is inflated twice: once counting, without keeping the data, to prove the
 * declared size is there, then into a buffer of exactly that size, so memory follows the data
 * actually present, never the header's claim or a growing buffer's copies. Then the
 * data must be all there and nothing may follow it. Every problem is an
 * {@link IdxFormatException} naming the file and byte offset; nothing else is thrown for bad
 * content.
 *
 * <p>Instances are immutable and thread-safe.
 */
public final class IdxReader {

    /** Deflate's best possible compression ratio; a gzip file cannot inflate beyond it. */
    static final long DEFLATE_MAX_RATIO = 1032;
    /** How many extra decompressed bytes we count before giving up on reporting their number. */
    private static final int TRAILING_PROBE = 64 * 1024;

    private static final IdxReader STANDARD = new IdxReader(IdxArray.MAX_DATA_BYTES);

    private final long maxDataBytes;

    private IdxReader(long maxDataBytes) {
        this.maxDataBytes = maxDataBytes;
    }

    /** A reader accepting anything up to {@link IdxArray#MAX_DATA_BYTES} of data. */
    public static IdxReader standard() {
        return STANDARD;
    }

    /**
     * A reader that refuses files declaring more than {@code maxDataBytes} bytes of data
     * (e.g. to bound memory in a service).
     */
    public static IdxReader withLimit(long maxDataBytes) {
        if (maxDataBytes < 0 || maxDataBytes > IdxArray.MAX_DATA_BYTES) {
            throw new IllegalArgumentException("maxDataBytes must be in [0, " + IdxArray.MAX_DATA_BYTES + "], got "
                    + maxDataBytes);
        }
        return new IdxReader(maxDataBytes);
    }

    /**
     * Reads {@code file}.
     *
     * @throws IdxFormatException if the content is not a valid IDX file (or valid gzip of one)
     * @throws IOException if the file cannot be read
     */
    public IdxArray read(Path file) throws IOException {
        long size = Files.size(file);
        long trailer;
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            trailer = gzipSizeTrailer(ch, size);
        }
        return read(() -> new BufferedInputStream(Files.newInputStream(file), 64 * 1024), file.toString(), size,
                trailer);
    }

    /** Opens the content from its start, as often as the reader needs to. */
    @FunctionalInterface
    private interface Source {
        InputStream open() throws IOException;
    }

    /**
     * Reads IDX content held in memory; {@code source} names it in error messages.
     *
     * @throws IdxFormatException if the content is not a valid IDX file (or valid gzip of one)
     */
    public IdxArray read(byte[] content, String source) throws IdxFormatException {
        long trailer = -1;
        if (content.length >= 18 && (content[0] & 0xFF) == 0x1F && (content[1] & 0xFF) == 0x8B) {
            trailer = ByteBuffer.wrap(content, content.length - 4, 4).order(java.nio.ByteOrder.LITTLE_ENDIAN)
                    .getInt() & 0xFFFFFFFFL;
        }
        try {
            return read(() -> new ByteArrayInputStream(content), source, content.length, trailer);
        } catch (IdxFormatException e) {
            throw e;
        } catch (IOException e) {
            throw new IllegalStateException("in-memory read failed", e); // a byte array cannot fail to read
        }
    }

    /** The gzip ISIZE trailer (uncompressed size mod 2^32) if the file starts like gzip, else -1. */
    private static long gzipSizeTrailer(FileChannel ch, long size) throws IOException {
        if (size < 18) {
            return -1;
        }
        ByteBuffer head = ByteBuffer.allocate(2);
        ch.read(head, 0);
        if ((head.get(0) & 0xFF) != 0x1F || (head.get(1) & 0xFF) != 0x8B) {
            return -1;
        }
        ByteBuffer tail = ByteBuffer.allocate(4).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        while (tail.hasRemaining() && ch.read(tail, size - 4 + tail.position()) > 0) {
            // read the last four bytes
        }
        return tail.hasRemaining() ? -1 : tail.getInt(0) & 0xFFFFFFFFL;
    }

    private IdxArray read(Source content, String source, long rawSize, long sizeTrailer) throws IOException {
        if (rawSize == 0) {
            throw new IdxFormatException(source, 0, source + ": file is empty; an IDX file starts with a 4-byte "
                    + "magic number (at byte offset 0)");
        }
        try (Cursor c = open(content, source)) {
            return parse(c, content, rawSize, sizeTrailer);
        }
    }

    private static Cursor open(Source content, String source) throws IOException {
        InputStream buffered = content.open();
        buffered.mark(2);
        int b0 = buffered.read();
        int b1 = buffered.read();
        buffered.reset();
        boolean gzip = b0 == 0x1F && b1 == 0x8B;
        return new Cursor(gzip ? new GzipStream(buffered, source) : buffered, source, gzip);
    }

    private IdxArray parse(Cursor c, Source content, long rawSize, long sizeTrailer) throws IOException {
        byte[] magic = c.header(4, "4-byte magic number");
        if (magic[0] != 0 || magic[1] != 0) {
            throw c.fail(0, String.format("not an IDX file: the magic number must start with two zero bytes but "
                    + "starts with 0x%02X 0x%02X", magic[0] & 0xFF, magic[1] & 0xFF));
        }
        int code = magic[2] & 0xFF;
        IdxType type = IdxType.fromCode(code).orElseThrow(() -> c.fail(2, String.format(
                "unknown IDX element type 0x%02X (known: %s)", code, IdxType.describeAll())));
        int rank = magic[3] & 0xFF;
        if (rank < 1 || rank > IdxArray.MAX_RANK) {
            throw c.fail(3, "IDX file declares " + rank + " dimensions; expected 1 to " + IdxArray.MAX_RANK);
        }
        ByteBuffer dimBytes = ByteBuffer.wrap(c.header(4 * rank, rank + " dimension sizes of 4 bytes each"));
        int[] dims = new int[rank];
        long bytes = type.size();
        for (int i = 0; i < rank; i++) {
            long d = dimBytes.getInt(4 * i) & 0xFFFFFFFFL;
            if (d > Integer.MAX_VALUE) {
                throw c.fail(4 + 4L * i, "dimension " + i + " is " + d + ", larger than 2^31-1");
            }
            dims[i] = (int) d;
            // bytes ≤ maxDataBytes < 2^31 and d < 2^31 here, so the product cannot overflow; a zero
            // dimension makes it 0 for good
            bytes = bytes * d;
            if (bytes > maxDataBytes) {
                throw c.fail(4 + 4L * i, "dimensions " + describePrefix(dims, i) + " of " + type.describe()
                        + " need more than " + maxDataBytes + " bytes of data, the most this reader accepts");
            }
        }
        long headerSize = 4 + 4L * rank;
        String layout = IdxArray.formatDims(dims) + " " + type.describe() + " = " + bytes + " data bytes";
        if (!c.gzip) {
            long available = rawSize - headerSize;
            if (available < bytes) {
                throw c.fail(rawSize, "file is truncated: the header declares " + layout + " from offset "
                        + headerSize + ", but the file ends after " + available + " of them (file size "
                        + rawSize + ")");
            }
            if (available > bytes) {
                throw c.fail(headerSize + bytes, (available - bytes) + " bytes of trailing data after the "
                        + layout + " the header declares");
            }
        } else if (bytes > DEFLATE_MAX_RATIO * rawSize + 1024) {
            throw c.fail(4, "the header declares " + layout + ", but a gzip file of " + rawSize
                    + " bytes cannot inflate to more than about " + DEFLATE_MAX_RATIO * rawSize
                    + "; the file is truncated or the header is wrong");
        }
        long heap = Runtime.getRuntime().maxMemory();
        if (bytes > heap) {
            throw c.fail(4, "the header declares " + layout + ", more than the whole Java heap (" + heap
                    + " bytes); raise -Xmx");
        }
        if (bytes > HeapBudget.free()) {
            try {
                HeapBudget.require(bytes, "the header declares " + layout + ", which");
            } catch (DataLoadException e) {
                throw c.fail(4, e.getMessage());
            }
        }
        long exactTrailer = (headerSize + bytes) & 0xFFFFFFFFL;
        if (c.gzip && sizeTrailer != exactTrailer) {
            // prove the data is there (and the stream sound) without keeping it, then read it again
            c.skip(bytes, layout);
            c.expectEnd();
            try (Cursor again = open(content, c.source)) {
                return parse(again, content, rawSize, exactTrailer);
            }
        }
        byte[] data = c.data((int) bytes, layout);
        c.expectEnd();
        return new IdxArray(type, dims, data);
    }

    private static String describePrefix(int[] dims, int last) {
        return IdxArray.formatDims(Arrays.copyOf(dims, last + 1)) + (last + 1 < dims.length ? "×…" : "");
    }

    /** Reads the decompressed (or raw) stream while tracking the offset for error messages. */
    private static final class Cursor implements AutoCloseable {
        private final InputStream in;
        private final String source;
        private final boolean gzip;
        private long position;

        Cursor(InputStream in, String source, boolean gzip) {
            this.in = in;
            this.source = source;
            this.gzip = gzip;
        }

        byte[] header(int length, String what) throws IOException {
            byte[] b = new byte[length];
            long start = position;
            int n = fill(b, 0, length);
            if (n < length) {
                throw fail(start + n, "file is truncated: it ends inside the " + what + " that starts at offset "
                        + start + " (" + n + " of " + length + " bytes present)");
            }
            return b;
        }

        /** Reads {@code length} data bytes into an array of exactly that size. */
        byte[] data(int length, String layout) throws IOException {
            long start = position;
            byte[] buf = new byte[length];
            int filled = fill(buf, 0, length);
            if (filled < length) {
                throw truncated(start, filled, layout);
            }
            return buf;
        }

        /** Reads and drops {@code length} data bytes, failing as {@link #data} would if they are not there. */
        void skip(long length, String layout) throws IOException {
            long start = position;
            byte[] scratch = new byte[64 * 1024];
            long done = 0;
            while (done < length) {
                int want = (int) Math.min(scratch.length, length - done);
                int n = fill(scratch, 0, want);
                done += n;
                if (n < want) {
                    throw truncated(start, done, layout);
                }
            }
        }

        private IdxFormatException truncated(long start, long present, String layout) {
            return fail(position, "data is truncated: the header declares " + layout + " from offset " + start
                    + ", but only " + present + " are present");
        }

        void expectEnd() throws IOException {
            long end = position;
            byte[] probe = new byte[8192];
            long extra = 0;
            int n;
            while (extra < TRAILING_PROBE && (n = in.read(probe, 0, probe.length)) >= 0) {
                extra += n;
            }
            if (extra > 0) {
                throw fail(end, (extra >= TRAILING_PROBE ? "at least " : "") + extra + " bytes of trailing data "
                        + "after the declared data" + (gzip ? "; the gzip stream inflates beyond the size "
                        + "the header declares" : ""));
            }
        }

        private int fill(byte[] b, int off, int len) throws IOException {
            int total = 0;
            while (total < len) {
                int n = in.read(b, off + total, len - total);
                if (n < 0) {
                    break;
                }
                total += n;
            }
            position += total;
            return total;
        }

        IdxFormatException fail(long offset, String message) {
            return new IdxFormatException(source, offset, source + ": " + message + " (at byte offset " + offset
                    + (gzip ? " of the decompressed data)" : ")"));
        }

        @Override
        public void close() throws IOException {
            in.close();
        }
    }
}
