package dev.gan4j.mnist;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.util.zip.GZIPOutputStream;

/** Builds IDX and gzip bytes by hand for tests, including malformed ones. */
final class IdxBytes {

    private IdxBytes() {
    }

    /** A header with the given type code and dimensions, followed by {@code data}. */
    static byte[] idx(int typeCode, int[] dims, byte[] data) {
        ByteBuffer bb = ByteBuffer.allocate(4 + 4 * dims.length + data.length);
        bb.put((byte) 0).put((byte) 0).put((byte) typeCode).put((byte) dims.length);
        for (int d : dims) {
            bb.putInt(d);
        }
        bb.put(data);
        return bb.array();
    }

    /** An unsigned-byte IDX file of {@code dims} whose element i is {@code i % 251}. */
    static byte[] ubyte(int... dims) {
        int n = 1;
        for (int d : dims) {
            n *= d;
        }
        byte[] data = new byte[n];
        for (int i = 0; i < n; i++) {
            data[i] = (byte) (i % 251);
        }
        return idx(0x08, dims, data);
    }

    static byte[] gzip(byte[] content) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(content);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }
}
