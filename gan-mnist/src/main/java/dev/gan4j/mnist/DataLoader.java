package dev.gan4j.mnist;

import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Finds, downloads if needed, reads and transforms a dataset.
 *
 * <p>For a named dataset ({@code "mnist"}, {@code "fashion-mnist"}, …) the split's image and
 * label files (each gzip or raw, as {@code t10k-images-idx3-ubyte.gz},
 * {@code t10k-images-idx3-ubyte} or {@code t10k-images.idx3-ubyte}) are taken from the request's
 * directory when it names one — directly in it or in {@code dir/<dataset>/} — and from nowhere
 * else: a missing file there, a directory or device in a file's place, or another dataset's file
 * is an error naming the path, never a reason to use other data. Without a directory they are
 * looked for, in order:
 * <ol>
 *   <li>{@code $GAN4J_DATA_DIR}, directly in it or in {@code $GAN4J_DATA_DIR/<dataset>/};
 *   <li>the dataset's system directories (Fashion-MNIST: {@code /usr/share/datasets/fashion-mnist},
 *       where Debian's {@code dataset-fashion-mnist} puts it);
 *   <li>the cache, {@code ~/.cache/gan4j/<dataset>};
 *   <li>otherwise they are downloaded into the cache from the mirrors (unless
 *       {@code GAN4J_OFFLINE} is set), verified against the published SHA-256.
 * </ol>
 * Both files must be in the same place. In the search, a file whose SHA-256 is that of another
 * published file (say MNIST's images where Fashion-MNIST's were asked for, under the same name)
 * is passed over.
 * When nothing is found, the {@link DataLoadException} lists every place looked and says where
 * to put the files by hand.
 *
 * <p>For {@code "idx"}, the request's image and (optional) label files are read as given. For
 * {@code "images"}, every PNG file in the request's directory (see {@link ImageFolder}).
 */
public final class DataLoader {

    private DataLoader() {
    }

    /** Loads {@code request} with the built-in datasets. */
    public static LoadedDataset load(DataRequest request, DataEnvironment env) {
        return load(request, env, DatasetCatalog.builtIn());
    }

    /**
     * Loads {@code request}, resolving dataset names in {@code catalog}.
     *
     * @throws DataLoadException if the data cannot be found, downloaded or read, naming what
     *     was wrong and where
     */
    public static LoadedDataset load(DataRequest request, DataEnvironment env, DatasetCatalog catalog) {
        if (request.dataset().equals(DatasetCatalog.IDX)) {
            return loadIdx(request);
        }
        if (request.dataset().equals(DatasetCatalog.IMAGES)) {
            return ImageFolder.load(request.dir(), request.split(), request.transform());
        }
        IdxDatasetSpec spec = catalog.find(request.dataset()).orElseThrow(() -> new DataLoadException(
                "unknown dataset '" + request.dataset() + "'; known: " + String.join(", ", catalog.names())));
        IdxDatasetSpec.SplitFiles files = spec.split(request.split());
        if (files == null) {
            throw new DataLoadException("dataset '" + spec.name() + "' has no split '" + request.split() + "'; known: "
                    + String.join(", ", spec.splits().keySet()));
        }
        Found found = request.dir() != null ? locateGiven(spec, files, request.dir(), catalog)
                : search(spec, files, request, env, catalog);
        return read(spec.name(), request.split(), found.images, found.labels, request.transform(), spec.height(),
                spec.width(), spec.classNames());
    }

    /** The search order, then a download; used only when the request names no directory. */
    private static Found search(IdxDatasetSpec spec, IdxDatasetSpec.SplitFiles files, DataRequest request,
            DataEnvironment env, DatasetCatalog catalog) {
        List<String> looked = new ArrayList<>();
        Found found = locate(spec, files, env, catalog, looked);
        List<String> failures = new ArrayList<>();
        if (found == null) {
            found = download(spec, files, request, env, failures);
        }
        if (found == null) {
            throw new DataLoadException(notFound(spec.name() + "/" + request.split(), spec, files, request, env,
                    looked, failures));
        }
        return found;
    }

    private record Found(DataFile images, DataFile labels) {
    }

    private record Place(Path dir, String origin) {
    }

    // ---- locating -------------------------------------------------------------------------

    private static Found locate(IdxDatasetSpec spec, IdxDatasetSpec.SplitFiles files, DataEnvironment env,
            DatasetCatalog catalog, List<String> looked) {
        List<Place> places = new ArrayList<>();
        env.variable(DataEnvironment.DATA_DIR).map(Path::of).ifPresent(d -> {
            places.add(new Place(d, DataEnvironment.DATA_DIR));
            places.add(new Place(d.resolve(spec.name()), DataEnvironment.DATA_DIR));
        });
        for (String s : spec.systemDirectories()) {
            places.add(new Place(env.systemDatasets().resolve(s), "system package"));
        }
        places.add(new Place(env.cacheRoot().resolve(spec.name()), "cache"));

        Set<Path> seen = new HashSet<>();
        for (Place place : places) {
            if (!seen.add(place.dir.toAbsolutePath().normalize())) {
                continue;
            }
            String where = place.dir + " (" + place.origin + ")";
            if (!Files.isDirectory(place.dir)) {
                looked.add(where + ": " + (Files.exists(place.dir) ? "not a directory" : "does not exist"));
                continue;
            }
            Optional<Path> images = findFile(place.dir, files.images());
            Optional<Path> labels = findFile(place.dir, files.labels());
            if (images.isEmpty() || labels.isEmpty()) {
                looked.add(where + ": " + (images.isEmpty() && labels.isEmpty() ? "neither " + files.images().name()
                        + " nor " + files.labels().name() + " (or their uncompressed forms)"
                        : "no " + (images.isEmpty() ? files.images().name() : files.labels().name())
                        + " (or its uncompressed form) beside " + (images.isEmpty() ? labels : images).get()
                        .getFileName()));
                continue;
            }
            DataFile imagesFile = describe(images.get(), files.images(), place.origin);
            DataFile labelsFile = describe(labels.get(), files.labels(), place.origin);
            String foreign = foreign(imagesFile, spec, files.images(), catalog);
            if (foreign == null) {
                foreign = foreign(labelsFile, spec, files.labels(), catalog);
            }
            if (foreign != null) {
                looked.add(where + ": " + foreign + "; passed over");
                continue;
            }
            return new Found(imagesFile, labelsFile);
        }
        return null;
    }

    /**
     * The files in the directory the request names. It is authoritative: what is missing or wrong
     * there is an error naming the path, because silently training on other data (found in
     * {@code GAN4J_DATA_DIR} or the cache) would be noticed, if at all, only in provenance.json.
     */
    private static Found locateGiven(IdxDatasetSpec spec, IdxDatasetSpec.SplitFiles files, Path dir,
            DatasetCatalog catalog) {
        if (!Files.isDirectory(dir)) {
            throw new DataLoadException("data.dir " + dir + ", where " + spec.name() + "'s files must be, "
                    + (Files.exists(dir) ? "is not a directory" : "does not exist"));
        }
        Path place = dir;
        if (!holdsEither(dir, files)) {
            place = dir.resolve(spec.name());
            if (!Files.isDirectory(place) || !holdsEither(place, files)) {
                throw new DataLoadException("data.dir " + dir + " holds neither " + files.images().name() + " nor "
                        + files.labels().name() + " (or their uncompressed forms), directly or in " + spec.name()
                        + "/; unset data.dir to search " + DataEnvironment.DATA_DIR + ", the system datasets and "
                        + "the cache");
            }
        }
        DataFile images = givenFile(place, files.images(), files.labels(), spec, catalog);
        DataFile labels = givenFile(place, files.labels(), files.images(), spec, catalog);
        return new Found(images, labels);
    }

    private static boolean holdsEither(Path dir, IdxDatasetSpec.SplitFiles files) {
        return !entries(dir, files.images()).isEmpty() || !entries(dir, files.labels()).isEmpty();
    }

    /** {@code remote} in the given directory, which must be a readable regular file of this dataset. */
    private static DataFile givenFile(Path dir, RemoteFile remote, RemoteFile partner, IdxDatasetSpec spec,
            DatasetCatalog catalog) {
        Optional<Path> regular = findFile(dir, remote);
        if (regular.isEmpty()) {
            List<Path> odd = entries(dir, remote);
            if (odd.isEmpty()) {
                throw new DataLoadException(dir.resolve(remote.name()) + " does not exist (nor its uncompressed "
                        + "form), but data.dir holds " + entries(dir, partner).get(0).getFileName()
                        + "; both files must be there");
            }
            Path p = odd.get(0);
            throw new DataLoadException(p + (Files.isDirectory(p) ? " is a directory"
                    : Files.isSymbolicLink(p) && !Files.exists(p) ? " is a broken symbolic link"
                    : " is not a regular file") + ", not " + spec.name() + "'s " + remote.name());
        }
        DataFile file = describe(regular.get(), remote, "data.dir");
        String foreign = foreign(file, spec, remote, catalog);
        if (foreign != null) {
            throw new DataLoadException(dir + File.separator + foreign + "; data.dir must hold " + spec.name()
                    + "'s own files");
        }
        return file;
    }

    /** The file for {@code remote} in {@code dir}: gzip first, then the uncompressed names. */
    private static Optional<Path> findFile(Path dir, RemoteFile remote) {
        return names(remote).stream().map(dir::resolve).filter(Files::isRegularFile).findFirst();
    }

    /** Whatever is in {@code dir} under one of {@code remote}'s names, regular file or not, link or not. */
    private static List<Path> entries(Path dir, RemoteFile remote) {
        return names(remote).stream().map(dir::resolve).filter(p -> Files.exists(p, LinkOption.NOFOLLOW_LINKS))
                .toList();
    }

    private static List<String> names(RemoteFile remote) {
        String base = remote.baseName();
        // "t10k-images-idx3-ubyte" is often found unpacked as "t10k-images.idx3-ubyte"
        String dotted = base.replaceFirst("-(idx\\d-ubyte)$", ".$1");
        return List.of(remote.name(), base, dotted, dotted + ".gz");
    }

    /** A message if {@code file} is, by checksum, a different published file than {@code expected}. */
    private static String foreign(DataFile file, IdxDatasetSpec spec, RemoteFile expected, DatasetCatalog catalog) {
        if (file.verified()) {
            return null;
        }
        return catalog.identify(file.sha256()).map(id -> file.path().getFileName() + " is " + id + " (by SHA-256), "
                + "not " + spec.name() + "'s " + expected.name()).orElse(null);
    }

    private static DataFile describe(Path path, RemoteFile remote, String origin) {
        try {
            String sha = Sha256.of(path);
            return new DataFile(path, Files.size(path), sha, origin, remote != null && sha.equals(remote.sha256()));
        } catch (IOException e) {
            throw new DataLoadException("cannot read " + path + ": " + e.getMessage(), e);
        }
    }

    // ---- downloading ----------------------------------------------------------------------

    private static List<URI> mirrors(IdxDatasetSpec spec, DataRequest request, DataEnvironment env) {
        if (!request.mirrors().isEmpty()) {
            return request.mirrors();
        }
        Optional<String> variable = env.variable(spec.mirrorVariable());
        if (variable.isPresent()) {
            try {
                List<URI> parsed = Mirrors.parse(variable.get(), spec.mirrorVariable());
                if (!parsed.isEmpty()) {
                    return parsed;
                }
            } catch (IllegalArgumentException e) {
                throw new DataLoadException(e.getMessage(), e);
            }
        }
        return spec.mirrors();
    }

    private static Found download(IdxDatasetSpec spec, IdxDatasetSpec.SplitFiles files, DataRequest request,
            DataEnvironment env, List<String> failures) {
        if (env.offline()) {
            failures.add("skipped: " + DataEnvironment.OFFLINE + " is set");
            return null;
        }
        Path cache = env.cacheRoot().resolve(spec.name());
        List<URI> mirrors = mirrors(spec, request, env);
        Downloader downloader = new Downloader(env);
        DataFile[] got = new DataFile[2];
        List<RemoteFile> wanted = List.of(files.images(), files.labels());
        for (int i = 0; i < 2; i++) {
            RemoteFile remote = wanted.get(i);
            Path existing = cache.resolve(remote.name());
            if (Files.isRegularFile(existing)) {
                // one file of the pair may already be here from an earlier, interrupted attempt
                DataFile file = describe(existing, remote, "cache");
                if (file.verified()) {
                    got[i] = file;
                    continue;
                }
            }
            try {
                Downloader.Downloaded d = downloader.fetch(remote, mirrors, cache, failures);
                if (d == null) {
                    return null;
                }
                got[i] = describe(d.path(), remote, "downloaded from " + d.source());
            } catch (IOException e) {
                failures.add("cannot write to the cache " + cache + ": " + e.getMessage());
                return null;
            }
        }
        return new Found(got[0], got[1]);
    }

    private static String notFound(String what, IdxDatasetSpec spec, IdxDatasetSpec.SplitFiles files,
            DataRequest request, DataEnvironment env, List<String> looked, List<String> failures) {
        String nl = System.lineSeparator();
        StringBuilder sb = new StringBuilder();
        sb.append("cannot find ").append(what).append(" (").append(files.images().name()).append(" and ")
                .append(files.labels().name()).append(").").append(nl).append("Looked in:");
        for (String l : looked) {
            sb.append(nl).append("  - ").append(l);
        }
        sb.append(nl).append("Download:");
        for (String f : failures) {
            sb.append(nl).append("  - ").append(f);
        }
        Path cache = env.cacheRoot().resolve(spec.name());
        sb.append(nl).append("To supply the files by hand, get ").append(files.images().name()).append(" and ")
                .append(files.labels().name()).append(" from ");
        List<URI> mirrors = mirrors(spec, request, env);
        for (int i = 0; i < mirrors.size(); i++) {
            sb.append(i == 0 ? "" : " or ").append(mirrors.get(i));
        }
        sb.append(nl).append("and put them in ").append(cache)
                .append(", or in a directory named by the experiment's data.dir or by ")
                .append(DataEnvironment.DATA_DIR).append(" (directly or in a '").append(spec.name())
                .append("' subdirectory)");
        for (String s : spec.systemDirectories()) {
            sb.append(", or install the system package that provides ").append(env.systemDatasets().resolve(s));
        }
        sb.append('.');
        return sb.toString();
    }

    // ---- explicit IDX files ---------------------------------------------------------------

    private static LoadedDataset loadIdx(DataRequest request) {
        Path images = resolve(request, request.images());
        Path labels = request.labels() == null ? null : resolve(request, request.labels());
        for (Path p : labels == null ? List.of(images) : List.of(images, labels)) {
            if (!Files.isRegularFile(p)) {
                throw new DataLoadException("dataset 'idx': " + p + (Files.exists(p) ? " is not a regular file"
                        : " does not exist"));
            }
        }
        DataFile imagesFile = describe(images, null, "explicit file");
        DataFile labelsFile = labels == null ? null : describe(labels, null, "explicit file");
        return read(DatasetCatalog.IDX, request.split(), imagesFile, labelsFile, request.transform(), -1, -1, null);
    }

    private static Path resolve(DataRequest request, Path p) {
        return request.dir() == null || p.isAbsolute() ? p : request.dir().resolve(p);
    }

    // ---- reading --------------------------------------------------------------------------

    /** Largest label accepted in explicit files; more suggests the file is not labels. */
    private static final int MAX_IDX_CLASSES = 1 << 16;

    private static LoadedDataset read(String dataset, String split, DataFile imagesFile, DataFile labelsFile,
            Transform transform, int height, int width, List<String> classNames) {
        IdxArray imageArray = readIdx(imagesFile.path());
        int[] dims = imageArray.dims();
        boolean shaped = dims.length == 3 || dims.length == 4 && dims[1] == 1;
        if (!shaped) {
            throw new DataLoadException(imagesFile.path() + ": images must have dimensions [n, height, width] or "
                    + "[n, 1, height, width], but the file has " + IdxArray.formatDims(dims));
        }
        int n = dims[0];
        int h = dims[dims.length - 2];
        int w = dims[dims.length - 1];
        if (n == 0 || h == 0 || w == 0) {
            throw new DataLoadException(imagesFile.path() + ": holds no images (dimensions "
                    + IdxArray.formatDims(dims) + ")");
        }
        if (height > 0 && (h != height || w != width)) {
            throw new DataLoadException(imagesFile.path() + ": " + dataset + " images are " + height + "×" + width
                    + ", but this file holds " + h + "×" + w + " images");
        }
        int[] labels = null;
        List<String> names = List.of();
        if (labelsFile != null) {
            labels = readLabels(labelsFile.path(), imagesFile.path(), n, classNames);
            names = classNames != null ? classNames : numberedClasses(labels);
        }
        IdxType type = imageArray.type();
        float[] pixels;
        try {
            // the bytes are in memory; the floats they become are up to four times as many bytes
            pixels = imageArray.toFloatArray();
        } catch (DataLoadException e) {
            throw new DataLoadException(imagesFile.path() + ": " + e.getMessage(), e);
        }
        imageArray = null; // let the file's bytes go before the dataset is built
        int perImage = h * w;
        if (!type.isInteger()) {
            checkFinite(pixels, perImage, imagesFile.path(), 4 + 4 * dims.length, type.size());
        }
        for (int i = 0; i < n; i++) {
            transform.applyRow(pixels, i * perImage, perImage);
        }
        List<DataFile> files = labelsFile == null ? List.of(imagesFile) : List.of(imagesFile, labelsFile);
        return new LoadedDataset(dataset, split, transform, h, w, pixels, labels, names, files);
    }

    private static int[] readLabels(Path path, Path imagesPath, int n, List<String> classNames) {
        IdxArray array = readIdx(path);
        if (array.rank() != 1) {
            throw new DataLoadException(path + ": labels must be one-dimensional [n], but the file has dimensions "
                    + IdxArray.formatDims(array.dims()));
        }
        if (!array.type().isInteger()) {
            throw new DataLoadException(path + ": labels must be integers, but the file holds "
                    + array.type().describe() + " values");
        }
        if (array.count() != n) {
            // both counts are the first dimension, right after the 4-byte magic number
            throw new DataLoadException("image and label counts differ: " + imagesPath + " holds " + n + " images but "
                    + path + " holds " + array.count() + " labels (each count is the first dimension, at byte offset 4 "
                    + "of the file's IDX header)");
        }
        int[] labels = array.toIntArray();
        int limit = classNames != null ? classNames.size() : MAX_IDX_CLASSES;
        for (int i = 0; i < n; i++) {
            if (labels[i] < 0 || labels[i] >= limit) {
                throw new DataLoadException(path + ": label " + labels[i] + " at index " + i + " (IDX byte offset "
                        + (8 + (long) i * array.type().size()) + ") is outside 0.." + (limit - 1));
            }
        }
        return labels;
    }

    private static List<String> numberedClasses(int[] labels) {
        int max = -1;
        for (int l : labels) {
            max = Math.max(max, l);
        }
        List<String> names = new ArrayList<>(max + 1);
        for (int c = 0; c <= max; c++) {
            names.add(Integer.toString(c));
        }
        return names;
    }

    private static void checkFinite(float[] pixels, int perImage, Path path, int headerSize, int elementSize) {
        for (int i = 0; i < pixels.length; i++) {
            if (!Float.isFinite(pixels[i])) {
                throw new DataLoadException(path + ": image " + i / perImage + ", pixel " + i % perImage + " (IDX byte "
                        + "offset " + (headerSize + (long) i * elementSize) + ") is " + pixels[i]
                        + " as a float; pixel values must be finite");
            }
        }
    }

    private static IdxArray readIdx(Path path) {
        try {
            return IdxReader.standard().read(path);
        } catch (IdxFormatException e) {
            throw new DataLoadException(e.getMessage(), e);
        } catch (IOException e) {
            throw new DataLoadException("cannot read " + path + ": " + e.getMessage(), e);
        }
    }
}
