package dev.gan4j.examples;

import dev.gan4j.core.MemoryEstimate;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.ParentCommand;

/** {@code gan validate EXPERIMENT.json [--backend NAME] [--set path=value]...}. */
@Command(name = "validate", mixinStandardHelpOptions = true, versionProvider = GanCli.Version.class,
        description = "Check an experiment without training: the JSON, the backend, the data, "
        + "that the networks fit the data and that it fits in memory. Exit code 0 if it would train, 2 if not.")
final class ValidateCommand implements Callable<Integer> {

    @ParentCommand
    GanCli cli;

    @Mixin
    ExperimentOptions experiment;

    @Mixin
    VerboseOption verbose;

    @Override
    public Integer call() {
        try (PreparedExperiment p = PreparedExperiment.prepare(experiment, cli.dataEnvironment)) {
            cli.out.printf(Locale.ROOT, "%s: OK: experiment '%s' on %s: %s (%,d samples), %s, %,d iterations; "
                    + "needs about %s of the %s the heap may grow to%n", experiment.file, p.config.name(),
                    p.backend.name(), p.data.name(), p.data.size(), p.describeModel(),
                    p.config.training().iterations(), MemoryEstimate.format(p.gan.memory().totalBytes()),
                    MemoryEstimate.format(Runtime.getRuntime().maxMemory()));
        }
        return 0;
    }
}
