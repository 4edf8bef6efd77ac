package dev.gan4j.examples;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gan4j.core.config.ExperimentConfig;
import dev.gan4j.core.config.ExperimentLoader;
import dev.gan4j.mnist.DataEnvironment;
import java.awt.image.BufferedImage;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The {@code gan} command line run in-process, on the tutorial experiment and the real MNIST test split. */
class GanCliTest {

    private final Path mnist = TestData.mnistDir();
    private final Path tutorial = TestData.tutorial();
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    /** Runs {@code gan args...} offline, with no data directory but those the arguments give. */
    private int gan(String... args) {
        DataEnvironment offline = DataEnvironment.system().withEnv(Map.of(DataEnvironment.OFFLINE, "1"))
                .withHome(Path.of("target/no-home").toAbsolutePath());
        return new GanCli(new PrintWriter(out), new PrintWriter(err), offline).execute(args);
    }

    private String[] train(Path runDir, int iterations, String... more) {
        List<String> args = new ArrayList<>(List.of("train", tutorial.toString(), "--set", "data.split=test",
                "--set", "training.iterations=" + iterations, "--set", "data.dir=" + mnist, "--set",
                "output.sampleEvery=2", "--out", runDir.toString()));
        args.addAll(List.of(more));
        return args.toArray(String[]::new);
    }

    @Test
    void trainsTheTutorialAndWritesTheRunDirectory(@TempDir Path tmp) throws Exception {
        Path run = tmp.resolve("run");
        String[] args = train(run, 5);
        assertEquals(0, gan(args), err::toString);
        assertTrue(out.toString().contains("Run written to " + run), out::toString);
        assertTrue(out.toString().contains("[100%] iteration 5/5"), out::toString);
        assertEquals("", err.toString());

        ExperimentLoader loader = ExperimentLoader.create();
        ExperimentConfig expected = loader.load(tutorial, List.of("data.split=test", "training.iterations=5",
                "data.dir=" + mnist, "output.sampleEvery=2", "backend=ejml"));
        assertEquals(expected, loader.load(run.resolve("config.json")));

        JsonNode provenance = new ObjectMapper().readTree(run.resolve("provenance.json").toFile());
        assertEquals("ejml", provenance.at("/backend/name").asText());
        assertEquals(1, provenance.get("seed").asLong());
        assertEquals("mnist/test", provenance.at("/dataset/name").asText(), provenance::toString);
        assertEquals(10_000, provenance.at("/dataset/size").asInt());
        assertEquals(dev.gan4j.core.platform.CpuInfo.current().vectorClass(), provenance.at("/cpu/vectorClass").asText(),
                provenance::toString);
        assertTrue(provenance.at("/cpu/vectorExtensions").isArray(), provenance::toString);
        List<String> hashes = new ArrayList<>();
        provenance.at("/dataset/files").forEach(f -> hashes.add(f.get("sha256").asText()));
        assertTrue(hashes.contains(sha256(mnist.resolve(TestData.IMAGES))), provenance::toString);
        assertTrue(hashes.contains(sha256(mnist.resolve(TestData.LABELS))), provenance::toString);
        List<String> commandLine = new ArrayList<>();
        provenance.get("commandLine").forEach(a -> commandLine.add(a.asText()));
        assertEquals("gan", commandLine.get(0));
        assertEquals(List.of(args), commandLine.subList(1, commandLine.size()));

        List<String> lines = Files.readAllLines(run.resolve("metrics.jsonl"));
        assertEquals(5, lines.size());
        for (int i = 0; i < 5; i++) {
            JsonNode m = new ObjectMapper().readTree(lines.get(i));
            assertEquals(i + 1, m.get("iteration").asInt());
            for (String key : List.of("d_loss", "g_loss", "d_real", "d_fake", "seconds")) {
                assertTrue(m.get(key).isNumber() && Double.isFinite(m.get(key).asDouble()), key + ": " + lines.get(i));
            }
        }

        // 100 samples of 28 × 28: a 10 × 10 grid with 1-pixel separators
        for (String png : List.of("samples/iter-000002.png", "samples/iter-000004.png", "final.png")) {
            BufferedImage image = ImageIO.read(run.resolve(png).toFile());
            assertEquals(10 * 29 + 1, image.getWidth(), png);
            assertEquals(10 * 29 + 1, image.getHeight(), png);
        }
    }

    @Test
    void trainsFashionMlpGanFromTheSystemPackageWithNoDataSettings(@TempDir Path tmp) throws Exception {
        TestData.assumeSystemFashionMnist();
        Path experiment = TestData.experiment("fashion-mlp-gan.json");
        JsonNode data = new ObjectMapper().readTree(experiment.toFile()).get("data");
        assertEquals(List.of("dataset", "split", "transform"), names(data), "no data settings beyond these");
        Path run = tmp.resolve("run");
        List<String> overrides = List.of("training.iterations=3", "output.sampleEvery=2");
        assertEquals(0, gan("train", experiment.toString(), "--set", overrides.get(0), "--set", overrides.get(1),
                "--out", run.toString()), err::toString);
        assertEquals("", err.toString());
        assertTrue(out.toString().startsWith("Training fashion-mlp-gan on ejml "), out::toString);
        assertTrue(out.toString().contains("fashion-mnist/train (60,000 samples), G 100→784 (1,486,352 parameters), "
                + "D 784→1 (533,505 parameters), 3 iterations"), out::toString);

        ExperimentLoader loader = ExperimentLoader.create();
        List<String> resolved = new ArrayList<>(overrides);
        resolved.add("backend=ejml");
        assertEquals(loader.load(experiment, resolved), loader.load(run.resolve("config.json")));

        JsonNode dataset = new ObjectMapper().readTree(run.resolve("provenance.json").toFile()).get("dataset");
        assertEquals("fashion-mnist/train", dataset.get("name").asText());
        assertEquals(60_000, dataset.get("size").asInt());
        List<String> classes = new ArrayList<>();
        dataset.get("classNames").forEach(c -> classes.add(c.asText()));
        assertEquals(List.of("T-shirt/top", "Trouser", "Pullover", "Dress", "Coat", "Sandal", "Shirt", "Sneaker",
                "Bag", "Ankle boot"), classes);
        assertEquals(2, dataset.get("files").size());
        for (JsonNode f : dataset.get("files")) {
            Path file = Path.of(f.get("path").asText());
            assertEquals(TestData.DEBIAN_FASHION_MNIST, file.getParent(), f::toString);
            assertEquals("system package", f.get("origin").asText());
            assertEquals(sha256(file), f.get("sha256").asText());
        }

        List<String> lines = Files.readAllLines(run.resolve("metrics.jsonl"));
        assertEquals(3, lines.size());
        for (String line : lines) {
            JsonNode m = new ObjectMapper().readTree(line);
            for (String key : List.of("d_loss", "g_loss", "d_real", "d_fake")) {
                assertTrue(Double.isFinite(m.get(key).asDouble()), key + ": " + line);
            }
        }
        for (String png : List.of("samples/iter-000002.png", "final.png")) {
            BufferedImage image = ImageIO.read(run.resolve(png).toFile());
            assertEquals(10 * 29 + 1, image.getWidth(), png);
            assertEquals(10 * 29 + 1, image.getHeight(), png);
        }
    }

    private static List<String> names(JsonNode object) {
        List<String> names = new ArrayList<>();
        object.fieldNames().forEachRemaining(names::add);
        return names;
    }

    @Test
    void trainsAConditionalGanOnAFolderOfPngs(@TempDir Path tmp) throws Exception {
        // two classes of 6 × 6 images, in sub-folders named after them
        Path folder = tmp.resolve("pngs");
        for (String cls : List.of("shoe", "bag")) {
            Files.createDirectories(folder.resolve(cls));
            for (int i = 0; i < 4; i++) {
                BufferedImage image = new BufferedImage(6, 6, BufferedImage.TYPE_BYTE_GRAY);
                image.getRaster().setSample(i, cls.equals("bag") ? 1 : 4, 0, 255);
                ImageIO.write(image, "png", folder.resolve(cls + "/" + i + ".png").toFile());
            }
        }
        Path run = tmp.resolve("run");
        assertEquals(0, gan("train", tutorial.toString(), "--set", "data.dataset=images", "--set", "data.dir=" + folder,
                "--set", "data.transform=unit", "--set", "conditioning=one-hot", "--set", "generator[0].units=36",
                "--set", "noise.bank=0", "--set", "training.samplesPerIteration=8", "--set", "training.batchSize=4",
                "--set", "training.iterations=2", "--set", "output.sampleEvery=0", "--set", "output.sampleCount=4",
                "--out", run.toString()), err::toString);
        assertTrue(out.toString().contains("images/train (8 samples)"), out::toString);
        assertTrue(out.toString().contains("rows, top to bottom: bag, shoe"), out::toString);
        JsonNode dataset = new ObjectMapper().readTree(run.resolve("provenance.json").toFile()).get("dataset");
        assertEquals("[\"bag\",\"shoe\"]", dataset.get("classNames").toString());
        assertEquals(folder.toString(), dataset.at("/files/0/path").asText());
        // 4 samples, 2 classes: one row of 2 per class
        BufferedImage grid = ImageIO.read(run.resolve("final.png").toFile());
        assertEquals(2 * 7 + 1, grid.getWidth());
        assertEquals(2 * 7 + 1, grid.getHeight());

        assertUserError(gan("validate", tutorial.toString(), "--set", "data.dataset=images"),
                "$.data.dir", "dir must name a folder of PNG files");
    }

    @Test
    void sameSeedGivesTheSameMetricsExceptSeconds(@TempDir Path tmp) throws Exception {
        // smaller iterations than the tutorial's keep this quick; the property does not depend on size
        String[] smaller = {"--set", "training.samplesPerIteration=200"};
        assertEquals(0, gan(train(tmp.resolve("a"), 3, smaller)), err::toString);
        assertEquals(0, gan(train(tmp.resolve("b"), 3, smaller)), err::toString);
        assertEquals(0, gan(train(tmp.resolve("c"), 3, "--set", "seed=2", "--set", "training.samplesPerIteration=200")),
                err::toString);
        List<String> a = withoutSeconds(tmp.resolve("a"));
        assertEquals(3, a.size());
        assertEquals(a, withoutSeconds(tmp.resolve("b")));
        assertFalse(a.equals(withoutSeconds(tmp.resolve("c"))), "another seed, other numbers");
        assertArrayEquals(Files.readAllBytes(tmp.resolve("a/final.png")), Files.readAllBytes(tmp.resolve("b/final.png")));
    }

    private static List<String> withoutSeconds(Path run) throws Exception {
        return Files.readAllLines(run.resolve("metrics.jsonl")).stream()
                .map(l -> l.replaceAll(",\"seconds\":[^,}]*", "")).toList();
    }

    @Test
    void backendsListsEjml() {
        assertEquals(0, gan("backends"), err::toString);
        String listing = out.toString();
        assertTrue(listing.lines().anyMatch(l -> l.startsWith("ejml ") && l.contains("available")
                && l.contains("(default)")), listing);
    }

    @Test
    void backendsAsJsonForScripts() throws Exception {
        assertEquals(0, gan("backends", "--json"), err::toString);
        JsonNode list = new ObjectMapper().readTree(out.toString());
        assertTrue(list.isArray(), out::toString);
        JsonNode ejml = null;
        for (JsonNode b : list) {
            if (b.path("name").asText().equals("ejml")) {
                ejml = b;
            }
        }
        assertNotNull(ejml, out::toString);
        assertTrue(ejml.path("available").asBoolean(), out::toString);
        assertTrue(ejml.path("default").asBoolean(), out::toString);
        assertEquals(100, ejml.path("priority").asInt(), out::toString);
    }

    @ParameterizedTest
    @ValueSource(strings = {"train", "validate", "runs", "generate", "evaluate", "backends", "bench", "schema",
        "sweep"})
    void everySubcommandTakesHelpAndVersion(String command) {
        assertEquals(0, gan(command, "--help"), err::toString);
        assertTrue(out.toString().startsWith("Usage: gan " + command), out::toString);
        assertEquals("", err.toString());
        out.getBuffer().setLength(0);
        assertEquals(0, gan(command, "-h"), err::toString);
        assertTrue(out.toString().startsWith("Usage: gan " + command), out::toString);
        out.getBuffer().setLength(0);
        assertEquals(0, gan(command, "--version"), err::toString);
        assertTrue(out.toString().startsWith("gan4j "), out::toString);
    }

    @Test
    void runsOnADirectoryThatDoesNotExistYetListsNothing(@TempDir Path tmp) throws Exception {
        assertEquals(0, gan("runs", tmp.resolve("none").toString()), err::toString);
        assertTrue(out.toString().startsWith("No runs in "), out::toString);
        out.getBuffer().setLength(0);
        assertEquals(0, gan("runs", tmp.resolve("none").toString(), "--json"), err::toString);
        assertEquals(0, new ObjectMapper().readTree(out.toString()).size(), out::toString);
        Path file = Files.writeString(tmp.resolve("file"), "x");
        assertUserError(gan("runs", file.toString()), file + " is not a directory of runs");
    }

    @Test
    void backendOptionsReachTheBackendAndItsProvenance(@TempDir Path tmp) throws Exception {
        Path run = tmp.resolve("run");
        List<String> args = new ArrayList<>(List.of(train(run, 2)));
        args.addAll(List.of("--backend", "ejml", "-o", "gemm=ejml"));
        assertEquals(0, gan(args.toArray(String[]::new)), err::toString);
        JsonNode settings = new ObjectMapper().readTree(run.resolve("provenance.json").toFile()).path("backend")
                .path("settings");
        assertEquals("ejml", settings.path("gemm").asText(), settings.toString());

        assertUserError(gan("validate", tutorial.toString(), "--backend", "ejml", "--backend-option", "colour=blue",
                "--set", "data.split=test", "--set", "data.dir=" + mnist), "backend 'ejml' cannot start", "colour");
        assertUserError(gan("validate", tutorial.toString(), "-o", "threads"),
                "--backend-option must be KEY=VALUE, got 'threads'");
    }

    @Test
    void validateChecksWithoutTraining(@TempDir Path tmp) throws Exception {
        assertEquals(0, gan("validate", tutorial.toString(), "--set", "data.split=test", "--set", "data.dir=" + mnist),
                err::toString);
        assertTrue(out.toString().contains("OK: experiment 'seed-tutorial' on ejml: mnist/test (10,000 samples), "
                + "G 100→784 (79,184 parameters), D 784→1 (78,601 parameters), 1,500 iterations"), out::toString);

        Path bad = tmp.resolve("bad.json");
        Files.writeString(bad, Files.readString(tutorial).replace("\"batchSize\": 100", "\"batchSize\": \"100\""));
        assertUserError(gan("validate", bad.toString()), bad + ":", "$.training.batchSize: expected an integer");

        assertUserError(gan("validate", tutorial.toString(), "--set", "training.iters=3"),
                "--set training.iters=3: $.training.iters: unknown field 'iters'");
        assertUserError(gan("validate", tutorial.toString(), "--set", "generator[0].units=100", "--set",
                "data.split=test", "--set", "data.dir=" + mnist), "$.generator: no layer changes the size", "784");
    }

    @Test
    void userErrorsAreOneMessageAndExitCodeTwo(@TempDir Path tmp) throws Exception {
        assertUserError(gan("train", tmp.resolve("missing.json").toString()), "missing.json: no such file");
        assertUserError(gan("train", tutorial.toString(), "--backend", "nope"), "unknown backend 'nope'", "ejml");
        assertUserError(gan("validate", tutorial.toString(), "--set", "data.split=test", "--set",
                "data.dir=" + tmp.resolve("empty")), "mnist");
        Path run = tmp.resolve("run");
        Files.createDirectories(run);
        Files.writeString(run.resolve("metrics.jsonl"), "");
        assertUserError(gan(train(run, 1)), "holds metrics.jsonl, which a run would overwrite");
        assertEquals(2, gan("train"), "missing parameter is a usage error");
        assertEquals(2, gan("frobnicate"));
    }

    @Test
    void verboseShowsTheStackTrace(@TempDir Path tmp) {
        assertEquals(2, gan("train", tmp.resolve("missing.json").toString(), "--verbose"));
        assertTrue(err.toString().contains("\tat dev.gan4j."), err::toString);
        err.getBuffer().setLength(0);
        assertEquals(2, gan("validate", tmp.resolve("missing.json").toString(), "-v"));
        assertTrue(err.toString().contains("\tat dev.gan4j."), err::toString);
    }

    private void assertUserError(int code, String... parts) {
        String e = err.toString();
        assertEquals(2, code, e);
        for (String part : parts) {
            assertTrue(e.contains(part), () -> "expected '" + part + "' in: " + e);
        }
        assertFalse(e.contains("\tat "), "no stack trace without --verbose: " + e);
        assertFalse(e.contains("internal error"), e);
        err.getBuffer().setLength(0);
    }

    private static String sha256(Path file) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
    }
}
