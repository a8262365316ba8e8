package org.elasticnetlogistic.plot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;

import javax.imageio.ImageIO;

import org.elasticnetlogistic.it.ChildJvm;
import org.elasticnetlogistic.it.ChildJvm.Result;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The plots from the installed package: the built zip goes into an empty WEKA_HOME through
 * Weka's package manager, offline, and child JVMs whose class path holds Weka but neither
 * this project's classes nor JFreeChart run the plot command through weka.Run and build the
 * Explorer's Classify panel. The plot classes and JFreeChart can only come from the
 * package (its jar and its lib/).
 */
class InstalledPackageIT {

  private static Path workDir;
  private static Path wekaHome;
  private static String wekaClassPath;
  private static String testClasses;

  @BeforeAll
  static void install() throws Exception {
    Path zip = Path.of(System.getProperty("package.zip"));
    assertTrue(Files.isRegularFile(zip), "the package zip was not built: " + zip);
    workDir = Path.of(System.getProperty("work.dir")).resolve("plots");
    wekaHome = workDir.resolve("wekahome");
    ChildJvm.deleteRecursively(workDir);
    Files.createDirectories(wekaHome);
    List<String> entries = List.of(System.getProperty("java.class.path")
        .split(File.pathSeparator));
    testClasses = entries.stream().filter(entry -> entry.endsWith("test-classes"))
        .findFirst().orElseThrow();
    String target = Path.of(testClasses).getParent().toString();
    wekaClassPath = entries.stream()
        .filter(entry -> !entry.startsWith(target) && !entry.contains("commons-math3")
            && !entry.contains("jfreechart"))
        .collect(Collectors.joining(File.pathSeparator));
    Result result = ChildJvm.run(wekaHome, workDir, wekaClassPath,
        List.of("weka.core.WekaPackageManager", "-offline",
        "-install-package", zip.toString()));
    assertEquals(0, result.exitCode(), result.output());
    Path installed = wekaHome.resolve("packages").resolve("elasticNetLogistic");
    assertTrue(Files.isRegularFile(installed.resolve("PluginManager.props")), result.output());
    assertTrue(Files.isRegularFile(installed.resolve("lib").resolve("jfreechart-1.5.6.jar")));
  }

  @Test
  void thePlotCommandRunsThroughWekaRun() throws Exception {
    Path out = workDir.resolve("png");
    Result result = ChildJvm.run(wekaHome, workDir, wekaClassPath,
        List.of("weka.Run", "-no-scan",
        "org.elasticnetlogistic.plot.PlotCommand", "-t",
        Path.of(System.getProperty("test.data.dir"), "credit-g.arff").toString(), "-d",
        out.toString(), "-folds", "5", "-nlambda", "40"));
    assertEquals(0, result.exitCode(), result.output());
    for (String name : List.of(PlotFiles.PATH_FILE, PlotFiles.CV_FILE)) {
      Path file = out.resolve(name);
      assertTrue(result.output().contains(file.toString()), result.output());
      BufferedImage image = ImageIO.read(file.toFile());
      assertEquals(PlotFiles.DEFAULT_WIDTH, image.getWidth(), name);
      assertEquals(PlotFiles.DEFAULT_HEIGHT, image.getHeight(), name);
      assertTrue(Pixels.inkShare(image) > 0.03, name + " is blank");
    }
  }

  @Test
  void theExplorersClassifyPanelShowsTheButtonFromThePackage() throws Exception {
    Result result = ChildJvm.run(wekaHome, workDir,
        wekaClassPath + File.pathSeparator + testClasses,
        List.of(InstalledExplorerProbe.class.getName()));
    assertEquals(0, result.exitCode(), result.output());
    assertTrue(result.output().contains("button: " + ExplorerPlotLauncher.COMMAND),
        result.output());
    assertTrue(result.output().contains("plugin: weka.gui.explorer."
        + "ClassifierPanelLaunchHandlerPlugin = " + ExplorerPlotLauncher.class.getName()
        + " (from the package)"), result.output());
    assertTrue(result.output().contains("plugin: weka.gui.visualize.plugins.VisualizePlugin = "
        + ResultListPlotPlugin.class.getName() + " (from the package)"), result.output());
  }

}
