package dev.gan4j.core.run;

import dev.gan4j.core.checkpoint.Checkpoint;
import dev.gan4j.core.checkpoint.CheckpointException;
import dev.gan4j.core.checkpoint.CheckpointFiles;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A run's checkpoints in {@code checkpoints/}: when they are due, writing them (atomically, by
 * {@link CheckpointFiles}), keeping the newest {@code keep} plus {@code best.ckpt}, and finding
 * the newest one that reads back intact when a run is resumed or rolled back.
 */
public final class CheckpointPolicy {

    private static final Pattern NAME = Pattern.compile("iter-(\\d{6,10})\\.ckpt");

    private final RunDirectory dir;
    private final int every;
    private final int keep;

    /**
     * @param every a checkpoint every this many iterations; 0 for none on a schedule
     * @param keep how many of the newest to keep, at least 1
     */
    public CheckpointPolicy(RunDirectory dir, int every, int keep) {
        if (every < 0 || keep < 1) {
            throw new IllegalArgumentException("every must be >= 0 and keep >= 1, got " + every + ", " + keep);
        }
        this.dir = dir;
        this.every = every;
        this.keep = keep;
    }

    /** Whether the schedule asks for a checkpoint after {@code iteration}. */
    public boolean due(int iteration) {
        return every > 0 && iteration % every == 0;
    }

    /**
     * Writes {@code checkpoint} as {@code iter-NNNNNN.ckpt}, then deletes the oldest beyond
     * {@code keep}.
     *
     * @return the file written
     */
    public Path write(Checkpoint checkpoint) throws IOException {
        Path file = dir.checkpoint(checkpoint.iteration());
        CheckpointFiles.write(checkpoint, file);
        List<Path> all = list();
        for (int i = 0; i < all.size() - keep; i++) {
            if (!all.get(i).equals(file)) {
                Files.deleteIfExists(all.get(i));
            }
        }
        return file;
    }

    /** Writes {@code checkpoint} as {@code best.ckpt}. */
    public Path writeBest(Checkpoint checkpoint) throws IOException {
        CheckpointFiles.write(checkpoint, dir.bestCheckpoint());
        return dir.bestCheckpoint();
    }

    /** The {@code iter-*.ckpt} files, oldest first. */
    public List<Path> list() throws IOException {
        return list(dir.checkpoints());
    }

    /** The {@code iter-*.ckpt} files in a run's {@code checkpoints} directory, oldest first. */
    public static List<Path> list(Path checkpoints) throws IOException {
        List<Path> out = new ArrayList<>();
        if (!Files.isDirectory(checkpoints)) {
            return out;
        }
        try (DirectoryStream<Path> files = Files.newDirectoryStream(checkpoints, "iter-*.ckpt")) {
            for (Path p : files) {
                if (iterationOf(p) >= 0) {
                    out.add(p);
                }
            }
        }
        out.sort(Comparator.comparingLong(CheckpointPolicy::iterationOf));
        return out;
    }

    /** The iteration in a checkpoint's file name ({@code iter-000100.ckpt}: 100), or -1 if it is not one. */
    public static long iterationOf(Path file) {
        Matcher m = NAME.matcher(file.getFileName().toString());
        return m.matches() ? Long.parseLong(m.group(1)) : -1;
    }

    /** A checkpoint read back from its file. */
    public record Loaded(Path file, Checkpoint checkpoint) {
    }

    /**
     * The newest checkpoint that reads back intact. Each newer one that does not (a checksum
     * that fails, a truncated file) is renamed to {@code *.corrupt}, out of the way but not
     * deleted, and reported to {@code warn} with its name and the reason.
     */
    public Optional<Loaded> newestValid(Consumer<String> warn) throws IOException {
        return newestValidBefore(Long.MAX_VALUE, warn);
    }

    /** As {@link #newestValid}, among the checkpoints of iterations before {@code limit}. */
    public Optional<Loaded> newestValidBefore(long limit, Consumer<String> warn) throws IOException {
        List<Path> all = list();
        for (int i = all.size() - 1; i >= 0; i--) {
            Path file = all.get(i);
            if (iterationOf(file) >= limit) {
                continue;
            }
            try {
                return Optional.of(new Loaded(file, CheckpointFiles.read(file)));
            } catch (CheckpointException e) {
                Path aside = file.resolveSibling(file.getFileName() + ".corrupt");
                Files.move(file, aside, StandardCopyOption.REPLACE_EXISTING);
                warn.accept("skipping checkpoint " + file + ", which is damaged (moved to " + aside.getFileName()
                        + "): " + e.getMessage());
            }
        }
        return Optional.empty();
    }

    /** Deletes the checkpoints of iterations after {@code iteration} (an abandoned trajectory). */
    public void deleteAfter(int iteration) throws IOException {
        for (Path p : list()) {
            if (iterationOf(p) > iteration) {
                Files.delete(p);
            }
        }
    }

    /**
     * Deletes the temporary files an interrupted atomic write leaves ({@code .NAME*.tmp}) in the
     * run directory, {@code samples/} and {@code checkpoints/}.
     *
     * @return how many were deleted
     */
    public static int deleteTemporaryFiles(RunDirectory dir) throws IOException {
        int n = 0;
        for (Path d : List.of(dir.path(), dir.path().resolve(RunDirectory.SAMPLES), dir.checkpoints())) {
            if (!Files.isDirectory(d)) {
                continue;
            }
            try (DirectoryStream<Path> files = Files.newDirectoryStream(d, ".*.tmp")) {
                for (Path p : files) {
                    Files.deleteIfExists(p);
                    n++;
                }
            }
        }
        return n;
    }
}
