package org.elasticnetlogistic.plot;

import java.awt.Color;
import java.awt.geom.Ellipse2D;
import java.text.DecimalFormat;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.IntStream;

import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.AxisLocation;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.labels.StandardXYToolTipGenerator;
import org.jfree.chart.plot.SeriesRenderingOrder;
import org.jfree.chart.plot.ValueMarker;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/**
 * glmnet's {@code plot(fit)}: each term's coefficient on the standardised scale against
 * log(lambda), one line per term, one chart per coefficient row (a multinomial model has one
 * per class). The lambda of the fitted model is a dashed vertical line; the top axis counts
 * the non-zero terms. The terms with the largest coefficients get colours and their names at
 * the lines' left ends (the least penalised fit); the others are grey and named in tooltips.
 */
public final class CoefficientPathChart {

  /** At most this many terms are coloured and named. */
  public static final int MAX_NAMED_TERMS = ChartStyle.PALETTE.length;

  /** Longer term names are shortened at the line ends (tooltips keep the full name). */
  static final int MAX_NAME_LENGTH = 32;

  private CoefficientPathChart() {
  }

  /** One chart per coefficient row of the path. */
  public static List<JFreeChart> createAll(PathPlotData data) {
    List<JFreeChart> charts = new ArrayList<>();
    for (int row = 0; row < data.rows().size(); row++) {
      charts.add(create(data, row));
    }
    return charts;
  }

  /** The chart of one coefficient row. */
  public static JFreeChart create(PathPlotData data, int row) {
    PathPlotData.Row coefficients = data.rows().get(row);
    List<Integer> named = namedTerms(coefficients, data.termNames().size());
    double[] x = data.logLambdas();

    XYSeriesCollection dataset = new XYSeriesCollection();
    XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer(!data.isSinglePoint(),
        data.isSinglePoint());
    // grey lines first, so the named ones are drawn over them
    List<Integer> order = new ArrayList<>();
    Set<Integer> namedSet = new HashSet<>(named);
    IntStream.range(0, data.termNames().size()).filter(j -> !namedSet.contains(j))
        .forEach(order::add);
    for (int i = named.size() - 1; i >= 0; i--) {
      order.add(named.get(i));
    }
    Set<String> keys = new HashSet<>();
    for (int term : order) {
      XYSeries series = new XYSeries(uniqueKey(data.termNames().get(term), keys), false, true);
      double[] y = coefficients.coefficients(term);
      for (int k = 0; k < x.length; k++) {
        series.add(x[k], y[k]);
      }
      int index = dataset.getSeriesCount();
      dataset.addSeries(series);
      int rank = named.indexOf(term);
      boolean isNamed = rank >= 0;
      renderer.setSeriesPaint(index, isNamed ? ChartStyle.PALETTE[rank] : ChartStyle.UNNAMED_LINE);
      renderer.setSeriesStroke(index, ChartStyle.solid(isNamed ? 2.0f : 1.0f));
      renderer.setSeriesShape(index, new Ellipse2D.Double(-4, -4, 8, 8));
    }
    DecimalFormat format = new DecimalFormat("0.####");
    renderer.setDefaultToolTipGenerator(new StandardXYToolTipGenerator(
        "{0}: {2} at log(" + ChartStyle.LAMBDA + ") = {1}", format, format));

    NumberAxis logLambda = ChartStyle.logLambdaAxis();
    if (data.isSinglePoint()) {
      // the point at the left edge, beside the names of its terms
      logLambda.setRange(x[0] - 0.05, x[0] + 0.95);
    }
    NumberAxis coefficientAxis = ChartStyle.valueAxis(data.isStandardised()
        ? "Coefficient (standardised scale)" : "Coefficient (columns as given)");
    coefficientAxis.setAutoRangeIncludesZero(true);
    XYPlot plot = new XYPlot(dataset, logLambda, coefficientAxis, renderer);
    plot.setSeriesRenderingOrder(SeriesRenderingOrder.FORWARD);
    plot.setRangeAxisLocation(0, AxisLocation.BOTTOM_OR_RIGHT);
    ChartStyle.decorate(plot, new NonZeroCountAxis(data.rows().size() > 1
        ? "Non-zero terms in this class" : "Non-zero terms", logLambda, x,
        coefficients.nonZeroTerms()));
    plot.setRangeAxis(1, new TermLabelAxis(coefficientAxis, termLabels(data, coefficients,
        named)));
    plot.setRangeAxisLocation(1, AxisLocation.TOP_OR_LEFT);
    plot.addRangeMarker(new ValueMarker(0.0, Color.GRAY, ChartStyle.solid(0.8f)));

    double chosen = Math.log(data.selectedLambda());
    boolean labelLeft = ChartStyle.relativePosition(chosen, x) > 0.75;
    plot.addDomainMarker(ChartStyle.lambdaMarker(chosen, "model: " + ChartStyle.LAMBDA + " = "
        + ChartStyle.formatLambda(data.selectedLambda()), ChartStyle.CHOSEN_LAMBDA,
        ChartStyle.dashed(1.4f), labelLeft, 0));

    JFreeChart chart = new JFreeChart(plot);
    chart.removeLegend();
    ChartStyle.titles(chart, (data.isSinglePoint() ? "Coefficients at the fixed "
        + ChartStyle.LAMBDA + ": " : "Coefficient path: ") + coefficients.title(),
        data.description(),
        namingNote(data, coefficients, named));
    return chart;
  }

  /**
   * The terms to colour and name: those that are ever non-zero, largest absolute
   * coefficient along the path first, at most {@link #MAX_NAMED_TERMS}.
   */
  static List<Integer> namedTerms(PathPlotData.Row row, int terms) {
    return IntStream.range(0, terms).boxed()
        .filter(j -> row.largestMagnitude(j) > 0)
        .sorted(Comparator.comparingDouble((Integer j) -> -row.largestMagnitude(j))
            .thenComparingInt(j -> j))
        .limit(MAX_NAMED_TERMS)
        .toList();
  }

  private static List<TermLabelAxis.TermLabel> termLabels(PathPlotData data,
      PathPlotData.Row row, List<Integer> named) {
    List<TermLabelAxis.TermLabel> labels = new ArrayList<>();
    for (int rank = 0; rank < named.size(); rank++) {
      int term = named.get(rank);
      labels.add(new TermLabelAxis.TermLabel(shorten(data.termNames().get(term)),
          ChartStyle.PALETTE[rank], row.lastCoefficient(term), rank));
    }
    return labels;
  }

  static String shorten(String name) {
    return name.length() <= MAX_NAME_LENGTH ? name
        : name.substring(0, MAX_NAME_LENGTH - 1) + "\u2026";
  }

  private static String namingNote(PathPlotData data, PathPlotData.Row row,
      List<Integer> named) {
    int terms = data.termNames().size();
    long everNonZero = IntStream.range(0, terms).filter(j -> row.largestMagnitude(j) > 0)
        .count();
    String single = data.isSinglePoint() ? "A fixed " + ChartStyle.LAMBDA
        + " gives a single point, not a path. " : "";
    if (everNonZero == 0) {
      return single + "Every coefficient is zero here.";
    }
    if (named.size() == terms) {
      return single + (terms == 1 ? "The one term is named." : "All " + terms
          + " terms are named.");
    }
    if (named.size() == everNonZero) {
      long zero = terms - everNonZero;
      return single + "Named: " + (everNonZero == 1 ? "the term that is" : "the " + everNonZero
          + " terms that are") + " ever non-zero; " + zero + (zero == 1 ? " stays" : " stay")
          + " at zero.";
    }
    return single + "Named: the " + named.size() + " of " + terms + " terms with the largest "
        + "coefficients; the others are grey.";
  }

  private static String uniqueKey(String name, Set<String> used) {
    String key = name;
    for (int i = 2; !used.add(key); i++) {
      key = name + " (" + i + ")";
    }
    return key;
  }
}
