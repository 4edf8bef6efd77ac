package dev.gan4j.core.run;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;

/**
 * The directory one training run writes, and the names of what it holds:
 *
 * <pre>
 * config.json          the resolved experiment (every default filled in)
 * provenance.json      versions, machine, seed, data files and their SHA-256
 * metrics.jsonl        one JSON object per iteration
 * samples/iter-000100.png   sample grids from a fixed noise batch
 * final.png            the grid after the last iteration
 * curves.png           losses and D's scores over the iterations (and evaluation figures)
 * report.html          a page showing all of it, with relative links: opens from disk
 * status.json          running / finished / interrupted / failed / diverged, and how far
 * checkpoints/iter-000100.ckpt   checkpoints ({@link dev.gan4j.core.checkpoint.CheckpointFiles})
 * checkpoints/best.ckpt          the checkpoint with the best evaluation score, if evaluated
 * </pre>
 *
 * A run never overwrites another, nor anything else: a new directory is claimed atomically, and
 * an explicit one must hold nothing a run writes — not a run, and not a user's own
 * {@code report.html} or {@code samples/} either.
 */
public final class RunDirectory {

    /** The resolved experiment. */
    public static final String CONFIG = "config.json";
    /** Provenance. */
    public static final String PROVENANCE = "provenance.json";
    /** Per-iteration metrics. */
    public static final String METRICS = "metrics.jsonl";
    /** Directory of intermediate sample grids. */
    public static final String SAMPLES = "samples";
    /** The grid after the last iteration. */
    public static final String FINAL = "final.png";

    /** Loss curves. */
    public static final String CURVES = "curves.png";
    /** The HTML report. */
    public static final String REPORT = "report.html";
    /** How the run stands. */
    public static final String STATUS = "status.json";
    /** Directory of checkpoints. */
    public static final String CHECKPOINTS = "checkpoints";
    /** Held by the process training the run, so two processes never write one run. */
    static final String LOCK = ".lock";

    /** Everything a run writes at its top level; {@link #CONFIG} first, as the mark of a run. */
    private static final List<String> RUN_FILES = List.of(CONFIG, PROVENANCE, METRICS, SAMPLES, FINAL, CURVES, REPORT,
            STATUS, CHECKPOINTS, LOCK);
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss", Locale.ROOT);

    private final Path path;

    private RunDirectory(Path path) throws IOException {
        this.path = path;
        Files.createDirectories(path.resolve(SAMPLES));
        Files.createDirectories(path.resolve(CHECKPOINTS));
    }

    /**
     * Claims {@code parent/<name>-<yyyyMMdd-HHmmss>}, or with a suffix {@code -2}, {@code -3}…
     * if that exists already.
     */
    public static RunDirectory createUnder(Path parent, String name, LocalDateTime time) {
        String base = name + "-" + STAMP.format(time);
        try {
            Files.createDirectories(parent);
            for (int n = 1; n < 10_000; n++) {
                Path candidate = parent.resolve(n == 1 ? base : base + "-" + n);
                try {
                    Files.createDirectory(candidate);
                    return new RunDirectory(candidate);
                } catch (FileAlreadyExistsException e) {
                    // taken by an earlier run (or a concurrent one): try the next suffix
                }
            }
        } catch (IOException e) {
            throw new RunException("cannot create a run directory under " + parent + ": " + reason(e), e);
        }
        throw new RunException("cannot find a free run directory name " + base + "-N under " + parent, null);
    }

    /**
     * Uses {@code dir}, creating it if needed.
     *
     * @throws RunException if it already holds a run or cannot be created
     */
    public static RunDirectory createAt(Path dir) {
        requireUsable(dir);
        try {
            return new RunDirectory(dir);
        } catch (IOException e) {
            throw new RunException("cannot create run directory " + dir + ": " + reason(e), e);
        }
    }

    /**
     * Checks, without creating anything, that {@link #createAt} could use {@code dir}: it is a
     * directory holding none of the files a run writes (whether a run's or a user's own), or it
     * does not exist and its nearest existing parent is a writable directory. Lets a command
     * refuse a bad output path before it spends time on data and models.
     *
     * @throws RunException saying what is in the way
     */
    public static void requireUsable(Path dir) {
        if (Files.exists(dir) && !Files.isDirectory(dir)) {
            throw new RunException(dir + " exists and is not a directory; a run needs a directory of its own", null);
        }
        boolean run = Files.isRegularFile(dir.resolve(CONFIG));
        for (String f : RUN_FILES) {
            if (Files.exists(dir.resolve(f), LinkOption.NOFOLLOW_LINKS)) {
                throw new RunException(run ? dir + " already holds a run (it has " + f + "); runs are never "
                        + "overwritten, so choose a new directory"
                        : dir + " holds " + f + ", which a run would overwrite, and it is not a gan4j run (no "
                        + CONFIG + "); choose a new or empty directory", null);
            }
        }
        Path existing = dir.toAbsolutePath().normalize();
        while (existing != null && !Files.exists(existing)) {
            existing = existing.getParent();
        }
        if (existing == null) {
            return; // nothing exists up to the root: creating will say why
        }
        if (!Files.isDirectory(existing)) {
            throw new RunException("cannot create run directory " + dir + ": " + existing
                    + " is a file, not a directory", null);
        }
        if (!Files.isWritable(existing)) {
            throw new RunException("cannot create run directory " + dir + ": " + existing + " is not writable", null);
        }
    }

    /** What went wrong, in words, e.g. {@code "permission denied"} rather than an exception class. */
    private static String reason(IOException e) {
        if (e instanceof java.nio.file.AccessDeniedException) {
            return "permission denied";
        }
        if (e instanceof java.nio.file.NoSuchFileException) {
            return "no such file or directory: " + e.getMessage();
        }
        if (e instanceof java.nio.file.FileSystemException f && f.getReason() != null) {
            return f.getReason().toLowerCase(Locale.ROOT) + (f.getFile() != null ? ": " + f.getFile() : "");
        }
        return String.valueOf(e.getMessage());
    }

    /**
     * An existing run, to resume or read.
     *
     * @throws RunException if {@code dir} does not hold a run (no {@code config.json})
     */
    public static RunDirectory open(Path dir) {
        if (!Files.isDirectory(dir)) {
            throw new RunException(dir + " is not a directory: expected a run directory written by 'gan train'", null);
        }
        if (!Files.isRegularFile(dir.resolve(CONFIG))) {
            throw new RunException(dir + " does not hold a run: it has no " + CONFIG, null);
        }
        try {
            return new RunDirectory(dir);
        } catch (IOException e) {
            throw new RunException("cannot open run directory " + dir + ": " + e, e);
        }
    }

    /** The directory. */
    public Path path() {
        return path;
    }

    public Path config() {
        return path.resolve(CONFIG);
    }

    public Path provenance() {
        return path.resolve(PROVENANCE);
    }

    public Path metrics() {
        return path.resolve(METRICS);
    }

    /** The grid written after {@code iteration}: {@code samples/iter-000100.png}. */
    public Path sample(int iteration) {
        return path.resolve(SAMPLES).resolve(String.format(Locale.ROOT, "iter-%06d.png", iteration));
    }

    public Path finalImage() {
        return path.resolve(FINAL);
    }

    public Path curves() {
        return path.resolve(CURVES);
    }

    public Path report() {
        return path.resolve(REPORT);
    }

    public Path status() {
        return path.resolve(STATUS);
    }

    public Path checkpoints() {
        return path.resolve(CHECKPOINTS);
    }

    /** The checkpoint written after {@code iteration}: {@code checkpoints/iter-000100.ckpt}. */
    public Path checkpoint(int iteration) {
        return checkpoints().resolve(String.format(Locale.ROOT, "iter-%06d.ckpt", iteration));
    }

    /** The checkpoint with the best evaluation score. */
    public Path bestCheckpoint() {
        return checkpoints().resolve("best.ckpt");
    }

    @Override
    public String toString() {
        return path.toString();
    }
}
