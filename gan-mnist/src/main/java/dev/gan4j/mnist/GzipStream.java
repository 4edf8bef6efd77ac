package dev.gan4j.mnist;

import java.io.IOException;
import java.io.InputStream;
import java.util.Objects;
import java.util.zip.CRC32;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

/**
 * A gzip (RFC 1952) decoder that reports every defect as an {@link IdxFormatException} naming
 * the compressed byte offset.
 *
 * <p>We do not use {@link java.util.zip.GZIPInputStream} because it silently ignores bytes after
 * the last member that do not form a gzip header (so a file with trailing garbage passes) and
 * its errors carry no offsets. This decoder checks each member's header, CRC-32 and size,
 * accepts concatenated members (as gzip itself does), and rejects anything else after the
 * last one. Not thread-safe.
 */
final class GzipStream extends InputStream {

    private static final int FHCRC = 2;
    private static final int FEXTRA = 4;
    private static final int FNAME = 8;
    private static final int FCOMMENT = 16;
    private static final int RESERVED_FLAGS = 0xE0;

    private final InputStream in;
    private final String source;
    private final byte[] buf = new byte[64 * 1024];
    private int pos;
    private int lim;
    /** Compressed offset of {@code buf[0]}. */
    private long bufStart;

    private final Inflater inflater = new Inflater(true);
    private final CRC32 crc = new CRC32();
    private final CRC32 headerCrc = new CRC32();
    private long memberOut;
    private long memberStart;
    private int members;
    private boolean inMember;
    private boolean eof;
    private boolean closed;
    private final byte[] single = new byte[1];

    GzipStream(InputStream in, String source) {
        this.in = Objects.requireNonNull(in);
        this.source = source;
    }

    /** Compressed bytes consumed so far. */
    long compressedOffset() {
        return bufStart + pos;
    }

    @Override
    public int read() throws IOException {
        int n = read(single, 0, 1);
        return n < 0 ? -1 : single[0] & 0xFF;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        Objects.checkFromIndexSize(off, len, b.length);
        if (closed) {
            throw new IOException(source + ": stream closed");
        }
        if (len == 0) {
            return 0;
        }
        while (true) {
            if (eof) {
                return -1;
            }
            if (!inMember) {
                if (!startMember()) {
                    eof = true;
                    return -1;
                }
                continue;
            }
            int n;
            try {
                n = inflater.inflate(b, off, len);
            } catch (DataFormatException e) {
                throw fail(bufStart + lim - inflater.getRemaining(), "corrupt deflate data in gzip member "
                        + members + " after " + memberOut + " decompressed bytes: " + e.getMessage());
            }
            if (n > 0) {
                crc.update(b, off, n);
                memberOut += n;
            }
            if (inflater.finished()) {
                pos = lim - inflater.getRemaining();
                finishMember();
                if (n > 0) {
                    return n;
                }
                continue;
            }
            if (n > 0) {
                return n;
            }
            if (inflater.needsDictionary()) {
                throw fail(compressedOffset(), "gzip member " + members + " asks for a preset dictionary, "
                        + "which gzip does not allow");
            }
            if (!inflater.needsInput()) {
                // Cannot happen with output space available; guard against spinning forever.
                throw fail(compressedOffset(), "deflate decoder made no progress in gzip member " + members);
            }
            pos = lim;
            if (!fill()) {
                throw fail(compressedOffset(), "gzip stream is truncated: it ends inside the compressed data "
                        + "of member " + members + " after " + memberOut + " decompressed bytes");
            }
            inflater.setInput(buf, pos, lim - pos);
        }
    }

    /** Parses a member header; false at a clean end of input after at least one member. */
    private boolean startMember() throws IOException {
        long start = compressedOffset();
        headerCrc.reset();
        int id1 = rawByte();
        if (id1 < 0) {
            if (members == 0) {
                throw fail(start, "empty gzip stream");
            }
            return false;
        }
        int id2 = rawByte();
        if (id1 != 0x1F || id2 != 0x8B) {
            if (members == 0) {
                throw fail(start, "not a gzip stream: expected bytes 0x1F 0x8B");
            }
            throw fail(start, "trailing garbage after the end of gzip member " + members
                    + String.format(": bytes 0x%02X%s where another member or the end of the file must be", id1,
                            id2 < 0 ? "" : String.format(" 0x%02X", id2)));
        }
        headerCrc.update(id1);
        headerCrc.update(id2);
        int method = headerByte("gzip header");
        if (method != 8) {
            throw fail(start + 2, "unsupported gzip compression method " + method + " (only 8, deflate, exists)");
        }
        int flags = headerByte("gzip header");
        if ((flags & RESERVED_FLAGS) != 0) {
            throw fail(start + 3, String.format("gzip header has reserved flag bits set (flags 0x%02X)", flags));
        }
        for (int i = 0; i < 6; i++) { // modification time, extra flags, operating system
            headerByte("gzip header");
        }
        if ((flags & FEXTRA) != 0) {
            int xlen = headerByte("gzip extra-field length") | headerByte("gzip extra-field length") << 8;
            for (int i = 0; i < xlen; i++) {
                headerByte("gzip extra field");
            }
        }
        if ((flags & FNAME) != 0) {
            while (headerByte("gzip file name") != 0) {
                // skip the zero-terminated original file name
            }
        }
        if ((flags & FCOMMENT) != 0) {
            while (headerByte("gzip comment") != 0) {
                // skip the zero-terminated comment
            }
        }
        if ((flags & FHCRC) != 0) {
            long expected = headerCrc.getValue() & 0xFFFF;
            long crcOffset = compressedOffset();
            int stored = needByte("gzip header CRC") | needByte("gzip header CRC") << 8;
            if (stored != expected) {
                throw fail(crcOffset, String.format("gzip header CRC mismatch: stored 0x%04X, computed 0x%04X",
                        stored, expected));
            }
        }
        members++;
        memberStart = start;
        memberOut = 0;
        crc.reset();
        inflater.reset();
        inMember = true;
        if (lim > pos) {
            inflater.setInput(buf, pos, lim - pos);
        }
        return true;
    }

    private void finishMember() throws IOException {
        inMember = false;
        long trailer = compressedOffset();
        long storedCrc = le32("gzip trailer");
        long storedSize = le32("gzip trailer");
        if (storedCrc != crc.getValue()) {
            throw fail(trailer, String.format("CRC-32 mismatch in gzip member %d (starting at byte %d): stored "
                    + "0x%08X, computed 0x%08X; the data is corrupt", members, memberStart, storedCrc,
                    crc.getValue()));
        }
        if (storedSize != (memberOut & 0xFFFFFFFFL)) {
            throw fail(trailer + 4, "gzip member " + members + " trailer records " + storedSize
                    + " bytes (mod 2^32) but it decompressed to " + memberOut);
        }
    }

    private long le32(String what) throws IOException {
        long v = 0;
        for (int i = 0; i < 4; i++) {
            v |= (long) needByte(what) << (8 * i);
        }
        return v;
    }

    private int headerByte(String what) throws IOException {
        int b = needByte(what);
        headerCrc.update(b);
        return b;
    }

    private int needByte(String what) throws IOException {
        long offset = compressedOffset();
        int b = rawByte();
        if (b < 0) {
            throw fail(offset, "gzip stream is truncated: it ends inside the " + what);
        }
        return b;
    }

    private int rawByte() throws IOException {
        if (pos == lim && !fill()) {
            return -1;
        }
        return buf[pos++] & 0xFF;
    }

    /** Refills the buffer once everything in it is consumed; false at end of input. */
    private boolean fill() throws IOException {
        bufStart += lim;
        pos = 0;
        lim = 0;
        int n;
        do {
            n = in.read(buf, 0, buf.length);
        } while (n == 0);
        if (n < 0) {
            return false;
        }
        lim = n;
        return true;
    }

    private IdxFormatException fail(long offset, String message) {
        return new IdxFormatException(source, offset, source + ": " + message + " (compressed byte offset "
                + offset + ")");
    }

    @Override
    public void close() throws IOException {
        if (!closed) {
            closed = true;
            inflater.end();
            in.close();
        }
    }
}
