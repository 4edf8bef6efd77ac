package dev.gan4j.mnist;

import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * Everything gan4j knows about a named dataset of IDX files (MNIST, Fashion-MNIST, or one you
 * add): its splits and their published files, where to download them, what the classes are
 * called and where a system package installs them.
 *
 * @param name the name experiments use, e.g. {@code "fashion-mnist"}; also the directory name
 *     under {@code GAN4J_DATA_DIR} and the cache
 * @param splits split name ({@code "train"}, {@code "test"}) to its image and label files
 * @param mirrors base URLs tried in order; a file's URL is the base plus its name
 * @param mirrorVariable environment variable that replaces {@code mirrors} (a comma- or
 *     space-separated list), e.g. {@code "GAN4J_MNIST_MIRROR"}
 * @param classNames names of the label values 0, 1, …
 * @param height image height in pixels; files of another size are rejected
 * @param width image width in pixels
 * @param systemDirectories directories, relative to the system dataset root
 *     ({@code /usr/share/datasets}), where an operating-system package installs the files
 */
public record IdxDatasetSpec(String name, Map<String, SplitFiles> splits, List<URI> mirrors, String mirrorVariable,
        List<String> classNames, int height, int width, List<String> systemDirectories) {

    /** The image and label files of one split. */
    public record SplitFiles(RemoteFile images, RemoteFile labels) {
        /** Validates the fields. */
        public SplitFiles {
            Objects.requireNonNull(images, "images");
            Objects.requireNonNull(labels, "labels");
        }
    }

    /** Validates the fields and copies the collections. */
    public IdxDatasetSpec {
        Objects.requireNonNull(name, "name");
        if (!name.matches("[a-z0-9][a-z0-9._-]*")) {
            throw new IllegalArgumentException("dataset name must be lower-case letters, digits, '.', '_' or '-', "
                    + "got '" + name + "'");
        }
        if (splits.isEmpty()) {
            throw new IllegalArgumentException(name + ": needs at least one split");
        }
        splits = java.util.Collections.unmodifiableMap(new TreeMap<>(splits));
        mirrors = List.copyOf(mirrors);
        for (URI m : mirrors) {
            Mirrors.requireHttp(m);
        }
        Objects.requireNonNull(mirrorVariable, "mirrorVariable");
        classNames = List.copyOf(classNames);
        if (classNames.isEmpty()) {
            throw new IllegalArgumentException(name + ": needs class names");
        }
        if (height <= 0 || width <= 0) {
            throw new IllegalArgumentException(name + ": image size must be positive, got " + height + "×" + width);
        }
        systemDirectories = List.copyOf(systemDirectories);
    }

    /** The files of {@code split}, or {@code null} if the dataset has no such split. */
    public SplitFiles split(String split) {
        return splits.get(split);
    }
}
