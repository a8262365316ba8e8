package org.elasticnetlogistic.plot;

import org.jfree.chart.axis.NumberAxis;
import org.jfree.data.Range;

/**
 * An axis that carries its own tick labels over another axis's range: it borrows that
 * axis's range and direction, so its labels stay beside the data they name, also after
 * zooming. Subclasses choose the labels in {@code refreshTicks}.
 */
abstract class LinkedAxis extends NumberAxis {

  private static final long serialVersionUID = 1L;

  private final NumberAxis linked;

  LinkedAxis(String label, NumberAxis linked) {
    super(label);
    this.linked = linked;
    setMinorTickMarksVisible(false);
  }

  @Override
  public final Range getRange() {
    return linked.getRange();
  }

  @Override
  public final boolean isInverted() {
    return linked.isInverted();
  }
}
