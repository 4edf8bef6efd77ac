package dev.gan4j.core.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.gan4j.core.TestBackends;
import java.awt.image.BufferedImage;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code report.html} in a real headless browser (Debian's {@code chromium}): every image loads,
 * and the screenshot shows pictures where the page says they are. Skipped only on a developer
 * machine without chromium; in CI ({@code CI} set) a missing browser fails the test.
 */
public class RunReportBrowserTest {

    static final int WIDTH = 1200;
    static final int HEIGHT = 1600;

    @TempDir
    Path tmp;

    /** Debian's chromium (or chromium-browser) on the PATH, if any; the sweep page's test uses it too. */
    public static Optional<Path> chromium() {
        for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin").split(File.pathSeparator)) {
            for (String name : List.of("chromium", "chromium-browser")) {
                Path p = Path.of(dir, name);
                if (Files.isExecutable(p)) {
                    return Optional.of(p);
                }
            }
        }
        return Optional.empty();
    }

    /** Runs chromium headless on {@code page} with {@code extra} arguments; returns what it printed. */
    private String browse(Path browser, Path page, String... extra) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(browser.toString(), "--headless", "--no-sandbox",
                "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--no-first-run", "--hide-scrollbars", "--force-device-scale-factor=1",
                "--user-data-dir=" + tmp.resolve("profile-" + System.nanoTime()),
                "--window-size=" + WIDTH + "," + HEIGHT, "--virtual-time-budget=10000"));
        command.addAll(List.of(extra));
        command.add(page.toUri().toString());
        Path stdout = tmp.resolve("chromium-" + System.nanoTime() + ".out");
        Process p = new ProcessBuilder(command).redirectOutput(stdout.toFile())
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("chromium did not finish within 120 s: " + command);
        }
        assertEquals(0, p.exitValue(), "chromium exit code for " + command);
        return Files.readString(stdout, StandardCharsets.UTF_8);
    }

    @Test
    void theReportShowsItsImagesInAHeadlessBrowser() throws Exception {
        Optional<Path> browser = chromium();
        if (browser.isEmpty()) {
            assertTrue(System.getenv("CI") == null, "CI is set but chromium is not installed: apt-get install -y "
                    + "chromium");
            assumeTrue(false, "chromium is not installed (apt-get install -y chromium)");
        }
        Path run = tmp.resolve("run");
        RunFixtures.train(RunFixtures.config(RunFixtures.SMALL), TestBackends.any(), run, null);
        Path report = run.resolve(RunDirectory.REPORT);

        String dom = browse(browser.get(), report, "--dump-dom");
        assertTrue(dom.contains("data-ready=\"yes\""), "the page's load handler did not run:\n" + dom);
        assertFalse(dom.contains("<span class=\"missing\">"), "an image failed to load:\n" + dom);
        Matcher img = Pattern.compile("<img [^>]*src=\"([^\"]+)\"[^>]*>").matcher(dom);
        List<String> sources = new ArrayList<>();
        List<int[]> boxes = new ArrayList<>();
        while (img.find()) {
            String tag = img.group();
            sources.add(img.group(1));
            Matcher width = Pattern.compile("data-width=\"(\\d+)\"").matcher(tag);
            assertTrue(width.find() && Integer.parseInt(width.group(1)) > 0, "not decoded: " + tag);
            Matcher box = Pattern.compile("data-box=\"(-?\\d+),(-?\\d+),(\\d+),(\\d+)\"").matcher(tag);
            assertTrue(box.find(), tag);
            boxes.add(new int[] {Integer.parseInt(box.group(1)), Integer.parseInt(box.group(2)),
                Integer.parseInt(box.group(3)), Integer.parseInt(box.group(4))});
        }
        // the curves, the final grid and the grids of iterations 12, 9, 6 and 3
        assertEquals(List.of("curves.png", "final.png", "samples/iter-000012.png", "samples/iter-000009.png",
                "samples/iter-000006.png", "samples/iter-000003.png"), sources);

        Path shot = tmp.resolve("report.png");
        browse(browser.get(), report, "--screenshot=" + shot);
        BufferedImage screen = ImageIO.read(shot.toFile());
        assertEquals(WIDTH, screen.getWidth());
        assertEquals(HEIGHT, screen.getHeight());
        int checked = 0;
        for (int i = 0; i < boxes.size(); i++) {
            int[] b = boxes.get(i);
            if (b[1] + b[3] > HEIGHT) {
                continue; // below the fold: not in the screenshot
            }
            assertTrue(b[2] > 50 && b[3] > 50, sources.get(i) + " is drawn only " + b[2] + "×" + b[3]);
            double spread = LossCurvesTest.spread(screen, b[0] + 2, b[1] + 2, b[2] - 4, b[3] - 4);
            assertTrue(spread > 8, sources.get(i) + " looks blank in the screenshot (grey-level spread " + spread + ")");
            checked++;
        }
        assertTrue(checked >= 3, "only " + checked + " images were on screen");
        // and the page around them is mostly blank: the spread is the images', not noise everywhere
        assertTrue(LossCurvesTest.spread(screen, WIDTH - 20, HEIGHT - 200, 10, 150) < 1, "right margin is not blank");
    }
}
