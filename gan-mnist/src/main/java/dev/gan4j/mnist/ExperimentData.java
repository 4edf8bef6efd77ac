package dev.gan4j.mnist;

import dev.gan4j.core.config.DataConfig;
import dev.gan4j.core.config.ExperimentException;
import dev.gan4j.core.run.DataFile;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Opens the data an experiment's {@code "data"} section describes, with gan-mnist: the bridge
 * between gan-core's {@link DataConfig} (which knows no data module) and gan-mnist's
 * {@link DataRequest} (which knows no experiments).
 */
public final class ExperimentData {
    private ExperimentData() {
    }

    /**
     * Finds, reads and transforms the data (downloading MNIST into the user cache if it is
     * nowhere else and {@code GAN4J_OFFLINE} is not set).
     *
     * @throws dev.gan4j.mnist.DataLoadException if the files cannot be found or read, saying
     *     where it looked
     * @throws ExperimentException if the data section asks for something gan-mnist cannot do
     */
    public static LoadedDataset open(DataConfig data, DataEnvironment environment) {
        return DataLoader.load(request(data), environment);
    }

    /** gan-mnist's request for {@code data}. */
    public static DataRequest request(DataConfig data) {
        if (!data.dataset().equals(DatasetCatalog.IDX) && !data.dataset().equals(DatasetCatalog.IMAGES)
                && DatasetCatalog.builtIn().find(data.dataset()).isEmpty()) {
            throw new ExperimentException(null, "$.data.dataset", 0, 0, "unknown dataset '" + data.dataset()
                    + "'; known: " + String.join(", ", DatasetCatalog.builtIn().names()) + " (idx: your own IDX files, "
                    + "named by data.images and data.labels; images: a folder of PNG files in data.dir)");
        }
        List<URI> mirrors = new ArrayList<>();
        for (String m : data.mirrors()) {
            try {
                mirrors.add(new URI(m));
            } catch (URISyntaxException e) {
                throw new ExperimentException(null, "$.data.mirrors", 0, 0, "'" + m + "' is not a URL: "
                        + e.getReason(), e);
            }
        }
        try {
            return new DataRequest(data.dataset(), data.split().jsonName(), path(data.dir()),
                    Transform.fromName(data.transform().jsonName()), path(data.images()), path(data.labels()),
                    mirrors);
        } catch (IllegalArgumentException e) {
            throw new ExperimentException(null, "$.data", 0, 0, e.getMessage(), e);
        }
    }

    /** The files {@code dataset} was read from, for a run's provenance. */
    public static List<DataFile> files(LoadedDataset dataset) {
        return dataset.files().stream().map(f -> new DataFile(f.path().toString(), f.size(), f.sha256(), f.origin(),
                f.verified())).toList();
    }

    private static Path path(String p) {
        return p == null ? null : Path.of(p);
    }
}
