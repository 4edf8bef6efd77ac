package dev.gan4j.mnist;

import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The named IDX datasets the loader knows. {@link #builtIn()} has {@code "mnist"} and
 * {@code "fashion-mnist"}; {@link #with(IdxDatasetSpec)} adds another (see the module README).
 * The names {@value #IDX} (explicit IDX files) and {@value #IMAGES} (a folder of PNG files) are
 * reserved.
 *
 * <p>Sizes and SHA-256 sums are the published ones: MNIST's as listed by torchvision and
 * TensorFlow Datasets (the two test-split sums also match the shared copies of the files),
 * Fashion-MNIST's as listed by Zalando Research's repository and TensorFlow Datasets.
 */
public final class DatasetCatalog {

    /** The dataset name for explicit image and label files. */
    public static final String IDX = "idx";

    /** The dataset name for a folder of PNG files. */
    public static final String IMAGES = "images";

    /** MNIST's digits, from the mirrors torchvision and TensorFlow use. */
    public static final IdxDatasetSpec MNIST = new IdxDatasetSpec("mnist",
            Map.of("train", new IdxDatasetSpec.SplitFiles(
                            new RemoteFile("train-images-idx3-ubyte.gz", 9_912_422,
                                    "440fcabf73cc546fa21475e81ea370265605f56be210a4024d2ca8f203523609"),
                            new RemoteFile("train-labels-idx1-ubyte.gz", 28_881,
                                    "3552534a0a558bbed6aed32b30c495cca23d567ec52cac8be1a0730e8010255c")),
                    "test", new IdxDatasetSpec.SplitFiles(
                            new RemoteFile("t10k-images-idx3-ubyte.gz", 1_648_877,
                                    "8d422c7b0a1c1c79245a5bcf07fe86e33eeafee792b84584aec276f5a2dbc4e6"),
                            new RemoteFile("t10k-labels-idx1-ubyte.gz", 4_542,
                                    "f7ae60f92e00ec6debd23a6088c31dbd2371eca3ffa0defaefb259924204aec6"))),
            List.of(URI.create("https://ossci-datasets.s3.amazonaws.com/mnist/"),
                    URI.create("https://storage.googleapis.com/cvdf-datasets/mnist/")),
            "GAN4J_MNIST_MIRROR",
            List.of("0", "1", "2", "3", "4", "5", "6", "7", "8", "9"),
            28, 28, List.of());

    /** Zalando Research's Fashion-MNIST; Debian's dataset-fashion-mnist installs it too. */
    public static final IdxDatasetSpec FASHION_MNIST = new IdxDatasetSpec("fashion-mnist",
            Map.of("train", new IdxDatasetSpec.SplitFiles(
                            new RemoteFile("train-images-idx3-ubyte.gz", 26_421_880,
                                    "3aede38d61863908ad78613f6a32ed271626dd12800ba2636569512369268a84"),
                            new RemoteFile("train-labels-idx1-ubyte.gz", 29_515,
                                    "a04f17134ac03560a47e3764e11b92fc97de4d1bfaf8ba1a3aa29af54cc90845")),
                    "test", new IdxDatasetSpec.SplitFiles(
                            new RemoteFile("t10k-images-idx3-ubyte.gz", 4_422_102,
                                    "346e55b948d973a97e58d2351dde16a484bd415d4595297633bb08f03db6a073"),
                            new RemoteFile("t10k-labels-idx1-ubyte.gz", 5_148,
                                    "67da17c76eaffca5446c3361aaab5c3cd6d1c2608764d35dfb1850b086bf8dd5"))),
            List.of(URI.create("https://fashion-mnist.s3.eu-central-1.amazonaws.com/"),
                    URI.create("http://fashion-mnist.s3-website.eu-central-1.amazonaws.com/")),
            "GAN4J_FASHION_MNIST_MIRROR",
            List.of("T-shirt/top", "Trouser", "Pullover", "Dress", "Coat", "Sandal", "Shirt", "Sneaker", "Bag",
                    "Ankle boot"),
            28, 28, List.of("fashion-mnist"));

    private static final DatasetCatalog BUILT_IN = new DatasetCatalog(List.of(MNIST, FASHION_MNIST));

    private final Map<String, IdxDatasetSpec> specs;

    private DatasetCatalog(List<IdxDatasetSpec> specs) {
        Map<String, IdxDatasetSpec> map = new LinkedHashMap<>();
        for (IdxDatasetSpec s : specs) {
            if (s.name().equals(IDX) || s.name().equals(IMAGES)) {
                throw new IllegalArgumentException("the dataset name '" + s.name() + "' is reserved: '" + IDX
                        + "' reads explicit IDX files, '" + IMAGES + "' a folder of PNG files");
            }
            if (map.putIfAbsent(s.name(), s) != null) {
                throw new IllegalArgumentException("dataset '" + s.name() + "' is defined twice");
            }
        }
        this.specs = java.util.Collections.unmodifiableMap(map);
    }

    /** MNIST and Fashion-MNIST. */
    public static DatasetCatalog builtIn() {
        return BUILT_IN;
    }

    /** A catalog of exactly {@code specs}. */
    public static DatasetCatalog of(List<IdxDatasetSpec> specs) {
        return new DatasetCatalog(specs);
    }

    /** This catalog plus {@code spec}. */
    public DatasetCatalog with(IdxDatasetSpec spec) {
        List<IdxDatasetSpec> all = new ArrayList<>(specs.values());
        all.add(spec);
        return new DatasetCatalog(all);
    }

    /** The dataset called {@code name}, if known. */
    public Optional<IdxDatasetSpec> find(String name) {
        return Optional.ofNullable(specs.get(name));
    }

    /** The names experiments may use: the catalog's plus {@value #IDX} and {@value #IMAGES}. */
    public List<String> names() {
        List<String> names = new ArrayList<>(specs.keySet());
        names.add(IDX);
        names.add(IMAGES);
        return names;
    }

    /**
     * Which published file has this SHA-256, as {@code "dataset's file"}, if any; used to notice
     * a directory that holds another dataset's files under the same names.
     */
    Optional<String> identify(String sha256) {
        for (IdxDatasetSpec s : specs.values()) {
            for (IdxDatasetSpec.SplitFiles f : s.splits().values()) {
                for (RemoteFile r : List.of(f.images(), f.labels())) {
                    if (r.sha256().equals(sha256)) {
                        return Optional.of(s.name() + "'s " + r.name());
                    }
                }
            }
        }
        return Optional.empty();
    }
}
