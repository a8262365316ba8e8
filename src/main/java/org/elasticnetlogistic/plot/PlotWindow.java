package org.elasticnetlogistic.plot;

import java.awt.BorderLayout;
import java.awt.Component;
import java.awt.Dimension;
import java.awt.GridLayout;
import java.util.List;

import javax.swing.BorderFactory;
import javax.swing.JComponent;
import javax.swing.JFrame;
import javax.swing.JLabel;
import javax.swing.JPanel;
import javax.swing.JScrollPane;
import javax.swing.JTabbedPane;
import javax.swing.SwingConstants;
import javax.swing.WindowConstants;

import org.jfree.chart.ChartPanel;
import org.jfree.chart.JFreeChart;

/**
 * A window with a model's plots in two tabs, "Coefficient path" and "Cross-validation". The
 * charts zoom (drag, mouse wheel), name a line under the mouse, and save themselves as PNG
 * from their right-click menu. A multinomial path shows one chart per class, in a scrolling
 * column.
 */
public final class PlotWindow {

  static final String PATH_TAB = "Coefficient path";
  static final String CV_TAB = "Cross-validation";

  /** The height of one chart of a multinomial path, in pixels. */
  private static final int CLASS_CHART_HEIGHT = 460;

  private PlotWindow() {
  }

  /**
   * Builds the window without showing it.
   *
   * @param plots plots that have at least a path ({@link ModelPlots#path()} present)
   * @param title the window title, e.g. the Explorer's result name
   */
  public static JFrame create(ModelPlots plots, String title) {
    JFrame frame = new JFrame(title);
    frame.setDefaultCloseOperation(WindowConstants.DISPOSE_ON_CLOSE);
    frame.setContentPane(content(plots));
    frame.setSize(920, 720);
    return frame;
  }

  /** The window's content: the two tabs, and the notes below them. */
  static JPanel content(ModelPlots plots) {
    if (plots.path().isEmpty()) {
      throw new IllegalArgumentException(String.join(" ", plots.notes()));
    }
    JTabbedPane tabs = new JTabbedPane();
    tabs.addTab(PATH_TAB, pathView(plots.pathCharts()));
    tabs.addTab(CV_TAB, plots.crossValidationChart().<JComponent>map(PlotWindow::chartPanel)
        .orElseGet(() -> message(plots.notes())));
    JPanel content = new JPanel(new BorderLayout());
    content.add(tabs, BorderLayout.CENTER);
    if (!plots.notes().isEmpty()) {
      JLabel notes = new JLabel("<html>" + String.join("<br>", plots.notes()) + "</html>");
      notes.setBorder(BorderFactory.createEmptyBorder(4, 8, 4, 8));
      content.add(notes, BorderLayout.SOUTH);
    }
    return content;
  }

  /** Builds and shows the window beside a component (null: centred on the screen). */
  public static JFrame show(ModelPlots plots, String title, Component near) {
    JFrame frame = create(plots, title);
    frame.setLocationRelativeTo(near);
    frame.setVisible(true);
    return frame;
  }

  private static JComponent pathView(List<JFreeChart> charts) {
    if (charts.size() == 1) {
      return chartPanel(charts.get(0));
    }
    JPanel column = new JPanel(new GridLayout(charts.size(), 1, 0, 6));
    for (JFreeChart chart : charts) {
      ChartPanel panel = chartPanel(chart);
      panel.setPreferredSize(new Dimension(860, CLASS_CHART_HEIGHT));
      column.add(panel);
    }
    JScrollPane scroll = new JScrollPane(column);
    scroll.getVerticalScrollBar().setUnitIncrement(24);
    return scroll;
  }

  private static ChartPanel chartPanel(JFreeChart chart) {
    ChartPanel panel = new ChartPanel(chart);
    panel.setMouseWheelEnabled(true);
    panel.setInitialDelay(100);
    panel.setDismissDelay(30000);
    // charts are drawn at the panel's size, so text stays sharp in large windows
    panel.setMaximumDrawWidth(4000);
    panel.setMaximumDrawHeight(3000);
    return panel;
  }

  private static JComponent message(List<String> notes) {
    JLabel label = new JLabel("<html><div style='width:420px'>" + String.join("<br><br>",
        notes) + "</div></html>", SwingConstants.CENTER);
    return label;
  }
}
