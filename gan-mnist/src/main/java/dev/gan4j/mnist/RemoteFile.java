package dev.gan4j.mnist;

import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A published dataset file: its name on the mirrors, its size and its SHA-256, against which
 * every download is verified.
 *
 * @param name the file name on the mirrors, e.g. {@code "t10k-images-idx3-ubyte.gz"}
 * @param size its size in bytes
 * @param sha256 its SHA-256, 64 lower-case hex digits
 */
public record RemoteFile(String name, long size, String sha256) {

    private static final Pattern HEX64 = Pattern.compile("[0-9a-f]{64}");

    /** Validates the fields. */
    public RemoteFile {
        Objects.requireNonNull(name, "name");
        if (name.isBlank() || name.contains("/") || name.contains("\\")) {
            throw new IllegalArgumentException("file name must be a plain name, got '" + name + "'");
        }
        if (size <= 0) {
            throw new IllegalArgumentException(name + ": size must be positive, got " + size);
        }
        sha256 = Objects.requireNonNull(sha256, "sha256").toLowerCase(Locale.ROOT);
        if (!HEX64.matcher(sha256).matches()) {
            throw new IllegalArgumentException(name + ": sha256 must be 64 hex digits, got '" + sha256 + "'");
        }
    }

    /** The name without a {@code .gz} suffix, e.g. {@code "t10k-images-idx3-ubyte"}. */
    public String baseName() {
        return name.endsWith(".gz") ? name.substring(0, name.length() - 3) : name;
    }
}
