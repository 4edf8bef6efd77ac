package dev.gan4j.core.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.gan4j.core.run.RunReportBrowserTest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code sweep.html} in a real headless browser (Debian's {@code chromium}), as the run report
 * is checked: the script ran, every image loaded, every trial link leads to a report that exists,
 * and each searched path has its scatter plot with a point per scored trial. Skipped only on a
 * developer machine without chromium; in CI ({@code CI} set) a missing browser fails the test.
 */
class SweepReportBrowserTest {

    @TempDir
    Path tmp;

    @Test
    void theSweepPageShowsItsPlotsGridsAndLinksInAHeadlessBrowser() throws Exception {
        Optional<Path> browser = RunReportBrowserTest.chromium();
        if (browser.isEmpty()) {
            assertTrue(System.getenv("CI") == null, "CI is set but chromium is not installed: apt-get install -y "
                    + "chromium");
            assumeTrue(false, "chromium is not installed (apt-get install -y chromium)");
        }
        Path dir = tmp.resolve("s");
        SweepConfig config = SweepFixtures.parse(SweepFixtures.grid(), "space={\"optimizers.generator.learningRate\": "
                + "[0.001, 0.01, 0.03, 0.1], \"training.batchSize\": [8, 16]}");
        Sweep.create(dir, config).run(new InProcessExecutor(new ArraySetup()), new SweepListener() { });

        List<String> command = List.of(browser.get().toString(), "--headless", "--no-sandbox", "--disable-gpu",
                "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
                "--user-data-dir=" + tmp.resolve("profile"), "--window-size=1200,1600", "--virtual-time-budget=10000",
                "--dump-dom", dir.resolve(Sweep.REPORT).toUri().toString());
        Path stdout = tmp.resolve("dom.html");
        Process p = new ProcessBuilder(command).redirectOutput(stdout.toFile())
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "chromium did not finish within 120 s");
        assertEquals(0, p.exitValue());
        String dom = Files.readString(stdout, StandardCharsets.UTF_8);

        assertTrue(dom.contains("data-ready=\"yes\""), "the page's load handler did not run:\n" + dom);
        assertFalse(dom.contains("<span class=\"missing\">"), "an image failed to load:\n" + dom);
        Matcher img = Pattern.compile("<img [^>]*data-width=\"(\\d+)\"").matcher(dom);
        int images = 0;
        while (img.find()) {
            assertTrue(Integer.parseInt(img.group(1)) > 0, img.group());
            images++;
        }
        assertEquals(SweepReport.GRIDS, images, "the best trials' sample grids");
        Matcher link = Pattern.compile("href=\"(trials/[^\"]+)\"").matcher(dom);
        List<String> links = new ArrayList<>();
        while (link.find()) {
            links.add(link.group(1));
            assertTrue(Files.isRegularFile(dir.resolve(link.group(1))), link.group(1));
        }
        assertTrue(links.containsAll(config.plan().stream().map(t -> "trials/" + t.id() + "/report.html").toList()),
                links.toString());
        assertEquals(2, count(dom, "<svg class=\"scatter\""), "one plot per searched path");
        assertEquals(2 * 8, count(dom, "<circle "), "a point per trial scored at rung 0, in each plot");
    }

    private static int count(String text, String part) {
        int n = 0;
        for (int i = text.indexOf(part); i >= 0; i = text.indexOf(part, i + 1)) {
            n++;
        }
        return n;
    }
}
