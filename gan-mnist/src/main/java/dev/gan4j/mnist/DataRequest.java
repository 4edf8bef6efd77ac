package dev.gan4j.mnist;

import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * Which data to load, as an experiment's {@code data} section says it.
 *
 * @param dataset {@code "mnist"}, {@code "fashion-mnist"}, {@code "idx"}, {@code "images"} or
 *     another name in the {@link DatasetCatalog}
 * @param split {@code "train"} or {@code "test"} for named datasets; for {@code "idx"} and
 *     {@code "images"} only a label recorded in the dataset's name (may be {@code null})
 * @param dir for a named dataset, the directory its files must be in (directly or in
 *     {@code dir/<dataset>/}; when given, no other place is searched); for {@code "idx"}, the
 *     directory relative image and label paths are resolved against; for
 *     {@code "images"} (required), the folder of PNG files; may otherwise be {@code null}
 * @param transform how pixel values become model inputs
 * @param images for {@code "idx"} only: the image file ({@code [n, h, w]} or {@code [n, 1, h, w]})
 * @param labels for {@code "idx"} only: the label file ({@code [n]}), or {@code null}
 * @param mirrors download mirrors to use instead of the built-in ones (http or https base
 *     URLs); empty for the default
 */
public record DataRequest(String dataset, String split, Path dir, Transform transform, Path images, Path labels,
        List<URI> mirrors) {

    /** Validates what can be checked without the catalog. */
    public DataRequest {
        Objects.requireNonNull(dataset, "dataset");
        dataset = dataset.trim();
        if (dataset.isEmpty()) {
            throw new IllegalArgumentException("dataset must not be blank");
        }
        Objects.requireNonNull(transform, "transform");
        mirrors = mirrors == null ? List.of() : List.copyOf(mirrors);
        for (URI m : mirrors) {
            Mirrors.requireHttp(m);
        }
        if (dataset.equals(DatasetCatalog.IDX)) {
            if (images == null) {
                throw new IllegalArgumentException("dataset 'idx' needs an images file");
            }
        } else if (dataset.equals(DatasetCatalog.IMAGES)) {
            if (dir == null) {
                throw new IllegalArgumentException("dataset 'images' needs dir: the folder of PNG files");
            }
            if (images != null || labels != null) {
                throw new IllegalArgumentException("images and labels files are only for dataset 'idx'; dataset "
                        + "'images' reads the PNG files in dir (labels from its sub-folders' names)");
            }
        } else {
            if (images != null || labels != null) {
                throw new IllegalArgumentException("images and labels files are only for dataset 'idx'; dataset '"
                        + dataset + "' finds its own files");
            }
            if (split == null || split.isBlank()) {
                throw new IllegalArgumentException("dataset '" + dataset + "' needs a split (\"train\" or \"test\")");
            }
            split = split.trim();
        }
    }

    /** A named dataset's split, searched for in the default places. */
    public static DataRequest of(String dataset, String split, Transform transform) {
        return new DataRequest(dataset, split, null, transform, null, null, List.of());
    }

    /** Explicit IDX files; {@code labels} may be {@code null}. */
    public static DataRequest idx(Path images, Path labels, Transform transform) {
        return new DataRequest(DatasetCatalog.IDX, null, null, transform, images, labels, List.of());
    }

    /**
     * A folder of greyscale PNG files: directly in {@code dir} (no labels) or in one sub-folder
     * per class (labels from the sub-folder names, sorted).
     */
    public static DataRequest imageFolder(Path dir, Transform transform) {
        return new DataRequest(DatasetCatalog.IMAGES, null, dir, transform, null, null, List.of());
    }

    /** This request with the directory its files must be in (or, for {@code "idx"}, are relative to). */
    public DataRequest withDir(Path newDir) {
        return new DataRequest(dataset, split, newDir, transform, images, labels, mirrors);
    }

    /** This request with its own download mirrors. */
    public DataRequest withMirrors(List<URI> newMirrors) {
        return new DataRequest(dataset, split, dir, transform, images, labels, newMirrors);
    }
}
