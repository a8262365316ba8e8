package org.elasticnetlogistic.plot;

import java.awt.Component;
import java.awt.Container;
import java.util.ArrayList;
import java.util.List;

import javax.swing.JButton;

import weka.core.PluginManager;
import weka.core.WekaPackageClassLoaderManager;
import weka.core.WekaPackageManager;
import weka.gui.explorer.ClassifierPanel;

/**
 * Run by {@link InstalledPackageIT} in a child JVM whose class path holds Weka and this
 * class only: it loads the installed packages as the Explorer does, builds the Explorer's
 * Classify panel (headless) and prints what the package added to it. Each line is
 * {@code key: value}; the exit code is 0 when the launch button is there.
 */
public final class InstalledExplorerProbe {

  private InstalledExplorerProbe() {
  }

  public static void main(String[] args) throws Exception {
    WekaPackageManager.loadPackages(false, true, false);
    for (String type : List.of("weka.gui.explorer.ClassifierPanelLaunchHandlerPlugin",
        "weka.gui.visualize.plugins.VisualizePlugin")) {
      for (String name : PluginManager.getPluginNamesOfTypeList(type)) {
        Object plugin = WekaPackageClassLoaderManager.objectForName(name);
        boolean fromPackage = plugin.getClass().getClassLoader()
            != ClassLoader.getSystemClassLoader();
        System.out.println("plugin: " + type + " = " + name + (fromPackage
            ? " (from the package)" : " (from the class path)"));
      }
    }
    List<String> buttons = new ArrayList<>();
    collectButtons(new ClassifierPanel(), buttons);
    for (String text : buttons) {
      System.out.println("button: " + text);
    }
    System.exit(buttons.contains("Path/CV plots") ? 0 : 1);
  }

  private static void collectButtons(Component component, List<String> texts) {
    if (component instanceof JButton button && !button.getText().isEmpty()) {
      texts.add(button.getText());
    }
    if (component instanceof Container container) {
      for (Component child : container.getComponents()) {
        collectButtons(child, texts);
      }
    }
  }
}
