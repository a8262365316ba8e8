package org.elasticnetlogistic.plot;

import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.Paint;
import java.awt.font.TextAttribute;
import java.awt.geom.Rectangle2D;
import java.text.AttributedString;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import org.jfree.chart.axis.AxisState;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.LogTick;
import org.jfree.chart.axis.Tick;
import org.jfree.chart.axis.TickType;
import org.jfree.chart.ui.RectangleEdge;
import org.jfree.chart.ui.TextAnchor;

/**
 * Names the lines of a coefficient path at their ends: an axis beside the plot whose tick
 * labels are term names, each at the height where its line ends. It shares the range of the
 * coefficient axis, so a name stays beside its line when the plot is zoomed. Names that would
 * overlap are moved apart by the least amount; when there is not room for all of them, the
 * lowest-ranked are left out. Because JFreeChart reserves room for an axis's widest tick
 * label, no name is ever cut off.
 */
final class TermLabelAxis extends LinkedAxis {

  private static final long serialVersionUID = 1L;

  /**
   * A term to name: its text, the colour of its line, where the line ends, and its rank
   * (0 = most important).
   */
  record TermLabel(String text, Paint paint, double value, int rank) {
  }

  /** Drawn after a name in its line's colour, so the name visibly continues its line. */
  static final String LINE_SAMPLE = " \u2501\u2501";

  private final List<TermLabel> labels;

  TermLabelAxis(NumberAxis valueAxis, List<TermLabel> labels) {
    super(null, valueAxis);
    this.labels = List.copyOf(labels);
    setTickMarksVisible(false);
    setAxisLineVisible(false);
  }

  // NumberAxis declares the raw List type
  @SuppressWarnings("rawtypes")
  @Override
  public List refreshTicks(Graphics2D g2, AxisState state, Rectangle2D dataArea,
      RectangleEdge edge) {
    g2.setFont(getTickLabelFont());
    FontMetrics metrics = g2.getFontMetrics();
    double lineHeight = metrics.getAscent() + metrics.getDescent();
    List<Placed> placed = layout(dataArea, edge, lineHeight);
    TextAnchor anchor = edge == RectangleEdge.LEFT ? TextAnchor.CENTER_RIGHT
        : TextAnchor.CENTER_LEFT;
    List<Tick> ticks = new ArrayList<>();
    for (Placed p : placed) {
      // JFreeChart draws a LogTick's attributed label, so the colour comes with the text
      ticks.add(new LogTick(TickType.MAJOR, java2DToValue(p.y(), dataArea, edge),
          attributed(p.label()), anchor));
    }
    return ticks;
  }

  private AttributedString attributed(TermLabel label) {
    String text = label.text() + LINE_SAMPLE;
    AttributedString out = new AttributedString(text);
    out.addAttribute(TextAttribute.FONT, getTickLabelFont());
    out.addAttribute(TextAttribute.FOREGROUND, getTickLabelPaint());
    out.addAttribute(TextAttribute.FOREGROUND, label.paint(), label.text().length(),
        text.length());
    return out;
  }

  private record Placed(TermLabel label, double y) {
  }

  /**
   * Places as many of the highest-ranked labels as fit in the plot's height, each as near
   * to its line's end as the others allow.
   */
  private List<Placed> layout(Rectangle2D dataArea, RectangleEdge edge, double lineHeight) {
    double top = dataArea.getMinY() + lineHeight / 2;
    double bottom = dataArea.getMaxY() - lineHeight / 2;
    int room = (int) Math.floor((bottom - top) / lineHeight) + 1;
    List<Placed> chosen = new ArrayList<>();
    labels.stream()
        .sorted(Comparator.comparingInt(TermLabel::rank))
        .limit(Math.max(room, 0))
        .forEach(label -> chosen.add(new Placed(label,
            clamp(valueToJava2D(label.value(), dataArea, edge), top, bottom))));
    chosen.sort(Comparator.comparingDouble(Placed::y));
    int n = chosen.size();
    double[] y = new double[n];
    for (int i = 0; i < n; i++) {
      y[i] = chosen.get(i).y();
    }
    // push overlapping names down, then back up from the bottom edge
    for (int i = 1; i < n; i++) {
      y[i] = Math.max(y[i], y[i - 1] + lineHeight);
    }
    if (n > 0) {
      y[n - 1] = Math.min(y[n - 1], bottom);
    }
    for (int i = n - 2; i >= 0; i--) {
      y[i] = Math.min(y[i], y[i + 1] - lineHeight);
    }
    List<Placed> out = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      out.add(new Placed(chosen.get(i).label(), y[i]));
    }
    return out;
  }

  private static double clamp(double value, double low, double high) {
    return Math.max(low, Math.min(high, value));
  }
}
