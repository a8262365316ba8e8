package org.elasticnetlogistic.plot;

import weka.gui.explorer.ClassifierPanel;
import weka.gui.explorer.ClassifierPanelLaunchHandlerPlugin;

/**
 * A button in the Explorer's Classify tab, beside Start and Stop, that opens the
 * coefficient path and cross-validation plots of the ElasticNetLogistic result selected in
 * the Result list. Registered in the package's PluginManager.props. (When other packages
 * register such buttons too, Weka gathers them in one popup menu.)
 */
public class ExplorerPlotLauncher implements ClassifierPanelLaunchHandlerPlugin {

  static final String COMMAND = "Path/CV plots";

  private final ExplorerResults.Presenter presenter;
  private ClassifierPanel panel;

  /** The Explorer's: opens a window. */
  public ExplorerPlotLauncher() {
    this(ExplorerResults.ON_SCREEN);
  }

  ExplorerPlotLauncher(ExplorerResults.Presenter presenter) {
    this.presenter = presenter;
  }

  @Override
  public void setClassifierPanel(ClassifierPanel panel) {
    this.panel = panel;
  }

  @Override
  public String getLaunchCommand() {
    return COMMAND;
  }

  @Override
  public void launch() {
    if (panel == null) {
      throw new IllegalStateException("the Explorer has not given its Classify panel");
    }
    ExplorerResults.openSelected(panel.getResultHistory(), panel, presenter);
  }
}
