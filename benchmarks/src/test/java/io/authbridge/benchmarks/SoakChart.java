package io.authbridge.benchmarks;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

import org.jfree.chart.ChartFactory;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.plot.ValueMarker;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.title.TextTitle;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/** soak.png: the single-use store's entries over the run, and the bound each sample is held to. */
final class SoakChart {

    private static final int WIDTH = 1200;
    private static final int HEIGHT = 500;

    private SoakChart() {
    }

    static void write(SoakRun soak, List<SoakReport.Bounded> bounded, Path file) throws IOException {
        XYSeries entries = new XYSeries("entries in memory");
        soak.samples().forEach(sample -> entries.add(sample.atSecond(), sample.entries()));
        XYSeries bound = new XYSeries("bound: writes since the last reaper pass − " + soak.entryLifespanSeconds() + " s");
        bounded.forEach(b -> bound.add(b.sample().atSecond(), b.bound()));
        XYSeriesCollection dataset = new XYSeriesCollection();
        dataset.addSeries(entries);
        dataset.addSeries(bound);

        JFreeChart chart = ChartFactory.createXYLineChart("Single-use store (Infinispan " + SoakMonitor.STORE_CACHE + ")",
                "seconds since the load started", "entries", dataset, PlotOrientation.VERTICAL, true, false, false);
        chart.setBackgroundPaint(Color.WHITE);
        chart.getTitle().setFont(new Font(Font.SANS_SERIF, Font.BOLD, 18));
        chart.addSubtitle(new TextTitle(String.format(Locale.ROOT, "Keycloak %s, %s; %d s warm-up, store drained, %d s soak",
                soak.run().keycloakVersion(), soak.run().startedAt(), soak.run().warmupSeconds(), soak.run().measureSeconds())));
        XYPlot plot = chart.getXYPlot();
        plot.setBackgroundPaint(Color.WHITE);
        plot.setRangeGridlinePaint(Color.LIGHT_GRAY);
        plot.setDomainGridlinePaint(Color.LIGHT_GRAY);
        plot.getRenderer().setSeriesPaint(0, new Color(0x2E, 0x6D, 0xB4));
        plot.getRenderer().setSeriesPaint(1, new Color(0xE1, 0x57, 0x59));
        plot.getRenderer().setSeriesStroke(1, new BasicStroke(1.5f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10, new float[] {6, 4}, 0));
        long soakStart = SoakReport.soakStart(soak);
        plot.addDomainMarker(marker(soak.run().warmupSeconds(), "end of warm-up"));
        plot.addDomainMarker(marker(soakStart, "soak"));
        plot.addDomainMarker(marker(soakStart + soak.run().measureSeconds(), "end of soak"));
        ChartUtils.saveChartAsPNG(file.toFile(), chart, WIDTH, HEIGHT);
    }

    private static ValueMarker marker(long atSecond, String label) {
        ValueMarker marker = new ValueMarker(atSecond, Color.GRAY, new BasicStroke(1));
        marker.setLabel(label);
        return marker;
    }
}
