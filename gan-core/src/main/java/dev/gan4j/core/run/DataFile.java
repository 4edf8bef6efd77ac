package dev.gan4j.core.run;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A file a dataset was read from, with its SHA-256, recorded in a run's provenance so that a
 * result can be traced to the exact bytes it was trained on.
 *
 * @param path where the file was read from
 * @param sha256 the SHA-256 of its bytes, 64 lower-case hex digits
 */
public record DataFile(String path, String sha256) {

    private static final Pattern HEX = Pattern.compile("[0-9a-f]{64}");

    public DataFile {
        Objects.requireNonNull(path, "path");
        if (sha256 == null || !HEX.matcher(sha256).matches()) {
            throw new IllegalArgumentException("sha256 of " + path + " must be 64 lower-case hex digits, got " + sha256);
        }
    }
}
