package org.elasticnetlogistic.plot;

import java.awt.geom.Ellipse2D;
import java.text.DecimalFormat;

import org.elasticnetlogistic.core.FitSettings;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.labels.StandardXYToolTipGenerator;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYErrorRenderer;
import org.jfree.data.xy.YIntervalSeries;
import org.jfree.data.xy.YIntervalSeriesCollection;

/**
 * glmnet's {@code plot(cv.fit)}: the mean cross-validation measure at each lambda with bars
 * of plus and minus one standard error, against log(lambda). Vertical lines mark lambda_min
 * (the best mean) and lambda_1se (the largest lambda within one standard error of it); the
 * top axis counts the non-zero terms of the full-data fit.
 */
public final class CrossValidationChart {

  private CrossValidationChart() {
  }

  public static JFreeChart create(CrossValidationPlotData data) {
    double[] x = data.logLambdas();
    double[] mean = data.mean();
    double[] se = data.standardError();
    YIntervalSeries series = new YIntervalSeries("mean " + data.measureName() + " \u00b1 1 SE");
    for (int k = 0; k < x.length; k++) {
      if (Double.isFinite(mean[k])) {
        double halfWidth = Double.isFinite(se[k]) ? se[k] : 0;
        series.add(x[k], mean[k], mean[k] - halfWidth, mean[k] + halfWidth);
      }
    }
    YIntervalSeriesCollection dataset = new YIntervalSeriesCollection();
    dataset.addSeries(series);

    XYErrorRenderer renderer = new XYErrorRenderer();
    renderer.setDrawXError(false);
    renderer.setDefaultLinesVisible(false);
    renderer.setSeriesShape(0, new Ellipse2D.Double(-3.5, -3.5, 7, 7));
    renderer.setSeriesPaint(0, ChartStyle.CV_POINT);
    renderer.setErrorPaint(ChartStyle.ERROR_BAR);
    renderer.setErrorStroke(ChartStyle.solid(1.0f));
    renderer.setCapLength(5);
    DecimalFormat format = new DecimalFormat("0.####");
    renderer.setDefaultToolTipGenerator(new StandardXYToolTipGenerator(
        "mean {2} at log(" + ChartStyle.LAMBDA + ") = {1}", format, format));

    NumberAxis logLambda = ChartStyle.logLambdaAxis();
    NumberAxis measureAxis = ChartStyle.valueAxis(data.measureName() + " (" + data.folds()
        + "-fold CV)");
    measureAxis.setAutoRangeIncludesZero(false);
    XYPlot plot = new XYPlot(dataset, logLambda, measureAxis, renderer);
    ChartStyle.decorate(plot, new NonZeroCountAxis("Non-zero terms", logLambda, x,
        data.nonZeroTerms()));

    boolean usesMin = data.selection() == FitSettings.Selection.MIN;
    int min = data.indexMin();
    int oneSe = data.indexOneSe();
    String l = ChartStyle.LAMBDA;
    double minAt = ChartStyle.relativePosition(x[min], x);
    if (min == oneSe) {
      plot.addDomainMarker(ChartStyle.lambdaMarker(x[min], l + "min = " + l + "1se (model)",
          ChartStyle.LAMBDA_MIN, ChartStyle.dashed(1.4f), minAt > 0.75, 0));
    } else {
      // lambda_min is the smaller lambda: its label goes left and lambda_1se's right, unless
      // that side is too near the edge; two labels on one side are stacked
      boolean minLeft = minAt > 0.25;
      boolean oneSeLeft = ChartStyle.relativePosition(x[oneSe], x) > 0.75;
      plot.addDomainMarker(ChartStyle.lambdaMarker(x[min], l + "min" + (usesMin ? " (model)"
          : ""), ChartStyle.LAMBDA_MIN, ChartStyle.dashed(1.4f), minLeft, 0));
      plot.addDomainMarker(ChartStyle.lambdaMarker(x[oneSe], l + "1se" + (usesMin ? ""
          : " (model)"), ChartStyle.LAMBDA_1SE, ChartStyle.dashed(1.4f), oneSeLeft,
          minLeft == oneSeLeft ? 1 : 0));
    }

    JFreeChart chart = new JFreeChart(plot);
    chart.removeLegend();
    int[] nonZero = data.nonZeroTerms();
    ChartStyle.titles(chart, "Cross-validation curve",
        l + "min = " + ChartStyle.formatLambda(data.lambda(min)) + " (" + nonZero[min]
            + " terms),  " + l + "1se = " + ChartStyle.formatLambda(data.lambda(oneSe)) + " ("
            + nonZero[oneSe] + " terms);  the model uses " + l + (usesMin ? "min" : "1se")
            + ".  Bars: \u00b1 1 standard error.");
    return chart;
  }
}
