package dev.gan4j.spark;

import java.io.IOException;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocalFileSystem;
import org.apache.hadoop.fs.Path;

/** Which run directories are Hadoop filesystem URIs, and the filesystem of one. */
final class HadoopPaths {
    private HadoopPaths() {
    }

    /**
     * Whether {@code location} names a Hadoop filesystem URI (a scheme of two letters or more, as in
     * {@code hdfs://}, {@code s3a://} or {@code file:/}) rather than a path of this machine.
     */
    static boolean isUri(String location) {
        int colon = location.indexOf(':');
        return colon >= 2 && location.substring(0, colon).matches("[A-Za-z][A-Za-z0-9+.-]*");
    }

    /**
     * The filesystem of {@code path}. For {@code file:} the raw local filesystem: Hadoop's default
     * one writes a {@code .crc} file beside every file, which a run directory must not hold.
     */
    static FileSystem fileSystem(Path path, Configuration conf) throws IOException {
        FileSystem fs = path.getFileSystem(conf);
        return fs instanceof LocalFileSystem local ? local.getRawFileSystem() : fs;
    }
}
