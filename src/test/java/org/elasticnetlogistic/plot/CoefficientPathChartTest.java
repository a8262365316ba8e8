package org.elasticnetlogistic.plot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;

import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.AxisState;
import org.jfree.chart.axis.LogTick;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.ValueTick;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.ui.RectangleEdge;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import weka.classifiers.functions.ElasticNetLogistic;

/**
 * The coefficient path plot, rendered headless and read back: its size, that it is drawn,
 * the chosen lambda at its x pixel, the count axis in step with the log(lambda) axis, and
 * term names that fit, do not overlap and are never cut off.
 */
class CoefficientPathChartTest {

  private static final int WIDTH = 900;
  private static final int HEIGHT = 600;

  private static ElasticNetLogistic binomialModel;
  private static PathPlotData binomial;
  private static JFreeChart binomialChart;
  private static ChartImage binomialImage;

  @BeforeAll
  static void render() throws Exception {
    binomialModel = FittedModels.binomial();
    binomial = ModelPlots.of(binomialModel).path().orElseThrow();
    binomialChart = CoefficientPathChart.create(binomial, 0);
    binomialImage = ChartImage.render(List.of(binomialChart), WIDTH, HEIGHT);
  }

  private static XYPlot plot(JFreeChart chart) {
    return (XYPlot) chart.getPlot();
  }

  private static Graphics2D scratchGraphics() {
    return new BufferedImage(10, 10, BufferedImage.TYPE_INT_RGB).createGraphics();
  }

  @Test
  void theImageHasTheAskedSizeAndIsDrawn() {
    BufferedImage image = binomialImage.image();
    assertEquals(WIDTH, image.getWidth());
    assertEquals(HEIGHT, image.getHeight());
    double ink = Pixels.inkShare(image);
    assertTrue(ink > 0.05 && ink < 0.6, "share of non-white pixels: " + ink);
  }

  @Test
  void theChosenLambdaIsADashedLineAtItsPixel() {
    Rectangle2D area = Pixels.dataArea(binomialImage.renderings().get(0));
    double chosen = Math.log(binomialModel.getSelectedLambda());
    int x = Pixels.column(plot(binomialChart), binomialImage.renderings().get(0), chosen);
    BufferedImage image = binomialImage.image();
    double onLine = Pixels.columnShare(image, area, x, ChartStyle.CHOSEN_LAMBDA);
    double beside = Pixels.columnShare(image, area, x + 12, ChartStyle.CHOSEN_LAMBDA);
    assertTrue(onLine > 0.4, "the marker covers " + onLine + " of its column");
    assertTrue(beside < 0.1, "12 pixels away it covers " + beside);
  }

  @Test
  void theTopAxisWritesTheNonZeroCountAboveFittedLambdasWithoutCrowding() {
    XYPlot plot = plot(binomialChart);
    NumberAxis logLambda = (NumberAxis) plot.getDomainAxis(0);
    NonZeroCountAxis counts = (NonZeroCountAxis) plot.getDomainAxis(1);
    assertEquals(logLambda.getRange(), counts.getRange(), "the two axes share their range");
    Rectangle2D area = Pixels.dataArea(binomialImage.renderings().get(0));
    Graphics2D g2 = scratchGraphics();
    List<?> above = counts.refreshTicks(g2, new AxisState(), area, RectangleEdge.TOP);
    assertTrue(above.size() >= 8, "labels on top: " + above.size());
    double[] x = binomial.logLambdas();
    int[] nonZero = binomial.rows().get(0).nonZeroTerms();
    g2.setFont(counts.getTickLabelFont());
    double widest = g2.getFontMetrics().stringWidth("48");
    List<Double> pixels = new ArrayList<>();
    for (Object o : above) {
      ValueTick tick = (ValueTick) o;
      int k = 0;
      while (k < x.length && x[k] != tick.getValue()) {
        k++;
      }
      assertTrue(k < x.length, "a label at log(lambda) = " + tick.getValue()
          + ", where no model was fitted");
      assertEquals(Integer.toString(nonZero[k]), tick.getText(), "at lambda " + k);
      pixels.add(counts.valueToJava2D(tick.getValue(), area, RectangleEdge.TOP));
    }
    assertEquals(x[0], ((ValueTick) above.get(0)).getValue(), "the largest lambda is labelled");
    assertEquals("0", ((ValueTick) above.get(0)).getText(), "the empty model at lambda_max");
    pixels.sort(Double::compare);
    for (int i = 1; i < pixels.size(); i++) {
      assertTrue(pixels.get(i) - pixels.get(i - 1) >= widest + NonZeroCountAxis.GAP - 0.01,
          "labels crowd at " + pixels);
    }
    // no label is left out where there is room for it: two labels are less than a label
    // width and two gaps apart, or there would have been one between them
    double step = Math.abs(counts.valueToJava2D(x[1], area, RectangleEdge.TOP)
        - counts.valueToJava2D(x[0], area, RectangleEdge.TOP));
    for (int i = 1; i < pixels.size(); i++) {
      assertTrue(pixels.get(i) - pixels.get(i - 1) < widest + NonZeroCountAxis.GAP + step
          + 0.01, "a gap in the labels at " + pixels);
    }
    assertEquals(0, counts.countAt(x[0]));
    assertEquals(binomialModel.getPath().point(x.length - 1).nonZeroColumns(),
        counts.countAt(x[x.length - 1]));
  }

  @Test
  void theLargestTermsAreNamedAndTheNamesDoNotOverlap() {
    List<Integer> named = CoefficientPathChart.namedTerms(binomial.rows().get(0),
        binomial.termNames().size());
    assertEquals(CoefficientPathChart.MAX_NAMED_TERMS, named.size());
    PathPlotData.Row row = binomial.rows().get(0);
    for (int i = 1; i < named.size(); i++) {
      assertTrue(row.largestMagnitude(named.get(i - 1)) >= row.largestMagnitude(named.get(i)));
    }
    assertNamesFit(binomialChart, binomialImage, named.size());
  }

  @Test
  void aShortChartNamesFewerTermsTheLargestFirst() {
    JFreeChart chart = CoefficientPathChart.create(binomial, 0);
    ChartImage image = ChartImage.render(List.of(chart), 700, 260);
    List<String> names = assertNamesFit(chart, image, 1);
    assertTrue(names.size() < CoefficientPathChart.MAX_NAMED_TERMS, "named: " + names);
    int largest = CoefficientPathChart.namedTerms(binomial.rows().get(0),
        binomial.termNames().size()).get(0);
    assertTrue(names.contains(CoefficientPathChart.shorten(binomial.termNames().get(largest))
        + TermLabelAxis.LINE_SAMPLE), "named: " + names);
  }

  /**
   * Checks the names at the line ends: at least {@code least} of them, one line apart, inside
   * the plot's height, and nothing drawn in the image's outer columns (so nothing was cut).
   */
  private static List<String> assertNamesFit(JFreeChart chart, ChartImage image, int least) {
    XYPlot plot = plot(chart);
    TermLabelAxis axis = (TermLabelAxis) plot.getRangeAxis(1);
    Rectangle2D area = Pixels.dataArea(image.renderings().get(0));
    Graphics2D g2 = scratchGraphics();
    g2.setFont(axis.getTickLabelFont());
    Font font = axis.getTickLabelFont();
    double lineHeight = g2.getFontMetrics(font).getAscent() + g2.getFontMetrics(font)
        .getDescent();
    List<?> ticks = axis.refreshTicks(g2, new AxisState(), area, RectangleEdge.LEFT);
    assertTrue(ticks.size() >= least, "names: " + ticks.size());
    List<Double> ys = new ArrayList<>();
    List<String> names = new ArrayList<>();
    for (Object o : ticks) {
      LogTick tick = (LogTick) o;
      double y = axis.valueToJava2D(tick.getValue(), area, RectangleEdge.LEFT);
      assertTrue(y >= area.getMinY() && y <= area.getMaxY(), "name at y = " + y);
      ys.add(y);
      StringBuilder text = new StringBuilder();
      var iterator = tick.getAttributedLabel().getIterator();
      for (char c = iterator.first(); c != java.text.CharacterIterator.DONE;
          c = iterator.next()) {
        text.append(c);
      }
      names.add(text.toString());
    }
    ys.sort(Double::compare);
    for (int i = 1; i < ys.size(); i++) {
      assertTrue(ys.get(i) - ys.get(i - 1) >= lineHeight - 0.01, "names overlap: " + ys);
    }
    BufferedImage pixels = image.image();
    assertTrue(Pixels.whiteColumn(pixels, 0) && Pixels.whiteColumn(pixels, 1),
        "something touches the left edge");
    assertTrue(Pixels.whiteColumn(pixels, pixels.getWidth() - 1), "something touches the right");
    return names;
  }

  @Test
  void aMultinomialPathHasOneChartPerClassEachMarkedAtTheChosenLambda() throws Exception {
    ElasticNetLogistic model = FittedModels.multinomial();
    PathPlotData data = ModelPlots.of(model).path().orElseThrow();
    List<JFreeChart> charts = CoefficientPathChart.createAll(data);
    assertEquals(3, charts.size());
    ChartImage image = ChartImage.render(charts, 700, 400);
    assertEquals(1200, image.height());
    BufferedImage pixels = image.image();
    double chosen = Math.log(model.getSelectedLambda());
    for (int c = 0; c < 3; c++) {
      Rectangle2D area = Pixels.dataArea(image.renderings().get(c));
      assertTrue(area.getMinY() >= 400 * c && area.getMaxY() <= 400 * (c + 1),
          "chart " + c + " drawn in its own band: " + area);
      int x = Pixels.column(plot(charts.get(c)), image.renderings().get(c), chosen);
      assertTrue(Pixels.columnShare(pixels, area, x, ChartStyle.CHOSEN_LAMBDA) > 0.4,
          "chart " + c);
      assertTrue(charts.get(c).getTitle().getText().contains(
          model.getCoefficientRowNames()[c]));
    }
  }

  @Test
  void aFixedLambdaIsASinglePointBesideItsNames() throws Exception {
    ElasticNetLogistic model = FittedModels.fit("credit-g.arff", "-lambda", "0.02");
    PathPlotData data = ModelPlots.of(model).path().orElseThrow();
    assertTrue(data.isSinglePoint());
    JFreeChart chart = CoefficientPathChart.create(data, 0);
    ChartImage image = ChartImage.render(List.of(chart), 700, 450);
    Rectangle2D area = Pixels.dataArea(image.renderings().get(0));
    int x = Pixels.column(plot(chart), image.renderings().get(0), Math.log(0.02));
    assertTrue(x - area.getMinX() < 0.1 * area.getWidth(), "the point sits at the left");
    assertTrue(Pixels.columnShare(image.image(), area, x, ChartStyle.CHOSEN_LAMBDA) > 0.3);
    assertTrue(chart.getTitle().getText().startsWith("Coefficients at the fixed"),
        chart.getTitle().getText());
    assertNamesFit(chart, image, 5);
  }
}
