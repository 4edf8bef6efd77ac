package dev.gan4j.spark;

import dev.gan4j.core.run.RunDirectory;
import dev.gan4j.core.sweep.Sweep;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.util.List;
import java.util.UUID;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * A sweep's own files on a Hadoop filesystem, and the driver's local directory the sweep engine
 * writes them in: {@code sweep.json}, {@code sweep.jsonl} and {@code sweep.html} are copied in at
 * the start (to continue a sweep) and out after every rung. The trials' run directories stay in
 * the shared filesystem; for {@code sweep.html} to show their sample grids, the names of those
 * grids are mirrored locally as empty files, and the page's relative links find the real ones
 * beside it in the shared directory.
 */
final class SweepFiles {

    private static final List<String> FILES = List.of(Sweep.CONFIG, Sweep.LOG, Sweep.REPORT);

    private final Path shared;
    private final java.nio.file.Path local;
    private final FileSystem fs;

    SweepFiles(String sharedUri, java.nio.file.Path local, Configuration conf) throws IOException {
        this.shared = new Path(sharedUri);
        this.local = local;
        this.fs = HadoopPaths.fileSystem(shared, conf);
    }

    /** Copies the sweep's files that exist in the shared directory to the local one. */
    void copyIn() throws IOException {
        for (String name : FILES) {
            try (InputStream in = fs.open(new Path(shared, name))) {
                Files.copy(in, local.resolve(name));
            } catch (FileNotFoundException e) {
                // a new sweep
            }
        }
    }

    /**
     * Copies the sweep's local files to the shared directory, each written under a temporary name
     * and renamed into place, so that a reader sees a whole file.
     */
    void copyOut() throws IOException {
        fs.mkdirs(shared);
        for (String name : FILES) {
            java.nio.file.Path file = local.resolve(name);
            if (!Files.isRegularFile(file)) {
                continue;
            }
            Path target = new Path(shared, name);
            Path temp = new Path(shared, "." + name + "." + UUID.randomUUID() + ".tmp");
            try (OutputStream out = fs.create(temp, true)) {
                Files.copy(file, out);
            }
            // Hadoop's rename does not replace a file: the old one goes first
            fs.delete(target, false);
            if (!fs.rename(temp, target)) {
                throw new IOException("cannot rename " + temp + " to " + target);
            }
        }
    }

    /** {@link #copyOut}, reporting a failure on {@code out} rather than stopping the sweep. */
    void copyOutQuietly(PrintStream out) {
        try {
            copyOut();
        } catch (IOException e) {
            out.println("could not copy the sweep's files to " + shared + " (done again after the next rung): "
                    + e.getMessage());
        }
    }

    /**
     * Mirrors, as empty local files, the names of trial {@code id}'s sample grids in the shared
     * directory, which is all the sweep's report needs of them to link to the right one.
     */
    void mirrorGridNames(String id) {
        Path run = new Path(new Path(shared, Sweep.TRIALS), id);
        java.nio.file.Path mirror = local.resolve(Sweep.TRIALS).resolve(id);
        try {
            Files.createDirectories(mirror.resolve(RunDirectory.SAMPLES));
            FileStatus[] samples = fs.globStatus(new Path(new Path(run, RunDirectory.SAMPLES), "iter-*.png"));
            if (samples != null) {
                for (FileStatus f : samples) {
                    touch(mirror.resolve(RunDirectory.SAMPLES).resolve(f.getPath().getName()));
                }
            }
            if (fs.exists(new Path(run, RunDirectory.FINAL))) {
                touch(mirror.resolve(RunDirectory.FINAL));
            }
        } catch (IOException e) {
            // the report then shows no grid for this trial; the trial's own report still has them
        }
    }

    private static void touch(java.nio.file.Path file) throws IOException {
        if (!Files.exists(file)) {
            Files.createFile(file);
        }
    }
}
