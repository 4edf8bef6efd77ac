package dev.gan4j.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gan4j.core.plugin.PluginJar;
import dev.gan4j.mnist.DataEnvironment;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A plugin jar built as a user would (a loss type compiled against gan-api, registered in its
 * {@code META-INF/services}), used by the {@code gan} command through {@code --plugin} and
 * {@code GAN4J_PLUGINS}, listed by {@code gan types}, recorded in a run's provenance, and named
 * when a run that used it is sampled without it.
 */
class PluginCliTest {

    private static final String SOURCE = """
            package example.plugin;

            import dev.gan4j.api.GanLoss;
            import dev.gan4j.api.LossConfig;
            import dev.gan4j.api.LossType;

            public final class HalfSquaredError implements LossType<HalfSquaredError.Config> {
                public record Config() implements LossConfig { }

                public String name() { return "half-squared-error"; }

                public Class<Config> configClass() { return Config.class; }

                public GanLoss create(Config config) {
                    return new GanLoss() {
                        public double discriminator(float[] out, float[] target, int n, float[] grad) {
                            double sum = 0;
                            for (int i = 0; i < n; i++) {
                                double d = out[i] - target[i];
                                sum += 0.5 * d * d;
                                grad[i] = (float) (d / n);
                            }
                            return sum / n;
                        }

                        public double generator(float[] out, int n, float[] grad) {
                            double sum = 0;
                            for (int i = 0; i < n; i++) {
                                double d = out[i] - 1;
                                sum += 0.5 * d * d;
                                grad[i] = (float) (d / n);
                            }
                            return sum / n;
                        }

                        public double score(float output) { return output; }
                    };
                }
            }
            """;

    /** A loss whose code fails during training, as a buggy plugin's would. */
    private static final String EXPLODING = """
            package example.plugin;

            import dev.gan4j.api.GanLoss;
            import dev.gan4j.api.LossConfig;
            import dev.gan4j.api.LossType;

            public final class Exploding implements LossType<Exploding.Config> {
                public record Config() implements LossConfig { }

                public String name() { return "exploding"; }

                public Class<Config> configClass() { return Config.class; }

                public GanLoss create(Config config) {
                    return new GanLoss() {
                        public double discriminator(float[] out, float[] target, int n, float[] grad) {
                            throw new IllegalStateException("the plugin's own bug");
                        }

                        public double generator(float[] out, int n, float[] grad) { return 0; }

                        public double score(float output) { return output; }
                    };
                }
            }
            """;

    @TempDir
    static Path shared;

    private static Path jar;

    @TempDir
    Path tmp;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    @BeforeAll
    static void buildThePlugin() throws IOException {
        Path src = Files.createDirectories(shared.resolve("src/example/plugin"));
        Files.writeString(src.resolve("HalfSquaredError.java"), SOURCE);
        Files.writeString(src.resolve("Exploding.java"), EXPLODING);
        Path classes = Files.createDirectories(shared.resolve("classes"));
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        int code = javac.run(null, null, null, "-d", classes.toString(), "-cp", System.getProperty("java.class.path"),
                src.resolve("HalfSquaredError.java").toString(), src.resolve("Exploding.java").toString());
        assertEquals(0, code, "the plugin source must compile");
        jar = shared.resolve("half-squared-error.jar");
        try (OutputStream file = Files.newOutputStream(jar); JarOutputStream j = new JarOutputStream(file)) {
            for (String name : List.of("HalfSquaredError.class", "HalfSquaredError$Config.class",
                    "HalfSquaredError$1.class", "Exploding.class", "Exploding$Config.class", "Exploding$1.class")) {
                j.putNextEntry(new JarEntry("example/plugin/" + name));
                j.write(Files.readAllBytes(classes.resolve("example/plugin").resolve(name)));
                j.closeEntry();
            }
            j.putNextEntry(new JarEntry("META-INF/services/dev.gan4j.api.LossType"));
            j.write("example.plugin.HalfSquaredError\nexample.plugin.Exploding\n".getBytes(StandardCharsets.UTF_8));
            j.closeEntry();
        }
    }

    private int gan(DataEnvironment env, String... args) {
        out.getBuffer().setLength(0);
        err.getBuffer().setLength(0);
        return new GanCli(new PrintWriter(out), new PrintWriter(err), env).execute(args);
    }

    private static DataEnvironment offline() {
        return DataEnvironment.system().withEnv(Map.of(DataEnvironment.OFFLINE, "1"))
                .withHome(Path.of("target/no-home").toAbsolutePath());
    }

    private List<String> validate(String... more) {
        List<String> args = new ArrayList<>(List.of("validate", TestData.tutorial().toString(), "--set",
                "data.split=test", "--set", "data.dir=" + TestData.mnistDir(), "--set",
                "loss={\"type\": \"half-squared-error\"}"));
        args.addAll(List.of(more));
        return args;
    }

    @Test
    void aPluginsLossIsUnknownWithoutTheJarAndWorksWithIt() {
        assertEquals(2, gan(offline(), validate().toArray(String[]::new)));
        assertTrue(err.toString().contains("unknown loss type 'half-squared-error'"), err::toString);

        assertEquals(0, gan(offline(), validate("--plugin", jar.toString()).toArray(String[]::new)), err::toString);
        assertEquals(0, gan(offline().withVariable(Plugins.ENV, jar.toString()), validate().toArray(String[]::new)),
                err::toString);
        // a folder of jars works as well
        assertEquals(0, gan(offline(), validate("--plugin", jar.getParent().toString()).toArray(String[]::new)),
                err::toString);
    }

    @Test
    void anExceptionFromAPluginDuringTrainingIsThePluginsError() {
        List<String> train = List.of("train", TestData.tutorial().toString(), "--set", "data.split=test", "--set",
                "data.dir=" + TestData.mnistDir(), "--set", "loss={\"type\": \"exploding\"}", "--set",
                "training.iterations=2", "--set", "training.samplesPerIteration=200", "--progress", "none", "--out",
                tmp.resolve("run").toString(), "--plugin", jar.toString());
        assertEquals(2, gan(offline(), train.toArray(String[]::new)), err::toString);
        assertTrue(err.toString().contains("gan train: plugin error: example.plugin.Exploding$1.discriminator "
                + "(plugin half-squared-error.jar) threw java.lang.IllegalStateException: the plugin's own bug"),
                err::toString);
        assertTrue(!err.toString().contains("internal error") && !err.toString().contains("\tat "), err::toString);
    }

    @Test
    void aMissingPluginPathIsAUserError() {
        Path nope = tmp.resolve("nope.jar");
        assertEquals(2, gan(offline(), validate("--plugin", nope.toString()).toArray(String[]::new)));
        assertTrue(err.toString().contains("--plugin " + nope + ": no such file or folder"), err::toString);
    }

    @Test
    void theSchemaHasThePluginsTypes() throws IOException {
        assertEquals(0, gan(offline(), "schema"), err::toString);
        assertTrue(!out.toString().contains("\"half-squared-error\""), "not without the jar");
        assertEquals(0, gan(offline(), "schema", "--plugin", jar.toString()), err::toString);
        List<String> losses = new ArrayList<>();
        new ObjectMapper().readTree(out.toString()).at("/$defs/loss/oneOf")
                .forEach(b -> losses.add(b.at("/properties/type/const").asText()));
        assertTrue(losses.contains("half-squared-error") && losses.contains("bce"), losses::toString);
    }

    @Test
    void typesListsThePluginsTypesWithTheirJar() {
        assertEquals(0, gan(offline(), "types", "--plugin", jar.toString()), err::toString);
        assertTrue(out.toString().lines().anyMatch(l -> l.matches("loss\\s+half-squared-error\\s+plugin "
                + "half-squared-error\\.jar")), out::toString);
        assertTrue(out.toString().lines().anyMatch(l -> l.matches("layer\\s+dense\\s+gan4j")), out::toString);
        assertTrue(out.toString().lines().anyMatch(l -> l.matches("backend\\s+ejml\\s+gan4j")), out::toString);
    }

    @Test
    void aRunRecordsItsPluginsAndSamplingItWithoutThemNamesTheJar() throws Exception {
        Path run = tmp.resolve("run");
        List<String> train = new ArrayList<>(List.of("train", TestData.tutorial().toString(), "--set",
                "data.split=test", "--set", "data.dir=" + TestData.mnistDir(), "--set",
                "loss={\"type\": \"half-squared-error\"}", "--set", "training.iterations=2", "--set",
                "training.samplesPerIteration=200", "--progress", "none", "--out", run.toString(), "--plugin",
                jar.toString()));
        assertEquals(0, gan(offline(), train.toArray(String[]::new)), err::toString);
        JsonNode plugins = new ObjectMapper().readTree(run.resolve("provenance.json").toFile()).path("plugins");
        assertEquals(1, plugins.size(), plugins::toString);
        assertEquals("half-squared-error.jar", plugins.get(0).path("name").asText());
        assertEquals(PluginJar.of(jar).sha256(), plugins.get(0).path("sha256").asText());

        assertEquals(2, gan(offline(), "generate", run.toString(), "--out", tmp.resolve("x.png").toString()));
        assertTrue(err.toString().contains("this run was trained with plugin jar half-squared-error.jar (sha256 "
                + PluginJar.of(jar).sha256().substring(0, 12)), err::toString);
        assertEquals(0, gan(offline(), "generate", run.toString(), "--out", tmp.resolve("x.png").toString(),
                "--plugin", jar.toString()), err::toString);
    }
}
