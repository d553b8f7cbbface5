package io.authbridge.benchmarks;

import org.jfree.chart.ChartFactory;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.AxisLocation;
import org.jfree.chart.labels.ItemLabelAnchor;
import org.jfree.chart.labels.ItemLabelPosition;
import org.jfree.chart.labels.StandardCategoryItemLabelGenerator;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.renderer.category.BarRenderer;
import org.jfree.chart.renderer.category.StandardBarPainter;
import org.jfree.chart.title.TextTitle;
import org.jfree.chart.ui.TextAnchor;
import org.jfree.data.category.CategoryDataset;
import org.jfree.data.category.DefaultCategoryDataset;

import javax.imageio.ImageIO;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.Rectangle;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.text.NumberFormat;
import java.util.List;
import java.util.Locale;

/** report.png: requests/s per scenario on top (with the ratio to the baseline), p50 and p99 below. */
final class ReportChart {

    private static final int WIDTH = 1200;
    private static final int PANEL_HEIGHT = 420;
    private static final Color THROUGHPUT = new Color(0x2E, 0x6D, 0xB4);
    private static final Color P50 = new Color(0x59, 0xA1, 0x4F);
    private static final Color P99 = new Color(0xE1, 0x57, 0x59);

    private ReportChart() {
    }

    static void write(RunInfo run, List<ScenarioResult> results, Path file) throws IOException {
        BufferedImage image = new BufferedImage(WIDTH, 2 * PANEL_HEIGHT, BufferedImage.TYPE_INT_RGB);
        Graphics2D graphics = image.createGraphics();
        graphics.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        graphics.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        throughputChart(run, results).draw(graphics, new Rectangle(0, 0, WIDTH, PANEL_HEIGHT));
        latencyChart(results).draw(graphics, new Rectangle(0, PANEL_HEIGHT, WIDTH, PANEL_HEIGHT));
        graphics.dispose();
        ImageIO.write(image, "png", file.toFile());
    }

    private static JFreeChart throughputChart(RunInfo run, List<ScenarioResult> results) {
        DefaultCategoryDataset dataset = new DefaultCategoryDataset();
        results.forEach(result -> dataset.addValue(result.requestsPerSecond(), "requests/s", result.name()));
        JFreeChart chart = horizontalBarChart("Throughput: requests/s (higher is better)", "requests/s", dataset);
        chart.addSubtitle(new TextTitle(String.format(Locale.ROOT,
                "Keycloak %s, %s; %d users; per scenario %d s warm-up, %d s measured in %d rounds",
                run.keycloakVersion(), run.startedAt(), run.users(), run.warmupSeconds(), run.measureSeconds(), run.rounds())));
        BarRenderer renderer = styledRenderer(chart, THROUGHPUT);
        renderer.setDefaultItemLabelGenerator(new StandardCategoryItemLabelGenerator() {
            @Override
            public String generateLabel(CategoryDataset data, int row, int column) {
                return throughputLabel(results.get(column));
            }
        });
        return chart;
    }

    private static JFreeChart latencyChart(List<ScenarioResult> results) {
        DefaultCategoryDataset dataset = new DefaultCategoryDataset();
        for (ScenarioResult result : results) {
            dataset.addValue(result.p50Millis(), "p50", result.name());
            dataset.addValue(result.p99Millis(), "p99", result.name());
        }
        JFreeChart chart = horizontalBarChart("Latency: p50 and p99 in ms (lower is better)", "ms", dataset);
        BarRenderer renderer = styledRenderer(chart, P50);
        renderer.setSeriesPaint(1, P99);
        renderer.setDefaultItemLabelGenerator(new StandardCategoryItemLabelGenerator("{0}: {2} ms", NumberFormat.getIntegerInstance(Locale.ROOT)));
        return chart;
    }

    private static String throughputLabel(ScenarioResult result) {
        StringBuilder label = new StringBuilder(String.format(Locale.ROOT, "%.1f", result.requestsPerSecond()));
        if (result.throughputRatio() != null) {
            label.append(String.format(Locale.ROOT, "  (%.3f× baseline", result.throughputRatio()));
            if (result.minThroughputRatio() != null) {
                label.append(String.format(Locale.ROOT, ", goal ≥ %.2f×", result.minThroughputRatio()));
            }
            if (result.maxMedianRatio() != null) {
                label.append(String.format(Locale.ROOT, "; p50 %.2f×, goal ≤ %.2f×", result.medianRatio(), result.maxMedianRatio()));
            }
            label.append(')');
        }
        result.verdict().ifPresent(verdict -> label.append(": ").append(verdict));
        return label.toString();
    }

    private static JFreeChart horizontalBarChart(String title, String valueAxisLabel, DefaultCategoryDataset dataset) {
        JFreeChart chart = ChartFactory.createBarChart(title, null, valueAxisLabel, dataset,
                PlotOrientation.HORIZONTAL, dataset.getRowCount() > 1, false, false);
        chart.setBackgroundPaint(Color.WHITE);
        chart.getTitle().setFont(new Font(Font.SANS_SERIF, Font.BOLD, 18));
        CategoryPlot plot = chart.getCategoryPlot();
        plot.setBackgroundPaint(Color.WHITE);
        plot.setRangeGridlinePaint(Color.LIGHT_GRAY);
        plot.setRangeAxisLocation(AxisLocation.BOTTOM_OR_RIGHT);
        plot.getDomainAxis().setTickLabelFont(new Font(Font.SANS_SERIF, Font.PLAIN, 13));
        // Room right of the longest bar for its label.
        plot.getRangeAxis().setUpperMargin(0.45);
        return chart;
    }

    private static BarRenderer styledRenderer(JFreeChart chart, Color firstSeries) {
        BarRenderer renderer = (BarRenderer) chart.getCategoryPlot().getRenderer();
        renderer.setBarPainter(new StandardBarPainter());
        renderer.setShadowVisible(false);
        renderer.setSeriesPaint(0, firstSeries);
        renderer.setDefaultItemLabelsVisible(true);
        renderer.setDefaultItemLabelFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        renderer.setDefaultPositiveItemLabelPosition(new ItemLabelPosition(ItemLabelAnchor.OUTSIDE3, TextAnchor.CENTER_LEFT));
        return renderer;
    }
}
