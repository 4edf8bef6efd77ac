package dev.gan4j.examples;

import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.ParentCommand;

/** {@code gan validate EXPERIMENT.json [--backend NAME] [--set path=value]...}. */
@Command(name = "validate", description = "Check an experiment without training: the JSON, the backend, the data "
        + "and that the networks fit the data. Exit code 0 if it would train, 2 if not.")
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
            cli.out.printf(Locale.ROOT, "%s: OK: experiment '%s' on %s: %s (%,d samples), %s, %,d iterations%n",
                    experiment.file, p.config.name(), p.backend.name(), p.data.name(), p.data.size(),
                    p.describeModel(), p.config.training().iterations());
        }
        return 0;
    }
}
