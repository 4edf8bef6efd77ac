package dev.gan4j.mnist;

import java.nio.file.Path;
import java.util.Objects;

/**
 * A file a dataset was read from, for provenance.
 *
 * @param path where it was read
 * @param size its size in bytes
 * @param sha256 its SHA-256 (lower-case hex)
 * @param origin how it was found, e.g. {@code "GAN4J_DATA_DIR"}, {@code "cache"} or
 *     {@code "downloaded from https://…"}
 * @param verified whether its SHA-256 is the published one for this dataset file (false for
 *     explicit IDX files and for repackaged copies, such as Debian's recompressed Fashion-MNIST)
 */
public record DataFile(Path path, long size, String sha256, String origin, boolean verified) {

    /** Validates the fields. */
    public DataFile {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(sha256, "sha256");
        Objects.requireNonNull(origin, "origin");
    }
}
