package dev.gan4j.core.run;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A file a dataset was read from, recorded in a run's provenance so that a result can be traced
 * to the exact bytes it was trained on.
 *
 * @param path where the file was read from
 * @param size its size in bytes
 * @param sha256 the SHA-256 of its bytes, 64 lower-case hex digits
 * @param origin how it was found, e.g. {@code "GAN4J_DATA_DIR"}, {@code "cache"}, a download URL
 * @param verified whether the SHA-256 matches the published one for this dataset file
 */
public record DataFile(String path, long size, String sha256, String origin, boolean verified) {

    private static final Pattern HEX = Pattern.compile("[0-9a-f]{64}");

    public DataFile {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(origin, "origin");
        if (size < 0) {
            throw new IllegalArgumentException("size of " + path + " must be >= 0, got " + size);
        }
        if (sha256 == null || !HEX.matcher(sha256).matches()) {
            throw new IllegalArgumentException("sha256 of " + path + " must be 64 lower-case hex digits, got " + sha256);
        }
    }
}
