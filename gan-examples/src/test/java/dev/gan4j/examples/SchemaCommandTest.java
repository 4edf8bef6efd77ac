package dev.gan4j.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gan4j.core.config.ExperimentException;
import dev.gan4j.core.config.ExperimentLoader;
import dev.gan4j.core.config.ExperimentSchema;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code gan schema}, the committed {@code experiment.schema.json} it generates, and the example
 * experiments that name it.
 */
class SchemaCommandTest {

    /** The committed schema, relative to the gan-examples module directory tests run in. */
    static final Path COMMITTED = Path.of("experiment.schema.json");

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Cli cli = new Cli();

    private static List<Path> examples() throws IOException {
        try (Stream<Path> files = Files.list(TestData.tutorial().getParent())) {
            return files.filter(p -> p.toString().endsWith(".json")).sorted().toList();
        }
    }

    private static SchemaCheck committed() throws IOException {
        return new SchemaCheck(JSON.readTree(COMMITTED.toFile()));
    }

    @Test
    void theCommittedSchemaIsWhatGanSchemaPrints() throws IOException {
        cli.assertOk(cli.run("schema"));
        // assertOk cleared the output; run again to keep it
        assertEquals(0, cli.run("schema"));
        assertEquals(Files.readString(COMMITTED), cli.out(), "gan-examples/experiment.schema.json is stale: "
                + "regenerate it with ./gan schema --out gan-examples/experiment.schema.json");
    }

    @Test
    void outWritesTheSameToAFile(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("experiment.schema.json");
        Files.writeString(file, "old");
        cli.assertOk(cli.run("schema", "--out", file.toString()));
        assertEquals(Files.readString(COMMITTED), Files.readString(file));
        Path nowhere = dir.resolve("no/such/dir/s.json");
        cli.assertUserError(cli.run("schema", "--out", nowhere.toString()), "schema",
                "--out " + nowhere + ": no such folder " + nowhere.getParent());
        assertEquals(0, cli.run("schema", "--help"));
        assertTrue(cli.out().startsWith("Usage: gan schema"), cli.out());
    }

    @Test
    void everyExampleExperimentNamesTheSchemaAndConformsToIt() throws IOException {
        SchemaCheck check = committed();
        List<Path> examples = examples();
        assertTrue(examples.size() >= 5, examples::toString);
        for (Path example : examples) {
            JsonNode experiment = JSON.readTree(example.toFile());
            assertEquals(ExperimentSchema.SCHEMA_FIELD, experiment.fieldNames().next(), example + ": first field");
            Path named = example.getParent().resolve(experiment.get(ExperimentSchema.SCHEMA_FIELD).asText());
            assertTrue(Files.isSameFile(COMMITTED, named), example + " names " + named);
            assertEquals(List.of(), check.errors(experiment), example.toString());
        }
    }

    /**
     * Mistakes the loader rejects, the schema rejects too, at the same field: so the check above
     * can fail, and the schema does not promise what the loader refuses.
     */
    @Test
    void mistakesFailTheSchemaAsTheyFailTheLoader() throws IOException {
        SchemaCheck check = committed();
        ObjectNode mlp = (ObjectNode) JSON.readTree(TestData.experiment("mlp-gan.json").toFile());
        rejected(check, mlp, e -> ((ObjectNode) e.at("/generator/0")).set("unit",
                ((ObjectNode) e.at("/generator/0")).remove("units")), "$.generator[0].unit: not allowed here");
        rejected(check, mlp, e -> ((ObjectNode) e.at("/generator/0")).remove("units"),
                "$.generator[0]: missing required 'units'");
        rejected(check, mlp, e -> ((ObjectNode) e.at("/generator/0")).put("type", "dens"), "$.generator[0]: "
                + "matches 0 of the oneOf branches");
        rejected(check, mlp, e -> ((ObjectNode) e.get("training")).put("batchSize", "64"),
                "$.training.batchSize: expected \"integer\", got STRING");
        rejected(check, mlp, e -> ((ObjectNode) e.get("training")).put("batchSize", 64.5),
                "$.training.batchSize: expected \"integer\"");
        rejected(check, mlp, e -> ((ObjectNode) e).remove("noise"), "$: missing required 'noise'");
        rejected(check, mlp, e -> ((ObjectNode) e).set("sed", ((ObjectNode) e).remove("seed")),
                "$.sed: not allowed here");
        rejected(check, mlp, e -> ((ObjectNode) e.get("data")).put("transform", "symetric"),
                "$.data.transform: \"symetric\" is not one of");
        rejected(check, mlp, e -> ((ObjectNode) e.at("/optimizers/generator")).putObject("schedule")
                .put("type", "linear-decay"), "missing required 'end'");
        rejected(check, mlp, e -> ((ObjectNode) e).put(ExperimentSchema.SCHEMA_FIELD, 3),
                "$.$schema: expected \"string\"");
        // and what the loader accepts, the schema accepts: nulls for optional fields, a schedule
        ObjectNode lenient = mlp.deepCopy();
        lenient.putNull("output");
        lenient.putNull("backend");
        ((ObjectNode) lenient.at("/generator/0")).putNull("init");
        ((ObjectNode) lenient.at("/optimizers/generator")).putObject("schedule").put("type", "step").put("every", 100)
                .put("factor", 0.5);
        assertEquals(List.of(), check.errors(lenient));
        ExperimentLoader.create().parse(lenient.toString(), "lenient.json", List.of());
    }

    private static void rejected(SchemaCheck check, ObjectNode valid, Consumer<JsonNode> mistake, String expected) {
        ObjectNode experiment = valid.deepCopy();
        mistake.accept(experiment);
        List<String> errors = check.errors(experiment);
        assertTrue(errors.stream().anyMatch(e -> e.contains(expected)), () -> "expected '" + expected + "' in "
                + errors);
        assertThrows(ExperimentException.class, () -> ExperimentLoader.create().parse(experiment.toString(),
                "mistake.json", List.of()), "the loader rejects it too: " + experiment);
    }

    @Test
    void theCheckerRefusesKeywordsItDoesNotKnow() {
        ObjectNode schema = JSON.createObjectNode().put("type", "integer").put("minimum", 0);
        assertThrows(IllegalArgumentException.class, () -> new SchemaCheck(schema).errors(JSON.getNodeFactory()
                .numberNode(1)));
        assertFalse(new SchemaCheck(JSON.createObjectNode().put("type", "integer"))
                .errors(JSON.getNodeFactory().numberNode(1.5)).isEmpty());
    }
}
