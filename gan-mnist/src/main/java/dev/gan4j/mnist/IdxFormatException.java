package dev.gan4j.mnist;

import java.io.IOException;

/**
 * An IDX or gzip file whose content is malformed: wrong magic number, unknown element type,
 * impossible dimensions, truncated or trailing data, a corrupt gzip stream. The message names
 * the file and the byte offset where the problem was found.
 *
 * <p>It is an {@link IOException} because it describes bad input, not a programming error;
 * failures of the file system itself (missing file, permission denied) are plain
 * {@code IOException}s.
 */
public final class IdxFormatException extends IOException {

    private final String source;
    private final long offset;

    /**
     * @param source the file (or other source) that was read
     * @param offset the byte offset of the problem, or -1 when it has none
     * @param message the full message, already naming source and offset
     */
    IdxFormatException(String source, long offset, String message) {
        super(message);
        this.source = source;
        this.offset = offset;
    }

    /** The file or source name that was being read. */
    public String source() {
        return source;
    }

    /**
     * The byte offset of the problem, or -1. In a gzip file, offsets of IDX problems count
     * decompressed bytes and offsets of gzip problems count compressed bytes; the message says
     * which.
     */
    public long offset() {
        return offset;
    }
}
