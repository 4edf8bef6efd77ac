package dev.gan4j.spark;

import java.io.IOException;
import java.io.Serializable;
import java.net.URI;
import java.nio.file.Path;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocalFileSystem;

/**
 * Where the run directories that the driver names under a local root really are: the same
 * relative path under a Hadoop filesystem URI ({@code hdfs://}, {@code s3a://}, {@code file:///}).
 * The sweep driver plans its trials under the local root; each task maps its trial's directory
 * here and stages it (see {@link TrialAttempt}).
 *
 * @param localRoot the driver's root, as an absolute normalised path string
 * @param uri the shared directory it stands for, without a trailing slash
 */
record SharedRoot(String localRoot, String uri) implements Serializable {

    private static final long serialVersionUID = 1L;

    SharedRoot {
        localRoot = Path.of(localRoot).toAbsolutePath().normalize().toString();
        uri = uri.endsWith("/") && uri.length() > 1 ? uri.substring(0, uri.length() - 1) : uri;
    }

    /**
     * Whether {@code location} names a Hadoop filesystem URI (a scheme of two letters or more, as in
     * {@code hdfs://}, {@code s3a://} or {@code file:/}) rather than a path of this machine.
     */
    static boolean isUri(String location) {
        int colon = location.indexOf(':');
        return colon >= 2 && location.substring(0, colon).matches("[A-Za-z][A-Za-z0-9+.-]*");
    }

    /** The URI of {@code runDirectory}, which must lie under the local root; null if it does not. */
    String uriOf(String runDirectory) {
        Path dir = Path.of(runDirectory).toAbsolutePath().normalize();
        Path root = Path.of(localRoot);
        if (!dir.startsWith(root) || dir.equals(root)) {
            return null;
        }
        return uri + "/" + root.relativize(dir).toString().replace(java.io.File.separatorChar, '/');
    }

    /**
     * The filesystem of {@code path}. For {@code file:} the raw local filesystem: Hadoop's default
     * one writes a {@code .crc} file beside every file, which a run directory must not hold.
     */
    static FileSystem fileSystem(org.apache.hadoop.fs.Path path, Configuration conf) throws IOException {
        FileSystem fs = path.getFileSystem(conf);
        return fs instanceof LocalFileSystem local ? local.getRawFileSystem() : fs;
    }

    /** The URI, parsed. */
    URI toUri() {
        return URI.create(uri);
    }
}
