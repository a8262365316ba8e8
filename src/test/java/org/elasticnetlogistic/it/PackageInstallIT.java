package org.elasticnetlogistic.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.elasticnetlogistic.it.ChildJvm.Result;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Installs the built package zip into an empty WEKA_HOME with Weka's own package manager,
 * offline, and runs the installed classifier through weka.Run in a child JVM whose class
 * path holds Weka but not this project's classes: the classifier can only come from the
 * installed package.
 */
class PackageInstallIT {

  private static Path workDir;
  private static Path wekaHome;
  private static String wekaClassPath;

  @BeforeAll
  static void install() throws Exception {
    Path zip = Path.of(System.getProperty("package.zip"));
    assertTrue(Files.isRegularFile(zip), "the package zip was not built: " + zip);
    workDir = Path.of(System.getProperty("work.dir"));
    wekaHome = workDir.resolve("wekahome");
    ChildJvm.deleteRecursively(wekaHome);
    Files.createDirectories(wekaHome);
    wekaClassPath = Stream.of(System.getProperty("java.class.path").split(File.pathSeparator))
        .filter(entry -> !entry.contains("target" + File.separator + "classes")
            && !entry.contains("target" + File.separator + "test-classes")
            && !entry.contains("commons-math3"))
        .collect(Collectors.joining(File.pathSeparator));
    Result result = ChildJvm.run(wekaHome, workDir, wekaClassPath,
        List.of("weka.core.WekaPackageManager", "-offline",
        "-install-package", zip.toString()));
    assertEquals(0, result.exitCode(), result.output());
    Path installed = wekaHome.resolve("packages").resolve("elasticNetLogistic");
    assertTrue(Files.isRegularFile(installed.resolve("Description.props")), result.output());
    assertTrue(Files.isRegularFile(installed.resolve("elasticNetLogistic.jar")));
    assertTrue(Files.isRegularFile(installed.resolve("lib").resolve("commons-math3-3.6.1.jar")));
  }

  @Test
  void installedPackageIsListed() throws Exception {
    Result result = ChildJvm.run(wekaHome, workDir, wekaClassPath,
        List.of("weka.core.WekaPackageManager", "-list-packages",
        "installed"));
    assertEquals(0, result.exitCode(), result.output());
    assertTrue(result.output().contains("elasticNetLogistic"), result.output());
  }

  @Test
  void crossValidatesOnDataWithNominalAttributesThroughWekaRun() throws Exception {
    Path data = resource("weka/gui/beans/templates/credit-g.arff", "credit-g.arff");
    Result result = ChildJvm.run(wekaHome, workDir, wekaClassPath,
        List.of("weka.Run", "-no-scan",
        "weka.classifiers.functions.ElasticNetLogistic", "-t", data.toString(), "-x", "5",
        "-folds", "5"));
    assertEquals(0, result.exitCode(), result.output());
    assertTrue(result.output().contains("=== Stratified cross-validation ==="), result.output());
    assertTrue(result.output().contains("Correctly Classified Instances"), result.output());
    assertTrue(result.output().contains("=== Confusion Matrix ==="), result.output());
    assertTrue(result.output().contains("checking_status=<0"), "term names in the model output");
    double accuracy = Double.parseDouble(result.output().replaceAll("(?s).*Stratified "
        + "cross-validation ===\\s+Correctly Classified Instances\\s+\\d+\\s+([0-9.]+).*",
        "$1"));
    assertTrue(accuracy > 70, "accuracy " + accuracy);
  }

  @Test
  void multiClassWithAFixedLambda() throws Exception {
    Path data = resource("weka/gui/beans/templates/iris.arff", "iris.arff");
    Result result = ChildJvm.run(wekaHome, workDir, wekaClassPath,
        List.of("weka.Run", "-no-scan",
        "weka.classifiers.functions.ElasticNetLogistic", "-t", data.toString(), "-alpha",
        "0.5", "-lambda", "0.01"));
    assertEquals(0, result.exitCode(), result.output());
    assertTrue(result.output().contains("multinomial"), result.output());
    assertTrue(result.output().contains("Iris-setosa"), result.output());
  }

  /**
   * Weka's Experimenter from the command line, with the installed package: a
   * cross-validation result producer tabulates the classifier's additional measures.
   */
  @Test
  void theExperimenterTabulatesTheAdditionalMeasures() throws Exception {
    Path data = resource("weka/gui/beans/templates/iris.arff", "iris-experiment.arff");
    Path results = workDir.resolve("experiment.arff");
    Files.deleteIfExists(results);
    Result result = ChildJvm.run(wekaHome, workDir, wekaClassPath,
        List.of("weka.experiment.Experiment", "-r", "-L", "1", "-U", "1",
        "-T", data.toString(),
        "-D", "weka.experiment.InstancesResultListener -O " + results,
        "-P", "weka.experiment.CrossValidationResultProducer", "--", "-X", "2", "-W",
        "weka.experiment.ClassifierSplitEvaluator", "--", "-W",
        "weka.classifiers.functions.ElasticNetLogistic", "--", "-folds", "3", "-nlambda",
        "20"));
    assertEquals(0, result.exitCode(), result.output());
    assertTrue(Files.isRegularFile(results), result.output());
    weka.core.Instances table = new weka.core.Instances(
        Files.newBufferedReader(results, StandardCharsets.UTF_8));
    for (String measure : List.of("measureLambda", "measureNumNonZero",
        "measureNumIterations", "measureKKTViolation", "measureDeviance",
        "measureDevianceRatio")) {
      weka.core.Attribute attribute = table.attribute(measure);
      assertTrue(attribute != null, measure + " missing from the experiment's results");
      for (weka.core.Instance row : table) {
        double value = row.value(attribute);
        assertTrue(Double.isFinite(value) && value >= 0, measure + " = " + value);
      }
    }
    assertEquals(2, table.numInstances(), "one row per fold");
  }

  private static Path resource(String name, String fileName) throws IOException {
    Path target = workDir.resolve(fileName);
    try (InputStream in = weka.core.Instances.class.getClassLoader().getResourceAsStream(name)) {
      assertTrue(in != null, "missing resource " + name);
      Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
    }
    return target;
  }

}
