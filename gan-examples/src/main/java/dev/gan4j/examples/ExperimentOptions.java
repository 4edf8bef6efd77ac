package dev.gan4j.examples;

import dev.gan4j.core.config.ExperimentFile;
import dev.gan4j.core.config.ExperimentLoader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** The experiment file, {@code --backend} and {@code --set}, shared by train and validate. */
final class ExperimentOptions {

    @Parameters(index = "0", arity = "0..1", paramLabel = "EXPERIMENT.json", description = "The experiment to run.")
    Path file;

    @Option(names = "--backend", paramLabel = "NAME",
            description = "Backend to use instead of the experiment's (see 'gan backends').")
    String backend;

    @Option(names = {"-o", "--backend-option"}, paramLabel = "KEY=VALUE",
            description = "Backend option, e.g. threads=2, or gemm=java for ejml's pure-Java GEMM; repeatable. "
                    + "Settings do not change the numbers beyond float round-off.")
    List<String> backendOptions = new ArrayList<>();

    @Option(names = "--set", paramLabel = "PATH=VALUE",
            description = "Override a value before checking, e.g. --set data.split=test --set training.iterations=50 "
                    + "--set generator[0].units=10. VALUE is JSON when it parses as JSON, else a string.")
    List<String> overrides = new ArrayList<>();

    /** {@code KEY=VALUE} strings as a map, in order; a missing {@code =} is a user error. */
    static Map<String, String> parseBackendOptions(List<String> pairs) {
        Map<String, String> options = new LinkedHashMap<>();
        for (String pair : pairs) {
            int eq = pair.indexOf('=');
            if (eq <= 0) {
                throw new UserError("--backend-option must be KEY=VALUE, got '" + pair + "'", null);
            }
            options.put(pair.substring(0, eq).trim(), pair.substring(eq + 1).trim());
        }
        return options;
    }

    /** The experiment file with the overrides applied (not --backend), and where each value came from. */
    ExperimentFile read() {
        if (file == null) {
            throw new UserError("missing EXPERIMENT.json: give the experiment file to use", null);
        }
        return ExperimentLoader.create().read(file, overrides);
    }
}
