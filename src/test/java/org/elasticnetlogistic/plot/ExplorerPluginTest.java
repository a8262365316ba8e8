package org.elasticnetlogistic.plot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Component;
import java.awt.Container;
import java.io.File;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

import javax.swing.JComponent;
import javax.swing.JLabel;
import javax.swing.JMenu;
import javax.swing.JMenuItem;
import javax.swing.JPanel;
import javax.swing.JPopupMenu;
import javax.swing.JScrollPane;
import javax.swing.JTabbedPane;
import javax.swing.JTextArea;

import org.jfree.chart.ChartPanel;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import weka.classifiers.functions.ElasticNetLogistic;
import weka.classifiers.meta.FilteredClassifier;
import weka.classifiers.rules.ZeroR;
import weka.core.Instances;
import weka.core.PluginManager;
import weka.filters.unsupervised.attribute.Standardize;
import weka.gui.ResultHistoryPanel;
import weka.gui.explorer.ClassifierPanelLaunchHandlerPlugin;
import weka.gui.visualize.plugins.VisualizePlugin;

/**
 * The Explorer side, headless: the package's PluginManager.props registers both plugins
 * with Weka's PluginManager, and the button and the result-list entry find the model of the
 * result selected in a result list and build its plot window, or say why there is none.
 * (That a real Explorer shows the button with the package installed is checked by
 * {@code InstalledPackageIT}, which is slower.)
 */
class ExplorerPluginTest {

  private static final File PROPS = new File("src/main/props/PluginManager.props");
  private static final String LAUNCHER = ClassifierPanelLaunchHandlerPlugin.class.getName();
  private static final String VISUALIZER = VisualizePlugin.class.getName();

  @BeforeAll
  static void register() throws Exception {
    PluginManager.addFromProperties(PROPS);
  }

  /** Shows nothing: keeps what would have been shown. */
  private static final class Recorder implements ExplorerResults.Presenter {
    final List<ExplorerResults.Resolution> shown = new ArrayList<>();
    final List<String> names = new ArrayList<>();

    @Override
    public void present(ExplorerResults.Resolution resolution, String resultName,
        Component parent) {
      shown.add(resolution);
      names.add(resultName);
    }

    ExplorerResults.Resolution last() {
      return shown.get(shown.size() - 1);
    }
  }

  /** A result list as the Classify panel sets it up, with a text area for its output. */
  private static ResultHistoryPanel newHistory() {
    return new ResultHistoryPanel(new JTextArea());
  }

  /** Stores a result as the Classify panel does, and selects it. */
  private static void addResult(ResultHistoryPanel history, String name, Object... objects) {
    history.addResult(name, new StringBuffer("output of " + name));
    ArrayList<Object> stored = new ArrayList<>(List.of(objects));
    history.addObject(name, stored);
    history.setSingle(name);
  }

  private static <T extends Component> List<T> find(Component root, Class<T> type,
      Predicate<T> test) {
    List<T> found = new ArrayList<>();
    if (type.isInstance(root) && test.test(type.cast(root))) {
      found.add(type.cast(root));
    }
    if (root instanceof Container container) {
      for (Component child : container.getComponents()) {
        found.addAll(find(child, type, test));
      }
    }
    return found;
  }

  @Test
  void thePropsFileRegistersBothPluginsUnderWekasInterfaces() throws Exception {
    assertTrue(PluginManager.getPluginNamesOfTypeList(LAUNCHER)
        .contains(ExplorerPlotLauncher.class.getName()));
    Object launcher = PluginManager.getPluginInstance(LAUNCHER,
        ExplorerPlotLauncher.class.getName());
    assertInstanceOf(ExplorerPlotLauncher.class, launcher);
    assertEquals(ExplorerPlotLauncher.COMMAND,
        ((ClassifierPanelLaunchHandlerPlugin) launcher).getLaunchCommand());
    Object visualizer = PluginManager.getPluginInstance(VISUALIZER,
        ResultListPlotPlugin.class.getName());
    assertInstanceOf(ResultListPlotPlugin.class, visualizer);
    JMenuItem item = ((VisualizePlugin) visualizer).getVisualizeMenuItem(null, null);
    assertEquals(ResultListPlotPlugin.MENU_TEXT, item.getText());
  }

  @Test
  void theLauncherNeedsThePanelTheExplorerGives() {
    ExplorerPlotLauncher launcher = new ExplorerPlotLauncher(new Recorder());
    assertThrows(IllegalStateException.class, launcher::launch);
  }

  @Test
  void theSelectedResultIsPlottedOrTheUserToldWhyNot() throws Exception {
    Recorder recorder = new Recorder();
    ResultHistoryPanel history = newHistory();

    ExplorerResults.openSelected(history, history, recorder);
    assertInstanceOf(ExplorerResults.Refused.class, recorder.last(), "nothing selected");

    ElasticNetLogistic model = FittedModels.binomial();
    Instances header = new Instances(FittedModels.data("credit-g.arff"), 0);
    addResult(history, "12:00:00 - functions.ElasticNetLogistic", model, header);
    ExplorerResults.openSelected(history, history, recorder);
    ExplorerResults.Plottable plottable = assertInstanceOf(ExplorerResults.Plottable.class,
        recorder.last());
    assertEquals(model.getSelectedLambda(),
        plottable.plots().path().orElseThrow().selectedLambda());
    assertTrue(plottable.plots().crossValidation().isPresent());
    assertEquals("12:00:00 - functions.ElasticNetLogistic", recorder.names.get(1));

    ZeroR zeroR = new ZeroR();
    zeroR.buildClassifier(FittedModels.data("iris.arff"));
    addResult(history, "12:01:00 - rules.ZeroR", zeroR);
    ExplorerResults.openSelected(history, history, recorder);
    ExplorerResults.Refused refused = assertInstanceOf(ExplorerResults.Refused.class,
        recorder.last());
    assertTrue(refused.message().contains("holds no ElasticNetLogistic model"),
        refused.message());

    addResult(history, "12:02:00 - functions.ElasticNetLogistic", header);
    ExplorerResults.openSelected(history, history, recorder);
    assertTrue(((ExplorerResults.Refused) recorder.last()).message().contains("Output model"),
        "a result stored without its model");

    ElasticNetLogistic unpenalised = new ElasticNetLogistic();
    unpenalised.setOptions(new String[] {"-lambda", "0"});
    unpenalised.buildClassifier(ModelPlotsTest.twoClasses());
    addResult(history, "12:03:00 - functions.ElasticNetLogistic", unpenalised);
    ExplorerResults.openSelected(history, history, recorder);
    assertTrue(((ExplorerResults.Refused) recorder.last()).message().contains("-lambda 0"),
        "the unpenalised fit has no path");
  }

  @Test
  void aModelInsideAFilteredClassifierIsFound() throws Exception {
    FilteredClassifier filtered = new FilteredClassifier();
    filtered.setFilter(new Standardize());
    ElasticNetLogistic inner = new ElasticNetLogistic();
    inner.setOptions(new String[] {"-folds", "3", "-nlambda", "10"});
    filtered.setClassifier(inner);
    filtered.buildClassifier(FittedModels.data("iris.arff"));
    ElasticNetLogistic found = ExplorerResults.modelOf(List.of(filtered));
    assertTrue(found != null, "the model inside the wrapper");
    assertEquals(3, ModelPlots.of(found).pathCharts().size());
    assertEquals(null, ExplorerResults.modelOf(List.of(new ZeroR())));
    assertEquals(null, ExplorerResults.modelOf("not a result"));
  }

  @Test
  void theResultListEntryFindsItsResultListThroughThePopupMenu() throws Exception {
    Recorder recorder = new Recorder();
    ResultHistoryPanel history = newHistory();
    addResult(history, "12:04:00 - functions.ElasticNetLogistic",
        FittedModels.multinomial());
    JMenuItem item = new ResultListPlotPlugin(recorder).getVisualizeMenuItem(new ArrayList<>(),
        FittedModels.data("iris.arff").classAttribute());
    assertTrue(item.isEnabled());
    // as the Classify panel builds its popup: Plugins > the entry, shown on the result list
    JPopupMenu resultMenu = new JPopupMenu();
    JMenu plugins = new JMenu("Plugins");
    plugins.add(item);
    resultMenu.add(plugins);
    resultMenu.setInvoker(history.getList());
    assertSame(history, ResultListPlotPlugin.historyAbove(item));
    item.doClick(0);
    ExplorerResults.Plottable plottable = assertInstanceOf(ExplorerResults.Plottable.class,
        recorder.last());
    assertEquals(3, plottable.plots().pathCharts().size());
    assertEquals("12:04:00 - functions.ElasticNetLogistic", recorder.names.get(0));
  }

  @Test
  void theWindowHasAPathTabAndACrossValidationTab() throws Exception {
    JPanel content = PlotWindow.content(ModelPlots.of(FittedModels.binomial()));
    JTabbedPane tabs = find(content, JTabbedPane.class, t -> true).get(0);
    assertEquals(2, tabs.getTabCount());
    assertEquals(PlotWindow.PATH_TAB, tabs.getTitleAt(0));
    assertEquals(PlotWindow.CV_TAB, tabs.getTitleAt(1));
    assertInstanceOf(ChartPanel.class, tabs.getComponentAt(0));
    assertInstanceOf(ChartPanel.class, tabs.getComponentAt(1));
    assertTrue(((ChartPanel) tabs.getComponentAt(0)).getChart().getTitle().getText()
        .startsWith("Coefficient path"));
  }

  @Test
  void aMultinomialWindowScrollsThroughOneChartPerClass() throws Exception {
    JPanel content = PlotWindow.content(ModelPlots.of(FittedModels.multinomial()));
    JTabbedPane tabs = find(content, JTabbedPane.class, t -> true).get(0);
    JScrollPane scroll = assertInstanceOf(JScrollPane.class, tabs.getComponentAt(0));
    assertEquals(3, find(scroll, ChartPanel.class, p -> true).size());
  }

  @Test
  void aFixedLambdaWindowSaysWhyThereIsNoCurve() throws Exception {
    ElasticNetLogistic model = new ElasticNetLogistic();
    model.setOptions(new String[] {"-lambda", "0.05"});
    model.buildClassifier(ModelPlotsTest.twoClasses());
    JPanel content = PlotWindow.content(ModelPlots.of(model));
    JTabbedPane tabs = find(content, JTabbedPane.class, t -> true).get(0);
    JComponent cvTab = (JComponent) tabs.getComponentAt(1);
    assertTrue(find(cvTab, JLabel.class, label -> label.getText().contains("lambda was fixed"))
        .size() == 1, "the CV tab explains itself");
  }
}
