package dev.gan4j.spark;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocatedFileStatus;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RemoteIterator;

/**
 * A trial's run directory in a shared Hadoop filesystem, and the executor-local copy a task trains
 * in. The shared directory only ever appears by a rename of a complete copy, so a reader (the
 * driver, a later attempt, {@code gan runs}) never takes a half-copied run for a finished one:
 *
 * <pre>
 * PARENT/NAME                       the run, as last published whole
 * PARENT/.NAME.lease                the lease of the attempt training it ({@link RunLease})
 * PARENT/.NAME.publishing-TOKEN     a copy being written by attempt TOKEN
 * PARENT/.NAME.replaced-TOKEN       the previous run, moved aside for the instant of the swap
 * </pre>
 *
 * Publishing copies the local run to {@code .publishing}, checks that the lease is still held,
 * moves the published run aside, renames the new copy into place and deletes the old one. An
 * attempt that dies between the two renames leaves no {@code NAME} but a {@code .replaced} copy,
 * which the next attempt puts back before anything else; {@code .publishing} leftovers are never
 * used, only deleted. The callers hold the lease throughout.
 */
final class SharedRunCopy {

    private final FileSystem fs;
    private final Path shared;
    private final java.nio.file.Path local;
    private final String token;

    /**
     * @param fs the shared filesystem
     * @param shared the run directory on it
     * @param local where this attempt trains, on the executor's disk
     * @param token this attempt's name, unique among attempts
     */
    SharedRunCopy(FileSystem fs, Path shared, java.nio.file.Path local, String token) {
        this.fs = fs;
        this.shared = shared;
        this.local = local;
        this.token = token;
    }

    /** The lease file of a shared run directory. */
    static Path leaseOf(Path shared) {
        return sibling(shared, "lease");
    }

    private static Path sibling(Path shared, String suffix) {
        return new Path(shared.getParent(), "." + shared.getName() + "." + suffix);
    }

    /**
     * Repairs what an earlier attempt left half done, then copies the published run, if any, to the
     * local directory (which must not exist yet).
     *
     * @return whether there was a published run to copy (false: the trial starts from nothing)
     */
    boolean stageIn() throws IOException {
        recover();
        if (!fs.exists(shared)) {
            return false;
        }
        Files.createDirectories(local);
        RemoteIterator<LocatedFileStatus> files = fs.listFiles(shared, true);
        String root = fs.makeQualified(shared).toUri().getPath();
        while (files.hasNext()) {
            LocatedFileStatus f = files.next();
            String relative = f.getPath().toUri().getPath().substring(root.length() + 1);
            if (!copied(relative)) {
                continue;
            }
            java.nio.file.Path target = local.resolve(relative);
            Files.createDirectories(target.getParent());
            try (InputStream in = fs.open(f.getPath())) {
                Files.copy(in, target);
            }
        }
        return true;
    }

    /** Puts back a run moved aside by a swap that did not finish; deletes abandoned copies. */
    private void recover() throws IOException {
        FileStatus[] leftovers = fs.globStatus(sibling(shared, "{publishing,replaced}-*"));
        if (leftovers == null) {
            return;
        }
        List<FileStatus> replaced = new ArrayList<>();
        for (FileStatus f : leftovers) {
            if (f.getPath().getName().contains(".replaced-")) {
                replaced.add(f);
            } else {
                fs.delete(f.getPath(), true);
            }
        }
        replaced.sort(Comparator.comparingLong(FileStatus::getModificationTime).reversed());
        for (FileStatus f : replaced) {
            if (!fs.exists(shared)) {
                rename(f.getPath(), shared);
            } else {
                fs.delete(f.getPath(), true);
            }
        }
    }

    /**
     * Copies the local run to the shared directory and swaps it in, if {@code lease} is still held.
     * The local run may be in training: its status goes first, then its checkpoints, then its
     * metrics and the rest, so the copy is like a run killed at some moment (every file gan-core
     * writes is written whole by a rename, and metrics lines are appended before the checkpoint that
     * covers them), which resumes from its last checkpoint.
     *
     * @throws RunLease.LeaseException if another attempt took the lease over; nothing was published
     */
    void publish(RunLease lease) throws IOException {
        Path publishing = sibling(shared, "publishing-" + token);
        fs.delete(publishing, true);
        fs.mkdirs(publishing);
        for (java.nio.file.Path file : inPublishingOrder()) {
            String relative = local.relativize(file).toString().replace(java.io.File.separatorChar, '/');
            try (InputStream in = Files.newInputStream(file); OutputStream out = fs.create(new Path(publishing, relative), true)) {
                in.transferTo(out);
            } catch (NoSuchFileException e) {
                // deleted since it was listed (an old checkpoint the retention policy dropped): not needed
            }
        }
        if (!lease.held()) {
            fs.delete(publishing, true);
            throw new RunLease.LeaseException("another attempt took over " + shared + " while this one trained: its "
                    + "work is not published");
        }
        Path replaced = sibling(shared, "replaced-" + token);
        boolean had = fs.exists(shared);
        if (had) {
            rename(shared, replaced);
        }
        rename(publishing, shared);
        if (had) {
            fs.delete(replaced, true);
        }
    }

    private Collection<java.nio.file.Path> inPublishingOrder() throws IOException {
        Set<java.nio.file.Path> files = new LinkedHashSet<>();
        java.nio.file.Path status = local.resolve("status.json");
        if (Files.isRegularFile(status)) {
            files.add(status);
        }
        List<java.nio.file.Path> rest = new ArrayList<>();
        Files.walkFileTree(local, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(java.nio.file.Path file, BasicFileAttributes attrs) {
                (file.getParent().endsWith("checkpoints") ? files : rest).add(file);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFileFailed(java.nio.file.Path file, IOException e) throws IOException {
                if (e instanceof NoSuchFileException) {
                    return FileVisitResult.CONTINUE; // deleted while the training goes on: not needed
                }
                throw e;
            }
        });
        files.addAll(rest);
        files.removeIf(f -> !copied(local.relativize(f).toString()));
        return files;
    }

    /**
     * Whether a file of a run directory is copied: not the run lock (an attempt's own) and not the
     * temporary file of an atomic write in progress ({@code .NAME*.tmp}).
     */
    static boolean copied(String relative) {
        String name = relative.substring(relative.lastIndexOf('/') + 1);
        return !name.equals(".lock") && !(name.startsWith(".") && name.endsWith(".tmp"));
    }

    private void rename(Path from, Path to) throws IOException {
        // Hadoop's rename moves 'from' into 'to' if that is a directory: the callers make sure it is absent
        if (!fs.rename(from, to)) {
            throw new IOException("cannot rename " + from + " to " + to + " on " + fs.getUri());
        }
    }
}
