package dev.gan4j.examples;

import dev.gan4j.core.config.ExperimentLoader;
import dev.gan4j.core.config.ExperimentSchema;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code gan schema}: the JSON Schema of experiment files, from every registered type (plugins' included). */
@Command(name = "schema", mixinStandardHelpOptions = true, versionProvider = GanCli.Version.class,
        description = {"Print the JSON Schema (draft 2020-12) of experiment files, generated from the layer, "
            + "optimizer, loss and schedule types found: gan4j's and those of plugin jars (--plugin).",
            "An experiment whose first field is \"$schema\": \"PATH/experiment.schema.json\" is completed and "
                + "checked by editors that read JSON Schema; gan itself ignores the field."})
final class SchemaCommand implements Callable<Integer> {

    @ParentCommand
    GanCli cli;

    @Option(names = "--out", paramLabel = "FILE", description = "Write the schema to FILE (replacing it) instead of "
            + "standard output.")
    Path out;

    @Mixin
    VerboseOption verbose;

    @Override
    public Integer call() {
        String schema = ExperimentSchema.toJson(ExperimentLoader.create());
        if (out == null) {
            cli.out.print(schema);
            cli.out.flush();
            return 0;
        }
        try {
            Files.writeString(out, schema, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new UserError("--out " + out + ": no such folder " + out.toAbsolutePath().getParent(), e);
        } catch (AccessDeniedException e) {
            throw new UserError("--out " + out + ": permission denied", e);
        } catch (IOException e) {
            throw new UserError("--out " + out + ": cannot write: " + e.getMessage(), e);
        }
        return 0;
    }
}
