package dev.gan4j.examples;

import dev.gan4j.api.Backend;
import dev.gan4j.api.BackendProvider;
import dev.gan4j.api.Backends;
import dev.gan4j.core.GanExperiment;
import dev.gan4j.core.config.ExperimentConfig;
import dev.gan4j.core.config.ExperimentException;
import dev.gan4j.core.config.ExperimentFile;
import dev.gan4j.core.nn.CallSite;
import dev.gan4j.mnist.DataEnvironment;
import dev.gan4j.mnist.ExperimentData;
import dev.gan4j.mnist.LoadedDataset;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;

/**
 * What {@code train} and {@code validate} share: the experiment loaded and checked, its backend
 * chosen and started, its data opened and the model built on them. Building the model is the
 * last check: it is where layer shapes meet the data.
 */
final class PreparedExperiment implements AutoCloseable {

    final ExperimentConfig config;
    final LoadedDataset data;
    final Backend backend;
    final GanExperiment gan;

    private PreparedExperiment(ExperimentConfig config, LoadedDataset data, Backend backend, GanExperiment gan) {
        this.config = config;
        this.data = data;
        this.backend = backend;
        this.gan = gan;
    }

    static PreparedExperiment prepare(ExperimentOptions options, DataEnvironment environment) {
        ExperimentFile source = options.read();
        try {
            return prepare(source, options.backend, ExperimentOptions.parseBackendOptions(options.backendOptions),
                    environment);
        } catch (ExperimentException e) {
            // errors found after loading name a JSON path; point them at the file's line
            throw source.locate(e);
        }
    }

    private static PreparedExperiment prepare(ExperimentFile source, String backendOption,
            Map<String, String> backendOptions, DataEnvironment environment) {
        ExperimentConfig config = backendOption == null ? source.config() : source.config().withBackend(backendOption);
        // fail on an unknown backend before spending time on the data
        BackendProvider provider;
        try {
            provider = Backends.discover().select(config.backend());
        } catch (Backends.NoSuchBackendException e) {
            if (backendOption == null && source.config().backend() != null) {
                throw new ExperimentException(null, "$.backend", 0, 0, e.getMessage()
                        .replaceFirst(" \\(requested\\)\\. Providers found:\\R\\s*", "; found: ")
                        .replaceAll("\\R\\s*", "; "), e);
            }
            throw e;
        }
        LoadedDataset data = ExperimentData.open(config.data(), environment);
        Backend backend;
        try {
            backend = provider.create(backendOptions);
        } catch (IllegalStateException | IllegalArgumentException e) {
            throw new UserError("backend '" + provider.name() + "' cannot start: " + e.getMessage(), e);
        }
        try {
            return new PreparedExperiment(config.withBackend(provider.name()), data, backend,
                    GanExperiment.create(config, data, backend));
        } catch (RuntimeException e) {
            backend.close();
            throw e;
        }
    }

    /** One line describing the networks, e.g. {@code G 100→784 (79,184 parameters), D 784→1 (78,601)}. */
    String describeModel() {
        var model = gan.model();
        return String.format(Locale.ROOT, "G %s→%s (%,d parameters), D %s→%s (%,d parameters)",
                shape(model.generator().inputShape()), shape(model.generator().outputShape()),
                count(model.generator()), shape(model.discriminator().inputShape()),
                shape(model.discriminator().outputShape()), count(model.discriminator()));
    }

    private static String shape(int[] shape) {
        return shape.length == 1 ? Integer.toString(shape[0]) : Arrays.toString(shape);
    }

    private static long count(CallSite network) {
        return network.trainableParameters().stream().mapToLong(p -> p.value().size()).sum();
    }

    @Override
    public void close() {
        gan.close();
        backend.close();
    }
}
