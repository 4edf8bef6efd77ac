package dev.gan4j.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gan4j.core.config.ExperimentConfig;
import dev.gan4j.core.config.ExperimentLoader;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class QuickStartTest {

    @Test
    void trainsAndWritesAGridOfSixteenDigits(@TempDir Path tmp) throws Exception {
        Path png = tmp.resolve("quick.png");
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        QuickStart.run(TestData.tutorial(), List.of("data.split=test", "training.iterations=10", "training.samplesPerIteration=200",
                "data.dir=" + TestData.mnistDir()), png, new PrintStream(log, true, StandardCharsets.UTF_8));
        BufferedImage image = ImageIO.read(png.toFile());
        assertEquals(4 * 29 + 1, image.getWidth());
        assertEquals(4 * 29 + 1, image.getHeight());
        assertTrue(log.toString(StandardCharsets.UTF_8).startsWith("iteration 10: d_loss "), log::toString);
    }

    @Test
    void theTutorialBuiltInCodeIsTheTutorialFile() {
        ExperimentConfig file = ExperimentLoader.create().load(TestData.tutorial());
        ExperimentConfig code = QuickStart.tutorial();
        assertEquals(file, new ExperimentConfig(code.name(), file.description(), code.seed(), code.backend(),
                code.data(), code.noise(), code.conditioning(), code.generator(), code.discriminator(), code.loss(),
                code.optimizers(), code.training(), code.output()));
    }

    @Test
    void everyExampleExperimentIsValid() throws Exception {
        ExperimentLoader loader = ExperimentLoader.create();
        try (Stream<Path> files = Files.list(Path.of("experiments"))) {
            List<Path> experiments = files.filter(p -> p.toString().endsWith(".json")).toList();
            assertTrue(experiments.size() >= 1);
            for (Path p : experiments) {
                ExperimentConfig c = loader.load(p);
                assertEquals(c, loader.parse(loader.toJson(c), p.toString(), List.of()), p.toString());
            }
        }
    }
}
