package io.jmill.bench.suite;

import org.HdrHistogram.HistogramIterationValue;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.LogAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.NumberTickUnit;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.title.TextTitle;
import org.jfree.data.category.DefaultCategoryDataset;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

import java.awt.Color;
import java.awt.Font;
import java.io.IOException;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * PNG charts with JFreeChart, rendered headless: throughput per NF and mode (grouped bars, one
 * chart per size and thread count), and latency CDFs (one chart per NF, size and thread count,
 * a curve per mode, from the merged HdrHistograms).
 */
final class Charts {
    private static final int WIDTH = 900;
    private static final int HEIGHT = 520;

    private Charts() {
    }

    /** Writes the charts into {@code dir}; returns their file names. */
    static List<String> writeAll(Path dir, List<CellResult> cells, Machine machine) throws IOException {
        if (System.getProperty("java.awt.headless") == null) {
            System.setProperty("java.awt.headless", "true");
        }
        List<String> files = new ArrayList<>();
        Map<String, List<CellResult>> bySizeThreads = new LinkedHashMap<>();
        Map<String, List<CellResult>> byNfSizeThreads = new LinkedHashMap<>();
        for (CellResult c : cells) {
            String st = CellResult.sizeLabel(c.size) + "-" + c.threads + "t";
            bySizeThreads.computeIfAbsent(st, k -> new ArrayList<>()).add(c);
            byNfSizeThreads.computeIfAbsent(c.nf + "-" + st, k -> new ArrayList<>()).add(c);
        }
        for (Map.Entry<String, List<CellResult>> e : bySizeThreads.entrySet()) {
            String file = "throughput-" + e.getKey() + ".png";
            save(throughput(e.getKey(), e.getValue(), machine), dir.resolve(file));
            files.add(file);
        }
        for (Map.Entry<String, List<CellResult>> e : byNfSizeThreads.entrySet()) {
            if (e.getValue().stream().allMatch(c -> c.latency.getTotalCount() == 0)) {
                continue;
            }
            String file = "latency-" + e.getKey() + ".png";
            save(latencyCdf(e.getKey(), e.getValue(), machine), dir.resolve(file));
            files.add(file);
        }
        return files;
    }

    static JFreeChart throughput(String sizeThreads, List<CellResult> cells, Machine machine) {
        DefaultCategoryDataset data = new DefaultCategoryDataset();
        for (CellResult c : cells) {
            data.addValue(Double.isNaN(c.mppsMedian) ? 0 : c.mppsMedian, c.mode.name(), c.nf);
        }
        JFreeChart chart = ChartFactory.createBarChart("Throughput, " + sizeThreads.replace("-", ", ")
                + " (median of runs)", "network function", "Mpps", data);
        style(chart, machine);
        CategoryPlot plot = chart.getCategoryPlot();
        plot.setBackgroundPaint(Color.WHITE);
        plot.setRangeGridlinePaint(Color.LIGHT_GRAY);
        return chart;
    }

    static JFreeChart latencyCdf(String nfSizeThreads, List<CellResult> cells, Machine machine) {
        XYSeriesCollection data = new XYSeriesCollection();
        double min = Double.MAX_VALUE;
        for (CellResult c : cells) {
            if (c.latency.getTotalCount() == 0) {
                continue;
            }
            XYSeries s = new XYSeries(c.mode.name(), true, true);
            for (HistogramIterationValue v : c.latency.recordedValues()) {
                double us = Math.max(c.latency.highestEquivalentValue(v.getValueIteratedTo()) / 1e3, 0.001);
                s.addOrUpdate(us, v.getPercentileLevelIteratedTo() / 100.0);
                min = Math.min(min, us);
            }
            data.addSeries(s);
        }
        JFreeChart chart = ChartFactory.createXYLineChart("Latency CDF, " + nfSizeThreads.replace("-", ", "),
                "latency (µs, log scale)", "fraction of packets", data);
        style(chart, machine);
        XYPlot plot = chart.getXYPlot();
        LogAxis x = new LogAxis("latency (µs, log scale)");
        x.setSmallestValue(min == Double.MAX_VALUE ? 0.001 : min);
        x.setTickUnit(new NumberTickUnit(1.0)); // one tick per decade
        x.setNumberFormatOverride(new DecimalFormat("0.###", DecimalFormatSymbols.getInstance(Locale.ROOT)));
        plot.setDomainAxis(x);
        ((NumberAxis) plot.getRangeAxis()).setRange(0, 1.0);
        plot.setBackgroundPaint(Color.WHITE);
        plot.setDomainGridlinePaint(Color.LIGHT_GRAY);
        plot.setRangeGridlinePaint(Color.LIGHT_GRAY);
        return chart;
    }

    private static void style(JFreeChart chart, Machine machine) {
        chart.setBackgroundPaint(Color.WHITE);
        TextTitle subtitle = new TextTitle(machine.summary(), new Font("SansSerif", Font.PLAIN, 11));
        chart.addSubtitle(subtitle);
    }

    private static void save(JFreeChart chart, Path file) throws IOException {
        ChartUtils.saveChartAsPNG(file.toFile(), chart, WIDTH, HEIGHT);
    }
}
