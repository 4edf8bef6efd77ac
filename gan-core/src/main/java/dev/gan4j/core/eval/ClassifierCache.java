package dev.gan4j.core.eval;

import dev.gan4j.api.Backend;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Trains an {@link EvaluationClassifier} once and reuses it: the classifier is kept in a file
 * (usually beside the data) and retrained only when the file is missing, unreadable, or was
 * trained differently (another architecture, training configuration, dataset, file hashes or
 * value range).
 */
public final class ClassifierCache {

    private static final Logger LOG = LoggerFactory.getLogger(ClassifierCache.class);

    private ClassifierCache() {
    }

    /**
     * The cache file name for a classifier of {@code architecture} trained on the dataset
     * named {@code dataName}, e.g. {@code gan4j-classifier-mnist-test-cnn-1x28x28-16-32-128-10.json}
     * for the CNN judge and {@code gan4j-classifier-mnist-test-784-256-128-10.json} for the MLP
     * judge (the name it had before there were judges, so that cached perceptrons stay in use).
     */
    public static String fileName(String dataName, ClassifierArchitecture architecture) {
        return "gan4j-classifier-" + dataName.replaceAll("[^A-Za-z0-9._-]+", "-") + "-" + architecture.signature()
                + ".json";
    }

    /**
     * The classifier in {@code file} if it matches the request, else a newly trained one, which
     * is then saved to {@code file}. A file that cannot be read is replaced (with a warning); a
     * failure to save is logged and the trained classifier still returned, since the cache only
     * saves time.
     *
     * @param listener hears about training epochs if training happens, or {@code null}
     */
    public static EvaluationClassifier loadOrTrain(Path file, Backend backend, ClassifierArchitecture architecture,
            ClassifierTraining training, ClassifierData data, EpochListener listener) {
        return loadIfMatching(file, backend, architecture, training, data)
                .orElseGet(() -> trainAndSave(file, backend, architecture, training, data, listener));
    }

    /**
     * The classifier in {@code file} if there is one of {@code architecture} trained by the
     * current procedure as {@code training} asks on exactly {@code data}; empty if the file is
     * missing, unreadable (with a warning) or holds another classifier.
     */
    public static Optional<EvaluationClassifier> loadIfMatching(Path file, Backend backend,
            ClassifierArchitecture architecture, ClassifierTraining training, ClassifierData data) {
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        try {
            EvaluationClassifier cached = EvaluationClassifier.load(file, backend);
            if (cached.architecture().equals(architecture) && cached.provenance().matches(data, training)) {
                LOG.debug("using cached evaluation classifier {}", file);
                return Optional.of(cached);
            }
            LOG.info("cached evaluation classifier {} was trained differently ({} on {}); retraining", file,
                    cached.architecture(), cached.provenance().data());
        } catch (IOException e) {
            LOG.warn("cannot use cached evaluation classifier, retraining: {}", e.getMessage());
        }
        return Optional.empty();
    }

    /** Trains a classifier and saves it to {@code file}, logging (not throwing) a failure to save. */
    public static EvaluationClassifier trainAndSave(Path file, Backend backend, ClassifierArchitecture architecture,
            ClassifierTraining training, ClassifierData data, EpochListener listener) {
        EvaluationClassifier trained = EvaluationClassifier.train(backend, architecture, training, data, listener);
        try {
            trained.save(file);
        } catch (IOException e) {
            LOG.warn("cannot cache the evaluation classifier in {}: {}", file, e.toString());
        }
        return trained;
    }
}
