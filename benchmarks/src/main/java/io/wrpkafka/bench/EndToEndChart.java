package io.wrpkafka.bench;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;
import org.HdrHistogram.Histogram;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.style.CategoryStyler;
import org.knowm.xchart.style.Styler;

/*
 * Three panels side by side in one PNG, each on a linear scale: the latencies of the
 * single-caller calls (microseconds) and of the acknowledged calls (milliseconds) differ by
 * three orders of magnitude, so one shared axis would flatten the smaller ones. (XChart's
 * logarithmic axis on category charts draws the bars linearly, knowm/XChart#249.)
 */
/** Draws the chart of an end-to-end run: throughput per mode and latency percentiles. */
final class EndToEndChart {
  private static final int PANEL_WIDTH = 640;
  private static final int HEIGHT = 480;
  private static final double[] PERCENTILES = {50, 99, 99.9};

  private EndToEndChart() {}

  /**
   * Writes the chart of {@code results} to {@code file} as PNG.
   *
   * @throws IOException if the file cannot be written
   */
  static void write(EndToEndResults results, Path file) throws IOException {
    List<CategoryChart> panels = List.of(
        throughput(results), callLatency(results), acknowledgedLatency(results));
    BufferedImage image = new BufferedImage(
        PANEL_WIDTH * panels.size(), HEIGHT, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = image.createGraphics();
    try {
      g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
      g.setRenderingHint(
          RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
      for (int i = 0; i < panels.size(); i++) {
        Graphics2D panel = (Graphics2D) g.create(i * PANEL_WIDTH, 0, PANEL_WIDTH, HEIGHT);
        try {
          panels.get(i).paint(panel, PANEL_WIDTH, HEIGHT);
        } finally {
          panel.dispose();
        }
      }
    } finally {
      g.dispose();
    }
    if (!ImageIO.write(image, "png", file.toFile())) {
      throw new IOException("no PNG writer for " + file);
    }
  }

  private static CategoryChart throughput(EndToEndResults results) {
    CategoryChart chart = chart("Throughput (median of rounds)", "records/s");
    List<String> names = new ArrayList<>();
    List<Double> values = new ArrayList<>();
    for (Mode mode : results.options().modes()) {
      names.add(mode.shortName);
      values.add((double) Math.round(results.medianThroughput(mode)));
    }
    chart.addSeries("records/s", names, values).setFillColor(new Color(0x3b6ea5));
    chart.getStyler().setLegendVisible(false);
    return chart;
  }

  private static CategoryChart callLatency(EndToEndResults results) {
    CategoryChart chart = chart("Time inside the call, one caller", "µs");
    List<String> names = new ArrayList<>();
    List<Histogram> histograms = new ArrayList<>();
    for (Mode mode : List.of(Mode.RAW, Mode.QOS_50, Mode.QOS_10, Mode.QOS_10_PACED,
        Mode.RAW_TELEMETRY, Mode.QOS_50_TELEMETRY)) {
      if (!results.options().modes().contains(mode)) {
        continue;
      }
      names.add(mode.shortName);
      histograms.add(results.latency(mode));
    }
    names.add("QoS 10, broker down");
    histograms.add(results.brokerDown().latency());
    addPercentiles(chart, names, histograms, 1e3);
    return chart;
  }

  private static CategoryChart acknowledgedLatency(EndToEndResults results) {
    CategoryChart chart = chart(
        "Until acknowledged, " + results.options().callers() + " callers", "ms");
    List<String> names = new ArrayList<>();
    List<Histogram> histograms = new ArrayList<>();
    for (Mode mode : List.of(Mode.RAW_SYNC, Mode.QOS_80)) {
      if (!results.options().modes().contains(mode)) {
        continue;
      }
      names.add(mode.shortName);
      histograms.add(results.latency(mode));
    }
    addPercentiles(chart, names, histograms, 1e6);
    return chart;
  }

  private static void addPercentiles(
      CategoryChart chart, List<String> names, List<Histogram> histograms, double unitNanos) {
    if (names.isEmpty()) { // none of the panel's modes ran (--modes)
      names.add("not run");
      histograms.add(new Histogram(3));
    }
    for (double percentile : PERCENTILES) {
      List<Double> values = new ArrayList<>();
      for (Histogram histogram : histograms) {
        values.add(histogram.getTotalCount() == 0
            ? 0.0 : Math.round(histogram.getValueAtPercentile(percentile) / unitNanos * 10) / 10.0);
      }
      chart.addSeries("p" + (percentile == Math.rint(percentile)
          ? Long.toString((long) percentile) : Double.toString(percentile)), names, values);
    }
  }

  private static CategoryChart chart(String title, String yAxis) {
    CategoryChart chart = new CategoryChartBuilder()
        .width(PANEL_WIDTH)
        .height(HEIGHT)
        .title(title)
        .yAxisTitle(yAxis)
        .build();
    CategoryStyler styler = chart.getStyler();
    styler.setLegendPosition(Styler.LegendPosition.OutsideS);
    styler.setLegendLayout(Styler.LegendLayout.Horizontal);
    styler.setDecimalPattern("#,##0.##");
    styler.setChartBackgroundColor(Color.WHITE);
    styler.setLabelsVisible(true);
    styler.setLabelsRotation(90);
    return chart;
  }
}
