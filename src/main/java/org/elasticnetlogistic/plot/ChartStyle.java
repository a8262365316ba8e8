package org.elasticnetlogistic.plot;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Paint;
import java.awt.Stroke;
import java.util.Locale;

import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.AxisLocation;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.ValueMarker;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.title.TextTitle;
import org.jfree.chart.ui.HorizontalAlignment;
import org.jfree.chart.ui.RectangleAnchor;
import org.jfree.chart.ui.RectangleInsets;
import org.jfree.chart.ui.TextAnchor;

/** The look shared by the path and the CV plots: colours, strokes, fonts, axes. */
final class ChartStyle {

  /** Distinct colours for the named lines (Tableau's palette without its grey). */
  static final Color[] PALETTE = {
      new Color(0x1f77b4), new Color(0xff7f0e), new Color(0x2ca02c), new Color(0xd62728),
      new Color(0x9467bd), new Color(0x8c564b), new Color(0xe377c2), new Color(0xbcbd22),
      new Color(0x17becf), new Color(0x393b79)};

  static final Color UNNAMED_LINE = new Color(0xc4c4c4);
  static final Color CHOSEN_LAMBDA = new Color(0x202020);
  static final Color LAMBDA_MIN = new Color(0x0072b2);
  static final Color LAMBDA_1SE = new Color(0xd55e00);
  static final Color CV_POINT = new Color(0xcc2222);
  static final Color ERROR_BAR = new Color(0x8c8c8c);
  static final Color GRID = new Color(0xe2e2e2);

  static final Font TITLE_FONT = new Font(Font.SANS_SERIF, Font.BOLD, 16);
  static final Font SUBTITLE_FONT = new Font(Font.SANS_SERIF, Font.PLAIN, 12);
  static final Font MARKER_FONT = new Font(Font.SANS_SERIF, Font.PLAIN, 11);

  static final String LAMBDA = "\u03bb";

  private ChartStyle() {
  }

  static Stroke solid(float width) {
    return new BasicStroke(width, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND);
  }

  static Stroke dashed(float width) {
    return new BasicStroke(width, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f,
        new float[] {6f, 4f}, 0f);
  }

  /** The log(lambda) axis both plots share, with glmnet's orientation (lambda grows right). */
  static NumberAxis logLambdaAxis() {
    NumberAxis axis = new NumberAxis("log(" + LAMBDA + ")");
    axis.setAutoRangeIncludesZero(false);
    // a single lambda (a fixed -lambda) still gets a readable axis
    axis.setAutoRangeMinimumSize(1.0);
    axis.setLowerMargin(0.02);
    axis.setUpperMargin(0.02);
    return axis;
  }

  /**
   * A vertical value axis with calm ticks. JFreeChart spaces ticks by the height of a tick
   * label including its insets, so taller insets give about one tick per 40 pixels instead
   * of one per 17; on a vertical axis they move no label.
   */
  static NumberAxis valueAxis(String label) {
    NumberAxis axis = new NumberAxis(label);
    axis.setTickLabelInsets(new RectangleInsets(12, 4, 12, 4));
    return axis;
  }

  /**
   * Where a value lies between the smallest and largest of some values: 0 at the smallest,
   * 1 at the largest, 0.5 when they are all equal.
   */
  static double relativePosition(double value, double[] values) {
    double low = Double.POSITIVE_INFINITY;
    double high = Double.NEGATIVE_INFINITY;
    for (double v : values) {
      low = Math.min(low, v);
      high = Math.max(high, v);
    }
    return high > low ? (value - low) / (high - low) : 0.5;
  }

  /** White background, light grid, the count axis on top. */
  static void decorate(XYPlot plot, NonZeroCountAxis countAxis) {
    plot.setBackgroundPaint(Color.WHITE);
    plot.setDomainGridlinePaint(GRID);
    plot.setRangeGridlinePaint(GRID);
    plot.setDomainGridlineStroke(solid(1f));
    plot.setRangeGridlineStroke(solid(1f));
    plot.setOutlinePaint(Color.GRAY);
    plot.setAxisOffset(RectangleInsets.ZERO_INSETS);
    plot.setDomainAxis(1, countAxis);
    plot.setDomainAxisLocation(1, AxisLocation.TOP_OR_LEFT);
  }

  static void titles(JFreeChart chart, String title, String... subtitles) {
    chart.setBackgroundPaint(Color.WHITE);
    chart.setTitle(new TextTitle(title, TITLE_FONT));
    for (String line : subtitles) {
      TextTitle subtitle = new TextTitle(line, SUBTITLE_FONT);
      subtitle.setPaint(Color.DARK_GRAY);
      subtitle.setHorizontalAlignment(HorizontalAlignment.CENTER);
      chart.addSubtitle(subtitle);
    }
    chart.setPadding(new RectangleInsets(4, 8, 8, 12));
  }

  /** The height of a marker label's line, for stacking two labels. */
  static final int MARKER_LINE = 17;

  /**
   * A vertical line at a lambda, labelled at the top of the plot on the given side of it.
   * A label near an edge of the plot must go to the other side, or it is cut off.
   *
   * @param labelLeft whether the label sits left of the line (else right)
   * @param labelLine 0 for a label at the top, 1 for one line lower (beneath another label)
   */
  static ValueMarker lambdaMarker(double logLambda, String label, Paint paint, Stroke stroke,
      boolean labelLeft, int labelLine) {
    ValueMarker marker = new ValueMarker(logLambda, paint, stroke);
    marker.setAlpha(1.0f);
    marker.setLabel(label);
    marker.setLabelFont(MARKER_FONT);
    marker.setLabelPaint(paint);
    marker.setLabelBackgroundColor(new Color(255, 255, 255, 215));
    marker.setLabelAnchor(labelLeft ? RectangleAnchor.TOP_LEFT : RectangleAnchor.TOP_RIGHT);
    marker.setLabelTextAnchor(labelLeft ? TextAnchor.TOP_RIGHT : TextAnchor.TOP_LEFT);
    marker.setLabelOffset(new RectangleInsets(4 + labelLine * MARKER_LINE, 4, 4, 4));
    return marker;
  }

  /** A lambda as people read it: 4 significant digits. */
  static String formatLambda(double lambda) {
    return String.format(Locale.ROOT, "%.4g", lambda);
  }

  static String formatLog(double value) {
    return String.format(Locale.ROOT, "%.2f", value);
  }
}
