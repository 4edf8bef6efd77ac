package dev.gan4j.examples;

import dev.gan4j.api.Backend;
import dev.gan4j.core.eval.ClassifierArchitecture;
import dev.gan4j.core.eval.ClassifierCache;
import dev.gan4j.core.eval.ClassifierData;
import dev.gan4j.core.eval.ClassifierTraining;
import dev.gan4j.core.eval.EvaluationClassifier;
import dev.gan4j.core.eval.Evaluator;
import dev.gan4j.core.eval.Judge;
import dev.gan4j.mnist.DataEnvironment;
import dev.gan4j.mnist.DataFile;
import dev.gan4j.mnist.DataLoadException;
import dev.gan4j.mnist.DataLoader;
import dev.gan4j.mnist.DataRequest;
import dev.gan4j.mnist.DatasetCatalog;
import dev.gan4j.mnist.LoadedDataset;
import dev.gan4j.mnist.Transform;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * What {@code gan evaluate} and evaluation during {@code gan train} share: the evaluation
 * classifier (trained on first use and cached) and the real samples generated ones are compared
 * with.
 *
 * <p>Data: the classifier trains on the dataset's training split when it is already on this
 * machine (never downloaded for this), else on its test split, with a part held out either way;
 * the reference is the test split. Pixels are read as {@code x / 255}, so the classifier's input
 * range is [0, 1] whatever transform an experiment trains with. For {@code idx} files and
 * {@code images} folders the experiment's own data is both.
 *
 * <p>Judges: the classifier is a small CNN ({@link Judge#CNN}, the default) or the perceptron
 * gan4j used before ({@link Judge#MLP}), each trained and cached on its own.
 *
 * <p>Cache: {@code <gan4j cache>/<dataset>/gan4j-classifier-<data>-<layers>.json}, e.g.
 * {@code ~/.cache/gan4j/mnist/gan4j-classifier-mnist-test-cnn-1x28x28-16-32-128-10.json} (the
 * perceptron's: {@code …-mnist-test-784-256-128-10.json}, its name from before there were
 * judges), beside where gan4j keeps downloaded data; dataset directories themselves are never
 * written to (they may be shared or read-only).
 */
final class EvaluationSetup {

    private final ClassifierData classifierData;
    private final LoadedDataset reference;

    private EvaluationSetup(ClassifierData classifierData, LoadedDataset reference) {
        this.classifierData = classifierData;
        this.reference = reference;
    }

    /**
     * Finds the data for evaluating samples like those of {@code data} (a request for any split
     * and transform; its dataset, directory and mirrors are what count).
     *
     * @throws DataLoadException if the reference data cannot be found
     * @throws UserError if the data has no labels to train a classifier on
     */
    static EvaluationSetup forData(DataRequest data, DataEnvironment env) {
        LoadedDataset test;
        LoadedDataset train;
        if (data.dataset().equals(DatasetCatalog.IDX) || data.dataset().equals(DatasetCatalog.IMAGES)) {
            // explicit IDX files or a folder of images: the experiment's own data is all there is
            test = DataLoader.load(unit(data, data.split()), env);
            train = test;
        } else {
            test = DataLoader.load(unit(data, "test"), env);
            train = test;
            try {
                train = DataLoader.load(unit(data, "train"), env.withVariable(DataEnvironment.OFFLINE, "1"));
            } catch (DataLoadException notHere) {
                // only the test split: the classifier holds part of it out instead
            }
        }
        if (!train.hasLabels()) {
            throw new UserError(train.name() + " has no labels: the evaluation classifier needs labelled data", null);
        }
        Map<String, String> sha = new TreeMap<>();
        for (DataFile f : train.files()) {
            sha.put(f.path().getFileName().toString(), f.sha256());
        }
        return new EvaluationSetup(new ClassifierData(train, sha, 0f, 1f), test);
    }

    private static DataRequest unit(DataRequest data, String split) {
        return new DataRequest(data.dataset(), split, data.dir(), Transform.UNIT, data.images(), data.labels(),
                data.mirrors());
    }

    /**
     * {@code judge}'s network for this data ({@link Judge#architecture}): one input per pixel,
     * one output per class.
     *
     * @throws UserError if the judge cannot take these samples
     */
    ClassifierArchitecture architecture(Judge judge) {
        LoadedDataset d = (LoadedDataset) classifierData.dataset();
        try {
            return judge.architecture(d.sampleShape(), d.classCount());
        } catch (IllegalArgumentException e) {
            throw new UserError(d.name() + ": " + e.getMessage(), e);
        }
    }

    /**
     * Where the classifier is cached unless the user names a file. Users' own files (idx,
     * images) add the start of their first file's SHA-256 to the name, so that two experiments on
     * different files do not take turns overwriting one cache file.
     */
    Path defaultClassifierFile(DataEnvironment env, Judge judge) {
        LoadedDataset d = (LoadedDataset) classifierData.dataset();
        String name = d.name();
        String first = classifierData.sha256().values().stream().findFirst().orElse("");
        if ((d.dataset().equals(DatasetCatalog.IDX) || d.dataset().equals(DatasetCatalog.IMAGES))
                && first != null && first.length() >= 8) {
            name += "-" + first.substring(0, 8);
        }
        return env.cacheRoot().resolve(d.dataset()).resolve(ClassifierCache.fileName(name, architecture(judge)));
    }

    /**
     * The {@code judge} classifier: from {@code file} (the default cache file when {@code null})
     * if it holds one for this data, else trained now (announced on {@code log}, with a line per
     * epoch) and saved there. A file the user names is used whatever its training configuration,
     * as long as it is the judge's network trained on this data; the default cache file must
     * also match {@code training}.
     *
     * @param training how to train if training is needed; {@code null} for the judge's
     *     {@linkplain Judge#training(int) defaults}
     * @throws UserError if a named file holds another judge or a classifier for other data, or
     *     cannot be read
     */
    EvaluationClassifier classifier(Path file, Judge judge, ClassifierTraining training, Backend backend,
            DataEnvironment env, PrintWriter log) {
        ClassifierArchitecture architecture = architecture(judge);
        ClassifierTraining t = training != null ? training : judge.training(classifierData.dataset().size());
        if (file != null && Files.exists(file)) {
            EvaluationClassifier named;
            try {
                named = EvaluationClassifier.load(file, backend);
            } catch (IOException e) {
                throw new UserError("cannot use the classifier " + e.getMessage(), e);
            }
            if (named.architecture().judge() != judge) {
                throw new UserError(file + " holds an evaluation classifier of the " + named.architecture().judge().id()
                        + " judge, not " + judge.id() + ": use --judge " + named.architecture().judge().id()
                        + " to judge with it", null);
            }
            if (!named.architecture().equals(architecture) || !named.provenance().trainedOn(classifierData)) {
                throw new UserError(file + " holds a classifier " + named.architecture() + " trained on "
                        + named.provenance().data() + " " + named.provenance().dataSha256() + "; the samples need one "
                        + architecture + " trained on " + classifierData.dataset().name() + " "
                        + classifierData.sha256() + " (delete the file to train it again)", null);
            }
            return named;
        }
        Path target = file != null ? file : defaultClassifierFile(env, judge);
        var cached = ClassifierCache.loadIfMatching(target, backend, architecture, t, classifierData);
        if (cached.isPresent()) {
            return cached.get();
        }
        int size = classifierData.dataset().size();
        log.printf(Locale.ROOT, "Training the %s evaluation classifier on %s (%,d samples, %,d of them held out), "
                + "%d epochs; once: it is saved to %s%n", judge.id(), classifierData.dataset().name(), size,
                (int) Math.round(size * t.heldOutFraction()), t.epochs(), target);
        log.flush();
        EvaluationClassifier c = ClassifierCache.trainAndSave(target, backend, architecture, t, classifierData,
                (epoch, epochs, loss, accuracy) -> {
                    log.printf(Locale.ROOT, "  epoch %d/%d: loss %.4f, training accuracy %.4f%n", epoch, epochs, loss,
                            accuracy);
                    log.flush();
                });
        log.printf(Locale.ROOT, "Evaluation classifier (%s): %.2f%% accuracy on the %,d held-out samples%n",
                judge.id(), 100 * c.provenance().heldOutAccuracy(), c.provenance().heldOutCount());
        log.flush();
        return c;
    }

    /** An evaluator comparing samples with the reference split through {@code classifier}. */
    Evaluator evaluator(EvaluationClassifier classifier) {
        return Evaluator.of(classifier, reference);
    }

    /** The real samples compared with, e.g. {@code mnist/test}. */
    LoadedDataset reference() {
        return reference;
    }
}
