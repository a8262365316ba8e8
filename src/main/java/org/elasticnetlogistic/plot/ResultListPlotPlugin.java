package org.elasticnetlogistic.plot;

import java.awt.Component;
import java.awt.Container;
import java.awt.Window;
import java.util.ArrayList;
import java.util.List;

import javax.swing.JMenuItem;
import javax.swing.JPopupMenu;

import weka.classifiers.evaluation.Prediction;
import weka.core.Attribute;
import weka.gui.ResultHistoryPanel;
import weka.gui.visualize.plugins.VisualizePlugin;

/**
 * An entry in the Classify tab's result-list popup (right-click a result, then Plugins)
 * that opens the plots of that result. Weka hands such plugins only the predictions, not
 * the model, so the entry reads the model from the result list that showed the popup.
 * Registered in the package's PluginManager.props.
 */
public class ResultListPlotPlugin implements VisualizePlugin {

  static final String MENU_TEXT = "ElasticNetLogistic path and CV plots";

  private final ExplorerResults.Presenter presenter;

  /** The Explorer's: opens a window. */
  public ResultListPlotPlugin() {
    this(ExplorerResults.ON_SCREEN);
  }

  ResultListPlotPlugin(ExplorerResults.Presenter presenter) {
    this.presenter = presenter;
  }

  @Override
  public JMenuItem getVisualizeMenuItem(ArrayList<Prediction> predictions,
      Attribute classAttribute) {
    JMenuItem item = new JMenuItem(MENU_TEXT);
    // the popup is not shown yet, so its result list is found by the predictions it holds
    ResultHistoryPanel owner = predictions == null ? null : historyHolding(predictions);
    if (owner != null && ExplorerResults.modelOf(owner.getSelectedObject()) == null) {
      item.setEnabled(false);
      item.setToolTipText("The selected result is not an ElasticNetLogistic model.");
    }
    item.addActionListener(event -> {
      ResultHistoryPanel history = historyAbove((Component) event.getSource());
      if (history == null) {
        history = owner;
      }
      if (history != null) {
        ExplorerResults.openSelected(history, history, presenter);
      }
    });
    return item;
  }

  /** The result list on screen whose selected result holds exactly these predictions. */
  static ResultHistoryPanel historyHolding(List<Prediction> predictions) {
    for (Window window : Window.getWindows()) {
      for (ResultHistoryPanel history : histories(window, new ArrayList<>())) {
        if (history.getSelectedObject() instanceof List<?> result
            && result.stream().anyMatch(element -> element == predictions)) {
          return history;
        }
      }
    }
    return null;
  }

  private static List<ResultHistoryPanel> histories(Component component,
      List<ResultHistoryPanel> found) {
    if (component instanceof ResultHistoryPanel history) {
      found.add(history);
    } else if (component instanceof Container container) {
      for (Component child : container.getComponents()) {
        histories(child, found);
      }
    }
    return found;
  }

  /**
   * The result list that showed the popup holding a menu item: up through the menus to the
   * list the popup was shown on, then up to its panel.
   */
  static ResultHistoryPanel historyAbove(Component component) {
    Component current = component;
    while (current != null && !(current instanceof ResultHistoryPanel)) {
      current = current instanceof JPopupMenu popup ? popup.getInvoker() : current.getParent();
    }
    return (ResultHistoryPanel) current;
  }

  @Override
  public String getMinVersion() {
    return "3.8.0";
  }

  @Override
  public String getMaxVersion() {
    return "3.9.0";
  }

  @Override
  public String getDesignVersion() {
    return "3.8.6";
  }
}
