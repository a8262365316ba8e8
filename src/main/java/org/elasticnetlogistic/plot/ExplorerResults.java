package org.elasticnetlogistic.plot;

import java.awt.Component;
import java.util.List;

import javax.swing.JOptionPane;

import weka.classifiers.Classifier;
import weka.classifiers.SingleClassifierEnhancer;
import weka.classifiers.functions.ElasticNetLogistic;
import weka.gui.ResultHistoryPanel;

/**
 * Opens the plots of a result in the Explorer's Classify tab. A result is the list the
 * ClassifierPanel stores with it; it holds the model trained on all the data, unless the
 * user turned "Output model" off.
 */
final class ExplorerResults {

  static final String DIALOG_TITLE = "ElasticNetLogistic plots";

  private ExplorerResults() {
  }

  /**
   * The ElasticNetLogistic model of a stored result, or null when it has none. A model
   * inside a single-classifier wrapper (FilteredClassifier, AttributeSelectedClassifier,
   * ...) is found too.
   */
  static ElasticNetLogistic modelOf(Object result) {
    if (result instanceof List<?> list) {
      for (Object element : list) {
        if (element instanceof Classifier classifier) {
          return unwrap(classifier);
        }
      }
    }
    return null;
  }

  private static ElasticNetLogistic unwrap(Classifier classifier) {
    Classifier current = classifier;
    // a wrapper that holds itself would loop; Weka's do not, but stop after a few anyway
    for (int depth = 0; depth < 16; depth++) {
      if (current instanceof ElasticNetLogistic model) {
        return model;
      }
      if (!(current instanceof SingleClassifierEnhancer wrapper)) {
        return null;
      }
      current = wrapper.getClassifier();
    }
    return null;
  }

  /** What a result can show: its plots, or the reason there are none. */
  sealed interface Resolution permits Plottable, Refused {
  }

  record Plottable(ModelPlots plots) implements Resolution {
  }

  /** @param message for the user: why, and what to do */
  record Refused(String message) implements Resolution {
  }

  /** Shows what a result can show: the Explorer's is {@link #ON_SCREEN}. */
  @FunctionalInterface
  interface Presenter {
    void present(Resolution resolution, String resultName, Component parent);
  }

  /** Opens a plot window, or a message dialog saying why there is none. */
  static final Presenter ON_SCREEN = (resolution, resultName, parent) -> {
    if (resolution instanceof Plottable plottable) {
      PlotWindow.show(plottable.plots(), DIALOG_TITLE + ": " + resultName, parent);
    } else if (resolution instanceof Refused refused) {
      JOptionPane.showMessageDialog(parent, refused.message(), DIALOG_TITLE,
          JOptionPane.INFORMATION_MESSAGE);
    }
  };

  /** What the result selected in the history can show. */
  static Resolution resolveSelected(ResultHistoryPanel history) {
    String name = history.getSelectedName();
    if (name == null) {
      return new Refused("Select a result of ElasticNetLogistic in the Result list "
          + "first.");
    }
    ElasticNetLogistic model = modelOf(history.getSelectedObject());
    if (model == null) {
      return new Refused("The result '" + name + "' holds no ElasticNetLogistic "
          + "model. Plots are drawn for results of "
          + "weka.classifiers.functions.ElasticNetLogistic, with 'Output model' on "
          + "(More options...).");
    }
    ModelPlots plots;
    try {
      plots = ModelPlots.of(model);
    } catch (RuntimeException e) {
      return new Refused("The model of '" + name + "' cannot be plotted: "
          + e.getMessage());
    }
    if (plots.path().isEmpty()) {
      return new Refused(String.join("\n", plots.notes()));
    }
    return new Plottable(plots);
  }

  /** Presents the plots of the result selected in the history, or why there are none. */
  static void openSelected(ResultHistoryPanel history, Component parent, Presenter presenter) {
    presenter.present(resolveSelected(history), history.getSelectedName(), parent);
  }
}
