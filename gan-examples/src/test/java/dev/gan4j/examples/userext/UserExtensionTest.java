package dev.gan4j.examples.userext;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gan4j.core.GanExperiment;
import dev.gan4j.core.config.ExperimentConfig;
import dev.gan4j.core.config.ExperimentException;
import dev.gan4j.core.config.ExperimentLoader;
import dev.gan4j.core.train.IterationStats;
import dev.gan4j.examples.GanCli;
import dev.gan4j.examples.TestData;
import dev.gan4j.mnist.DataEnvironment;
import dev.gan4j.mnist.ExperimentData;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A user's optimiser ({@link Adagrad}) and loss ({@link TargetedLeastSquares}), outside gan4j's
 * packages, registered through {@code META-INF/services} and trained from JSON like built-in ones.
 *
 * <p>The service files are in {@code userext/} of the test resources, which this test puts on the
 * context class loader as the root of a plugin jar would be: the rest of the module's tests keep
 * seeing only gan4j's own types.
 */
class UserExtensionTest {

    @TempDir
    Path tmp;

    private ClassLoader previous;
    private URLClassLoader plugin;

    @BeforeEach
    void addThePluginToTheClasspath() {
        URL root = UserExtensionTest.class.getClassLoader().getResource("userext/");
        plugin = new URLClassLoader(new URL[] {root}, UserExtensionTest.class.getClassLoader());
        previous = Thread.currentThread().getContextClassLoader();
        Thread.currentThread().setContextClassLoader(plugin);
    }

    @AfterEach
    void removeIt() throws Exception {
        Thread.currentThread().setContextClassLoader(previous);
        plugin.close();
    }

    static String experiment(String loss) {
        return """
                {
                  "name": "user-types", "seed": 5,
                  "data": {"dataset": "mnist", "split": "test", "dir": "%s"},
                  "noise": {"dim": 10, "bank": 0},
                  "generator": [{"type": "dense", "units": 784}, {"type": "sigmoid"}],
                  "discriminator": [{"type": "dense", "units": 16}, {"type": "sigmoid"},
                                    {"type": "dense", "units": 1}, {"type": "sigmoid"}],
                  "loss": %s,
                  "optimizers": {
                    "discriminator": {"type": "adagrad", "learningRate": 0.05, "epsilon": 1e-8},
                    "generator": {"type": "adagrad", "learningRate": 0.05, "epsilon": 1e-8,
                                  "schedule": {"type": "exponential", "factor": 0.9}}
                  },
                  "training": {"iterations": 4, "samplesPerIteration": 100, "batchSize": 50, "mixBatches": true},
                  "output": {"sampleEvery": 2, "sampleCount": 4, "checkpointEvery": 2}
                }
                """.formatted(TestData.mnistDir().toString().replace("\\", "\\\\"), loss);
    }

    static final String TARGETS_OF_SQUARED_ERROR =
            "{\"type\": \"targeted-least-squares\", \"fakeTarget\": 0, \"realTarget\": 1, \"generatorTarget\": 1}";

    static List<IterationStats> train(String json, int iterations, Class<?> optimizer) {
        ExperimentConfig config = ExperimentLoader.create().parse(json, "user-types.json", List.of());
        DataEnvironment offline = DataEnvironment.system().withEnv(Map.of(DataEnvironment.OFFLINE, "1"))
                .withHome(Path.of("target/no-home").toAbsolutePath());
        List<IterationStats> stats = new ArrayList<>();
        try (GanExperiment gan = GanExperiment.create(config, ExperimentData.open(config.data(), offline))) {
            assertInstanceOf(optimizer, gan.trainer().discriminatorOptimizer());
            assertInstanceOf(optimizer, gan.trainer().generatorOptimizer());
            for (int i = 0; i < iterations; i++) {
                stats.add(gan.step());
            }
            assertEquals(0.05 * 0.9 * 0.9, gan.trainer().generatorOptimizer().learningRate(), 1e-15,
                    "gan4j's schedule drives the user's optimiser");
        }
        return stats;
    }

    /** The losses of each iteration, which differ whenever the loss computed differs. */
    static List<String> losses(List<IterationStats> stats) {
        return stats.stream().map(s -> s.dLoss() + " " + s.gLoss() + " " + s.dReal() + " " + s.dFake()).toList();
    }

    @Test
    void aUsersOptimiserAndLossTrainFromJson() {
        List<IterationStats> user = train(experiment(TARGETS_OF_SQUARED_ERROR), 3, Adagrad.class);
        for (IterationStats s : user) {
            assertTrue(Double.isFinite(s.dLoss()) && Double.isFinite(s.gLoss()), s::toString);
        }
        // the user's loss with LSGAN's 0/1/1 targets is gan4j's squared error, bit for bit ...
        assertEquals(losses(user), losses(train(experiment("{\"type\": \"squared-error\"}"), 3, Adagrad.class)));
        // ... and its targets are what the trainer uses: other targets, other numbers
        List<IterationStats> other = train(experiment("{\"type\": \"targeted-least-squares\", \"fakeTarget\": -1, "
                + "\"realTarget\": 1, \"generatorTarget\": 0}"), 3, Adagrad.class);
        assertNotEquals(losses(user).get(0), losses(other).get(0));
    }

    @Test
    void aUsersTypesAreBoundAsStrictlyAsGan4jsOwn() {
        ExperimentLoader loader = ExperimentLoader.create();
        ExperimentException e = assertThrows(ExperimentException.class, () -> loader.parse(
                experiment(TARGETS_OF_SQUARED_ERROR), "user-types.json",
                List.of("optimizers.discriminator={\"type\": \"adagrad\", \"learningRate\": 0.1, \"epsilon\": 1e-8, "
                        + "\"epsillon\": 1}")));
        assertEquals("$.optimizers.discriminator.epsillon", e.path(), e.getMessage());
        assertTrue(e.getMessage().contains("unknown field 'epsillon'; did you mean 'epsilon'?; expected one of: "
                + "epsilon, learningRate, schedule"), e.getMessage());
        e = assertThrows(ExperimentException.class, () -> loader.parse(experiment(TARGETS_OF_SQUARED_ERROR),
                "user-types.json", List.of("loss.realTarget=\"1\"")));
        assertEquals("$.loss.realTarget", e.path(), e.getMessage());
        assertTrue(e.getMessage().contains("expected a number, got \"1\""), e.getMessage());
        e = assertThrows(ExperimentException.class, () -> loader.parse(experiment(TARGETS_OF_SQUARED_ERROR),
                "user-types.json", List.of("loss.type=targeted-least-square")));
        assertTrue(e.getMessage().contains("unknown loss type 'targeted-least-square'; did you mean "
                + "'targeted-least-squares'?"), e.getMessage());
        e = assertThrows(ExperimentException.class, () -> loader.parse(experiment(TARGETS_OF_SQUARED_ERROR),
                "user-types.json", List.of("optimizers.generator.type=adagard")));
        assertTrue(e.getMessage().contains("did you mean 'adagrad'?; known optimizer types: adagrad, adam, rmsprop, sgd"),
                e.getMessage());
    }

    /** config.json round-trips the user's types, and --resume compares it with what it reads back. */
    @Test
    void aRunWithUserTypesResumesToTheSameNumbers() throws Exception {
        Path json = tmp.resolve("user-types.json");
        Files.writeString(json, experiment(TARGETS_OF_SQUARED_ERROR));
        assertEquals(0, gan("train", json.toString(), "--progress", "none", "--out", tmp.resolve("long").toString()));
        Path run = tmp.resolve("short");
        assertEquals(0, gan("train", json.toString(), "--set", "training.iterations=2", "--progress", "none", "--out",
                run.toString()));
        JsonNode written = new ObjectMapper().readTree(run.resolve("config.json").toFile());
        assertEquals("adagrad", written.at("/optimizers/discriminator/type").asText());
        assertEquals("exponential", written.at("/optimizers/generator/schedule/type").asText());
        assertEquals("targeted-least-squares", written.at("/loss/type").asText());
        assertEquals(0, gan("train", "--resume", run.toString(), "--set", "training.iterations=4", "--progress",
                "none"));
        assertEquals(withoutSeconds(tmp.resolve("long")), withoutSeconds(run));
    }

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int gan(String... args) {
        DataEnvironment offline = DataEnvironment.system().withEnv(Map.of(DataEnvironment.OFFLINE, "1"))
                .withHome(Path.of("target/no-home").toAbsolutePath());
        int code = new GanCli(new PrintWriter(out), new PrintWriter(err), offline).execute(args);
        assertEquals("", err.toString(), err::toString);
        return code;
    }

    private static List<String> withoutSeconds(Path run) throws Exception {
        return Files.readAllLines(run.resolve("metrics.jsonl")).stream()
                .map(l -> l.replaceAll(",\"seconds\":[^,}]*", "")).toList();
    }
}
