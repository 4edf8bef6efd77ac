package dev.gan4j.core.plugin;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * One plugin jar: its file name, where it was loaded from and its SHA-256, which a run records in
 * its {@code provenance.json} so that resuming or sampling it later can say which jar it needs.
 *
 * @param name the file name, e.g. {@code custom-layer-1.0.jar}
 * @param path where it was loaded from
 * @param sha256 the SHA-256 of its bytes, lower-case hex
 */
@JsonPropertyOrder({"name", "path", "sha256"})
public record PluginJar(String name, String path, String sha256) {

    /** The jar at {@code file}, hashed. */
    public static PluginJar of(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            byte[] buffer = new byte[1 << 16];
            for (int n; (n = in.read(buffer)) > 0; ) {
                digest.update(buffer, 0, n);
            }
            return new PluginJar(file.getFileName().toString(), file.toAbsolutePath().normalize().toString(),
                    HexFormat.of().formatHex(digest.digest()));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read plugin jar " + file + ": " + e.getMessage(), e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    /** {@code name (sha256 1a2b3c4d…)}, for messages. */
    public String describe() {
        return name + " (sha256 " + sha256.substring(0, Math.min(12, sha256.length())) + "…)";
    }
}
