package dev.gan4j.core.run;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LossCurvesTest {

    static MetricsHistory history(int n, boolean evaluated) {
        MetricsHistory h = new MetricsHistory();
        for (int i = 1; i <= n; i++) {
            h.add(i, 0.7 + 0.3 * Math.sin(i / 50.0), 1.2 - 0.5 * Math.exp(-i / 300.0), 0.6 + 0.2 * Math.cos(i / 40.0),
                    0.3 + 0.1 * Math.sin(i / 30.0));
            if (evaluated && i % 100 == 0) {
                h.addEvaluation(i, "frechetDistance", 200.0 / Math.sqrt(i));
                h.addEvaluation(i, "classifierScore", 1 + 8 * (1 - Math.exp(-i / 500.0)));
            }
        }
        return h;
    }

    /** Standard deviation of the grey level in a rectangle: 0 for a blank area. */
    static double spread(BufferedImage image, int x0, int y0, int w, int h) {
        double sum = 0;
        double sq = 0;
        int n = 0;
        for (int y = y0; y < y0 + h; y++) {
            for (int x = x0; x < x0 + w; x++) {
                int rgb = image.getRGB(x, y);
                double grey = ((rgb >> 16 & 255) + (rgb >> 8 & 255) + (rgb & 255)) / 3.0;
                sum += grey;
                sq += grey * grey;
                n++;
            }
        }
        double mean = sum / n;
        return Math.sqrt(Math.max(0, sq / n - mean * mean));
    }

    @Test
    void drawsLossAndScorePanelsAndOnePanelPerEvaluationFigure(@TempDir Path tmp) throws Exception {
        Path file = tmp.resolve("curves.png");
        LossCurves.write(history(2000, false), "run", file);
        BufferedImage plain = ImageIO.read(file.toFile());
        assertEquals(2 * LossCurves.PANEL_WIDTH, plain.getWidth());
        assertEquals(LossCurves.PANEL_HEIGHT, plain.getHeight());
        assertTrue(spread(plain, 0, 0, LossCurves.PANEL_WIDTH, LossCurves.PANEL_HEIGHT) > 10, "losses panel is blank");
        assertTrue(spread(plain, LossCurves.PANEL_WIDTH, 0, LossCurves.PANEL_WIDTH, LossCurves.PANEL_HEIGHT) > 10,
                "scores panel is blank");

        LossCurves.write(history(2000, true), "run", file);
        BufferedImage evaluated = ImageIO.read(file.toFile());
        assertEquals(2 * LossCurves.PANEL_HEIGHT, evaluated.getHeight());
        assertTrue(spread(evaluated, 0, LossCurves.PANEL_HEIGHT, LossCurves.PANEL_WIDTH, LossCurves.PANEL_HEIGHT) > 10);
        assertTrue(spread(evaluated, LossCurves.PANEL_WIDTH, LossCurves.PANEL_HEIGHT, LossCurves.PANEL_WIDTH,
                LossCurves.PANEL_HEIGHT) > 10);
    }

    @Test
    void aDivergedIterationIsLeftOutRatherThanBreakingThePlot() {
        MetricsHistory h = history(50, false);
        h.add(51, Double.NaN, Double.POSITIVE_INFINITY, Double.NaN, Double.NaN);
        BufferedImage image = LossCurves.render(h, "nan");
        assertTrue(spread(image, 0, 0, LossCurves.PANEL_WIDTH, LossCurves.PANEL_HEIGHT) > 10);
    }

    @Test
    void refusesAnEmptyHistory() {
        assertFalse(LossCurves.drawable(new MetricsHistory()));
        assertThrows(IllegalArgumentException.class, () -> LossCurves.render(new MetricsHistory(), "x"));
    }

    @Test
    void decimatesToBucketMeansAndSkipsNonFiniteValues() {
        double[][] p = LossCurves.decimate(new double[] {1, 2, 3, 4, 5, 6, 7}, new double[] {1, 3, Double.NaN, 5, 7,
            9, 11}, 3);
        // six finite points, at most three: pairs (1,2) (4,5) (6,7)
        assertArrayEquals(new double[] {1.5, 4.5, 6.5}, p[0]);
        assertArrayEquals(new double[] {2, 6, 10}, p[1]);
        double[][] all = LossCurves.decimate(new double[] {1, 2}, new double[] {5, 6}, 10);
        assertArrayEquals(new double[] {1, 2}, all[0]);
    }
}
