package dev.gan4j.examples;

import dev.gan4j.api.Backend;
import dev.gan4j.api.BackendProvider;
import dev.gan4j.api.Backends;
import dev.gan4j.core.GanExperiment;
import dev.gan4j.core.config.ExperimentConfig;
import dev.gan4j.core.eval.EvaluationClassifier;
import dev.gan4j.core.eval.GeneratorEvaluation;
import dev.gan4j.core.eval.Judge;
import dev.gan4j.core.run.DataFile;
import dev.gan4j.core.run.RunEvaluator;
import dev.gan4j.core.sweep.TrialSetup;
import dev.gan4j.mnist.DataEnvironment;
import dev.gan4j.mnist.ExperimentData;
import dev.gan4j.mnist.LoadedDataset;
import java.io.PrintWriter;
import java.nio.charset.Charset;
import java.util.List;
import java.util.Map;

/**
 * How sweep trials get their data, backend and evaluation, the way {@code gan train} does: data
 * through gan-mnist in the process's environment ({@code GAN4J_DATA_DIR}, {@code GAN4J_OFFLINE}),
 * the experiment's backend (or {@code -Dgan4j.backend}) with its default options (one BLAS
 * thread), and the evaluation classifier from the gan4j cache. Registered for
 * {@link java.util.ServiceLoader}, so that {@link dev.gan4j.core.sweep.TrialRunner} finds it
 * wherever gan-examples is on the classpath (a {@code gan sweep} worker, a Spark executor).
 */
public final class SweepTrialSetup implements TrialSetup {

    private final DataEnvironment environment;
    private final PrintWriter log;

    /** Reads the real environment ({@link DataEnvironment#system()}); says what it does on stderr. */
    public SweepTrialSetup() {
        this(DataEnvironment.system(), new PrintWriter(new java.io.OutputStreamWriter(System.err,
                Charset.defaultCharset()), true));
    }

    /**
     * @param log where training the evaluation classifier (first use only) is announced: a
     *     worker's log, or the sweep command's error stream
     */
    SweepTrialSetup(DataEnvironment environment, PrintWriter log) {
        this.environment = environment;
        this.log = log;
    }

    @Override
    public Prepared prepare(ExperimentConfig config) {
        BackendProvider provider = Backends.discover().select(config.backend());
        LoadedDataset data = ExperimentData.open(config.data(), environment);
        Backend backend = provider.create(Map.of());
        try {
            GanExperiment gan = GanExperiment.create(config, data, backend);
            RunEvaluator evaluation;
            try {
                evaluation = evaluation(config, backend);
            } catch (RuntimeException e) {
                gan.close();
                throw e;
            }
            return new Ready(gan, backend, ExperimentData.files(data), evaluation);
        } catch (RuntimeException e) {
            backend.close();
            throw e;
        }
    }

    @Override
    public void warmUp(ExperimentConfig config) {
        try (Backend backend = Backends.discover().select(config.backend()).create(Map.of())) {
            classifier(EvaluationSetup.forData(ExperimentData.request(config.data()), environment), backend);
        }
    }

    private RunEvaluator evaluation(ExperimentConfig config, Backend backend) {
        EvaluationSetup setup = EvaluationSetup.forData(ExperimentData.request(config.data()), environment);
        EvaluationClassifier classifier = classifier(setup, backend);
        var transform = config.data().transform();
        return new GeneratorEvaluation(setup.evaluator(classifier), config.output().evaluateSamples(), config.seed(),
                (float) transform.min(), (float) transform.max());
    }

    /** The default judge, as {@code gan train} uses without {@code --judge}, so a trial's figures compare. */
    private EvaluationClassifier classifier(EvaluationSetup setup, Backend backend) {
        return setup.classifier(null, Judge.DEFAULT, null, backend, environment, log);
    }

    private record Ready(GanExperiment experiment, Backend backend, List<DataFile> dataFiles, RunEvaluator evaluation)
            implements Prepared {
        @Override
        public void close() {
            try {
                experiment.close();
            } finally {
                backend.close();
            }
        }
    }
}
