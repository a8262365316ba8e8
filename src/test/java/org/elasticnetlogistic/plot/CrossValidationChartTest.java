package org.elasticnetlogistic.plot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Rectangle;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;

import org.elasticnetlogistic.core.CrossValidationResult;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.plot.Marker;
import org.jfree.chart.plot.ValueMarker;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.ui.Layer;
import org.jfree.data.xy.IntervalXYDataset;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import weka.classifiers.functions.ElasticNetLogistic;

/**
 * The cross-validation plot, rendered headless: the points and bars are the CV means and
 * plus and minus one standard error, and lambda_min and lambda_1se are drawn at their x
 * pixels, labelled, with the model's rule named.
 */
class CrossValidationChartTest {

  private static ElasticNetLogistic model;
  private static CrossValidationResult cv;
  private static JFreeChart chart;
  private static ChartImage image;

  @BeforeAll
  static void render() throws Exception {
    model = FittedModels.binomial();
    cv = model.getCrossValidation().orElseThrow();
    chart = ModelPlots.of(model).crossValidationChart().orElseThrow();
    image = ChartImage.render(List.of(chart), 800, 500);
  }

  @Test
  void theImageHasTheAskedSizeAndIsDrawn() {
    assertEquals(800, image.width());
    assertEquals(500, image.height());
    assertTrue(Pixels.inkShare(image.image()) > 0.03);
  }

  @Test
  void pointsAreTheMeansAndBarsOneStandardErrorEachSide() {
    IntervalXYDataset dataset = (IntervalXYDataset) ((XYPlot) chart.getPlot()).getDataset();
    double[] mean = cv.mean();
    double[] se = cv.standardError();
    assertEquals(cv.size(), dataset.getItemCount(0));
    for (int item = 0; item < cv.size(); item++) {
      double x = dataset.getXValue(0, item);
      int k = 0;
      while (Math.abs(Math.log(cv.lambda(k)) - x) > 1e-12) {
        k++;
      }
      assertEquals(mean[k], dataset.getYValue(0, item), 1e-12);
      assertEquals(mean[k] - se[k], dataset.getStartYValue(0, item), 1e-12);
      assertEquals(mean[k] + se[k], dataset.getEndYValue(0, item), 1e-12);
    }
  }

  @Test
  void lambdaMinAndLambda1seAreLinesAtTheirPixels() {
    assertNotEquals(cv.indexMin(), cv.indexOneSe(), "the test wants two distinct lines");
    XYPlot plot = (XYPlot) chart.getPlot();
    Rectangle2D area = Pixels.dataArea(image.renderings().get(0));
    BufferedImage pixels = image.image();
    int xMin = Pixels.column(plot, image.renderings().get(0), Math.log(cv.lambda(cv.indexMin())));
    int x1se = Pixels.column(plot, image.renderings().get(0),
        Math.log(cv.lambda(cv.indexOneSe())));
    assertTrue(xMin < x1se, "lambda_min is the smaller lambda");
    assertTrue(Pixels.columnShare(pixels, area, xMin, ChartStyle.LAMBDA_MIN) > 0.4);
    assertTrue(Pixels.columnShare(pixels, area, x1se, ChartStyle.LAMBDA_1SE) > 0.4);
    assertTrue(Pixels.columnShare(pixels, area, xMin, ChartStyle.LAMBDA_1SE) < 0.05);
    assertTrue(Pixels.columnShare(pixels, area, x1se, ChartStyle.LAMBDA_MIN) < 0.05);
  }

  /**
   * birthwt's lambda_1se is the largest lambda, at the plot's right edge: its label must go
   * left of its line, or it would be cut off, and then sits beneath lambda_min's label,
   * which is left of its own line too.
   */
  @Test
  void aLabelAtTheEdgeTurnsInwardAndTwoLabelsOnOneSideAreStacked() throws Exception {
    ElasticNetLogistic edge = FittedModels.fit("birthwt.arff", "-folds", "5", "-nlambda",
        "30", "-select", "1se");
    CrossValidationResult curve = edge.getCrossValidation().orElseThrow();
    assertEquals(0, curve.indexOneSe(), "the test wants lambda_1se at the largest lambda");
    JFreeChart edgeChart = ModelPlots.of(edge).crossValidationChart().orElseThrow();
    ChartImage edgeImage = ChartImage.render(List.of(edgeChart), 800, 500);
    XYPlot plot = (XYPlot) edgeChart.getPlot();
    Rectangle2D area = Pixels.dataArea(edgeImage.renderings().get(0));
    int xMin = Pixels.column(plot, edgeImage.renderings().get(0),
        Math.log(curve.lambda(curve.indexMin())));
    int x1se = Pixels.column(plot, edgeImage.renderings().get(0),
        Math.log(curve.lambda(curve.indexOneSe())));
    BufferedImage pixels = edgeImage.image();
    // the labels are in the top 45 pixels of the plot; the lines' own columns are skipped
    int top = (int) area.getMinY();
    Rectangle leftOf1se = new Rectangle(x1se - 120, top, 120, 45);
    Rectangle rightOf1se = new Rectangle(x1se, top, pixels.getWidth() - x1se, 45);
    List<int[]> oneSeLabel = Pixels.pixelsOf(pixels, leftOf1se, ChartStyle.LAMBDA_1SE,
        x1se, xMin);
    assertTrue(oneSeLabel.size() > 40, "lambda_1se's label left of its line: "
        + oneSeLabel.size() + " pixels");
    assertTrue(Pixels.pixelsOf(pixels, rightOf1se, ChartStyle.LAMBDA_1SE, x1se).size() < 5,
        "nothing of the label right of the line");
    List<int[]> minLabel = Pixels.pixelsOf(pixels, new Rectangle(xMin - 120, top, 120, 45),
        ChartStyle.LAMBDA_MIN, xMin, x1se);
    assertTrue(minLabel.size() > 30, "lambda_min's label: " + minLabel.size() + " pixels");
    double minRow = minLabel.stream().mapToInt(p -> p[1]).average().orElseThrow();
    double oneSeRow = oneSeLabel.stream().mapToInt(p -> p[1]).average().orElseThrow();
    assertTrue(oneSeRow - minRow > ChartStyle.MARKER_LINE - 4, "stacked: lambda_min's label "
        + "at y = " + minRow + ", lambda_1se's at y = " + oneSeRow);
    assertTrue(Pixels.whiteColumn(pixels, pixels.getWidth() - 1), "nothing cut at the right");
  }

  @Test
  void theMarkersAreLabelledAndNameTheModelsRule() {
    List<ValueMarker> markers = new ArrayList<>();
    for (Object marker : ((XYPlot) chart.getPlot()).getDomainMarkers(Layer.FOREGROUND)) {
      markers.add((ValueMarker) marker);
    }
    assertEquals(List.of("\u03bbmin", "\u03bb1se (model)"),
        markers.stream().map(Marker::getLabel).toList(), "the model uses 1se");
    ValueMarker oneSe = markers.get(1);
    assertEquals(model.getSelectedLambda(), Math.exp(oneSe.getValue()), 1e-12);
    assertTrue(((XYPlot) chart.getPlot()).getRangeAxis().getLabel()
        .startsWith("Binomial deviance (5-fold CV)"));
  }
}
