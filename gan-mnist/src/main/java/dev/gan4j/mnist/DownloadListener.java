package dev.gan4j.mnist;

import java.net.URI;

/**
 * Told how a download is going, so a command line can draw a progress bar. Called on the
 * loading thread at the start, roughly every 1% (at least every 64 KiB) and at the end of each
 * file.
 */
@FunctionalInterface
public interface DownloadListener {

    /** A listener that ignores everything. */
    DownloadListener NONE = (source, bytes, total) -> { };

    /**
     * @param source the URL being downloaded
     * @param bytes bytes received so far
     * @param total the expected size in bytes
     */
    void progress(URI source, long bytes, long total);
}
