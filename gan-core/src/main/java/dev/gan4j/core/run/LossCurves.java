package dev.gan4j.core.run;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * Draws {@code curves.png} with XChart: the D and G losses, D's mean scores on real and generated
 * samples, and one panel per evaluation figure, over the iterations, two panels to a row.
 *
 * <p>Long runs are drawn from at most {@value #MAX_POINTS} points per series, each the mean of a
 * run of consecutive iterations, so drawing costs the same after a million iterations as after a
 * thousand. Non-finite values (a diverged iteration) are left out.
 */
public final class LossCurves {

    /** Most points drawn per series. */
    static final int MAX_POINTS = 1500;
    /** Size of one panel in pixels. */
    static final int PANEL_WIDTH = 600;
    static final int PANEL_HEIGHT = 340;
    /** Most evaluation panels drawn. */
    static final int MAX_EVALUATION_PANELS = 6;

    private LossCurves() {
    }

    /** Whether {@code history} holds anything to draw. */
    public static boolean drawable(MetricsHistory history) {
        return history.size() > 0;
    }

    /** The curves of {@code history}, written to {@code file} as PNG, atomically. */
    public static void write(MetricsHistory history, String title, Path file) throws IOException {
        SampleGrid.writePng(render(history, title), file);
    }

    /**
     * The curves of {@code history} as an image.
     *
     * @throws IllegalArgumentException if there is nothing to draw
     */
    public static BufferedImage render(MetricsHistory history, String title) {
        if (!drawable(history)) {
            throw new IllegalArgumentException("no iterations to draw");
        }
        List<XYChart> panels = new ArrayList<>();
        int n = history.size();
        double[] x = new double[n];
        double[] d = new double[n];
        double[] g = new double[n];
        double[] real = new double[n];
        double[] fake = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = history.iteration(i);
            d[i] = history.dLoss(i);
            g[i] = history.gLoss(i);
            real[i] = history.dReal(i);
            fake[i] = history.dFake(i);
        }
        XYChart losses = chart(title + ": losses", "loss");
        add(losses, "D loss", x, d, new Color(0x1f77b4));
        add(losses, "G loss", x, g, new Color(0xd62728));
        panels.add(losses);
        XYChart scores = chart("D's mean score", "score");
        add(scores, "D(real)", x, real, new Color(0x2ca02c));
        add(scores, "D(fake)", x, fake, new Color(0xff7f0e));
        panels.add(scores);
        for (Map.Entry<String, MetricsHistory.Series> e : history.evaluations().entrySet()) {
            if (panels.size() >= 2 + MAX_EVALUATION_PANELS) {
                break;
            }
            MetricsHistory.Series s = e.getValue();
            double[] ex = new double[s.size()];
            double[] ey = new double[s.size()];
            for (int i = 0; i < s.size(); i++) {
                ex[i] = s.iteration(i);
                ey[i] = s.value(i);
            }
            XYChart c = chart("evaluation: " + e.getKey(), e.getKey());
            XYSeries series = add(c, e.getKey(), ex, ey, new Color(0x9467bd));
            if (series != null) {
                // evaluations are few: show each one
                series.setMarker(SeriesMarkers.CIRCLE);
            }
            panels.add(c);
        }
        int rows = (panels.size() + 1) / 2;
        BufferedImage image = new BufferedImage(2 * PANEL_WIDTH, rows * PANEL_HEIGHT, BufferedImage.TYPE_INT_RGB);
        Graphics2D gr = image.createGraphics();
        try {
            gr.setColor(Color.WHITE);
            gr.fillRect(0, 0, image.getWidth(), image.getHeight());
            for (int i = 0; i < panels.size(); i++) {
                gr.drawImage(BitmapEncoder.getBufferedImage(panels.get(i)), (i % 2) * PANEL_WIDTH,
                        (i / 2) * PANEL_HEIGHT, null);
            }
        } finally {
            gr.dispose();
        }
        return image;
    }

    private static XYChart chart(String title, String yTitle) {
        XYChart c = new XYChartBuilder().width(PANEL_WIDTH).height(PANEL_HEIGHT).title(title).xAxisTitle("iteration")
                .yAxisTitle(yTitle).build();
        Styler s = c.getStyler();
        s.setLegendPosition(Styler.LegendPosition.InsideNE);
        s.setChartBackgroundColor(Color.WHITE);
        s.setPlotBackgroundColor(Color.WHITE);
        s.setAntiAlias(true);
        c.getStyler().setXAxisDecimalPattern("#,###");
        return c;
    }

    /** Adds the finite points of {@code (x, y)}, averaged down to at most {@link #MAX_POINTS}. */
    private static XYSeries add(XYChart chart, String name, double[] x, double[] y, Color color) {
        double[][] points = decimate(x, y, MAX_POINTS);
        if (points[0].length == 0) {
            return null;
        }
        XYSeries s = chart.addSeries(name, points[0], points[1]);
        s.setMarker(SeriesMarkers.NONE);
        s.setLineColor(color);
        s.setMarkerColor(color);
        return s;
    }

    /**
     * The finite points of {@code (x, y)}, as at most {@code max} means of consecutive points.
     *
     * @return {@code {xs, ys}}
     */
    static double[][] decimate(double[] x, double[] y, int max) {
        int finite = 0;
        for (int i = 0; i < y.length; i++) {
            if (Double.isFinite(y[i])) {
                finite++;
            }
        }
        int per = Math.max(1, (finite + max - 1) / max);
        int count = (finite + per - 1) / per;
        double[] xs = new double[count];
        double[] ys = new double[count];
        int k = 0;
        int inBucket = 0;
        double sx = 0;
        double sy = 0;
        for (int i = 0; i < y.length; i++) {
            if (!Double.isFinite(y[i])) {
                continue;
            }
            sx += x[i];
            sy += y[i];
            if (++inBucket == per) {
                xs[k] = sx / per;
                ys[k++] = sy / per;
                inBucket = 0;
                sx = 0;
                sy = 0;
            }
        }
        if (inBucket > 0) {
            xs[k] = sx / inBucket;
            ys[k++] = sy / inBucket;
        }
        return new double[][] {xs, ys};
    }
}
