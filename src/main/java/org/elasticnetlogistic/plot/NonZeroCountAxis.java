package org.elasticnetlogistic.plot;

import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.geom.Rectangle2D;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

import org.jfree.chart.axis.AxisState;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.NumberTick;
import org.jfree.chart.axis.Tick;
import org.jfree.chart.ui.RectangleEdge;
import org.jfree.chart.ui.TextAnchor;
import org.jfree.data.Range;

/**
 * The top axis of glmnet's plots: the number of non-zero terms of the fitted model at each
 * lambda, written above that lambda. It borrows the range of the log(lambda) axis below, so
 * the two always line up, also after zooming. Labels are exact: each stands at a fitted
 * lambda, not at a round number. Where the lambdas are too close for a label each, labels
 * are left out from the largest lambda on, so that at least {@link #GAP} pixels separate
 * two labels.
 */
final class NonZeroCountAxis extends LinkedAxis {

  private static final long serialVersionUID = 1L;

  /** The least room between two labels, in pixels. */
  static final int GAP = 16;

  private final double[] logLambdas;
  private final int[] counts;

  /**
   * @param label the axis label
   * @param logLambdaAxis the axis below, whose range is shared
   * @param logLambdas the log(lambda) of each fitted model
   * @param counts the number of non-zero terms of each fitted model
   */
  NonZeroCountAxis(String label, NumberAxis logLambdaAxis, double[] logLambdas, int[] counts) {
    super(label, logLambdaAxis);
    if (logLambdas.length != counts.length || logLambdas.length == 0) {
      throw new IllegalArgumentException(counts.length + " counts for " + logLambdas.length
          + " lambdas");
    }
    this.logLambdas = logLambdas.clone();
    this.counts = counts.clone();
  }

  /** The count of the fitted model whose log(lambda) is nearest to the given one. */
  int countAt(double logLambda) {
    return counts[nearestModel(logLambda)];
  }

  private int nearestModel(double logLambda) {
    int nearest = 0;
    for (int k = 1; k < logLambdas.length; k++) {
      if (Math.abs(logLambdas[k] - logLambda) < Math.abs(logLambdas[nearest] - logLambda)) {
        nearest = k;
      }
    }
    return nearest;
  }

  // NumberAxis declares the raw List type
  @SuppressWarnings("rawtypes")
  @Override
  public List refreshTicks(Graphics2D g2, AxisState state, Rectangle2D dataArea,
      RectangleEdge edge) {
    g2.setFont(getTickLabelFont());
    FontMetrics metrics = g2.getFontMetrics();
    int widest = 0;
    for (int count : counts) {
      widest = Math.max(widest, metrics.stringWidth(Integer.toString(count)));
    }
    double spacing = widest + GAP;
    Integer[] order = new Integer[logLambdas.length];
    for (int k = 0; k < order.length; k++) {
      order[k] = k;
    }
    // from the largest lambda, so the empty model's 0 at the right end is always written
    Arrays.sort(order, Comparator.comparingDouble(k -> -logLambdas[k]));
    Range range = getRange();
    TextAnchor anchor = edge == RectangleEdge.TOP ? TextAnchor.BOTTOM_CENTER
        : TextAnchor.TOP_CENTER;
    List<Tick> ticks = new ArrayList<>();
    double lastX = Double.POSITIVE_INFINITY;
    for (int k : order) {
      if (!range.contains(logLambdas[k])) {
        continue;
      }
      double x = valueToJava2D(logLambdas[k], dataArea, edge);
      if (Math.abs(x - lastX) >= spacing) {
        ticks.add(new NumberTick(logLambdas[k], Integer.toString(counts[k]), anchor,
            TextAnchor.CENTER, 0.0));
        lastX = x;
      }
    }
    return ticks;
  }
}
