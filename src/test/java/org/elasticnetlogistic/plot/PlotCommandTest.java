package org.elasticnetlogistic.plot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import weka.classifiers.functions.ElasticNetLogistic;

/**
 * The command line: it fits the model its options describe and writes both PNG files at the
 * asked size, says what it could not draw, refuses bad options with the usage, and runs
 * through weka.Run.
 */
class PlotCommandTest {

  @TempDir
  Path folder;

  private record Run(int code, String out, String err) {
  }

  private static Run run(String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code = PlotCommand.execute(args, new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8));
    return new Run(code, out.toString(StandardCharsets.UTF_8),
        err.toString(StandardCharsets.UTF_8));
  }

  private static String iris() {
    return FittedModels.dataFile("iris.arff").getPath();
  }

  private static BufferedImage read(Path file) throws IOException {
    BufferedImage image = ImageIO.read(file.toFile());
    assertTrue(image != null, "not a readable image: " + file);
    return image;
  }

  @Test
  void writesBothPlotsAtTheAskedSizeWithClassifierOptionsMixedIn() throws Exception {
    Run run = run("-t", iris(), "-d", folder.toString(), "-W", "640", "-H", "400",
        "-folds", "3", "-nlambda", "20", "-select", "1se");
    assertEquals(PlotCommand.OK, run.code(), run.err());
    Path path = folder.resolve(PlotFiles.PATH_FILE);
    Path cv = folder.resolve(PlotFiles.CV_FILE);
    assertEquals(List.of(path.toString(), cv.toString()), run.out().lines().toList());
    BufferedImage pathImage = read(path);
    assertEquals(640, pathImage.getWidth());
    assertEquals(3 * 400, pathImage.getHeight(), "one chart per class of iris");
    BufferedImage cvImage = read(cv);
    assertEquals(640, cvImage.getWidth());
    assertEquals(400, cvImage.getHeight());
    assertTrue(Pixels.inkShare(pathImage) > 0.03 && Pixels.inkShare(cvImage) > 0.03);
    assertTrue(run.err().isEmpty(), run.err());
  }

  @Test
  void optionsAfterTwoDashesGoToTheClassifierAndMissingPlotsAreExplained() throws Exception {
    Run run = run("-t", iris(), "-d", folder.toString(), "-W", "400", "-H", "300", "--",
        "-lambda", "0.05");
    assertEquals(PlotCommand.OK, run.code(), run.err());
    assertTrue(Files.isRegularFile(folder.resolve(PlotFiles.PATH_FILE)));
    assertFalse(Files.exists(folder.resolve(PlotFiles.CV_FILE)), "no CV for a fixed lambda");
    assertTrue(run.err().contains("lambda was fixed"), run.err());
  }

  @Test
  void theUnpenalisedFitHasNothingToPlot() {
    Run run = run("-t", FittedModels.dataFile("birthwt.arff").getPath(), "-d",
        folder.toString(), "-lambda", "0");
    assertEquals(PlotCommand.NOTHING_TO_PLOT, run.code(), run.err());
    assertTrue(run.out().isEmpty(), run.out());
    assertTrue(run.err().contains("-lambda 0"), run.err());
  }

  @Test
  void badOptionsAreRefusedByNameWithTheUsage() throws IOException {
    Run unknown = run("-t", iris(), "-d", folder.toString(), "-no-such-option");
    assertEquals(PlotCommand.FAILED, unknown.code());
    assertTrue(unknown.err().contains("-no-such-option"), unknown.err());
    Run noData = run("-d", folder.toString());
    assertEquals(PlotCommand.FAILED, noData.code());
    assertTrue(noData.err().contains("-t <file>") && noData.err().contains("Usage:"),
        noData.err());
    Run tiny = run("-t", iris(), "-W", "20");
    assertEquals(PlotCommand.FAILED, tiny.code());
    assertTrue(tiny.err().contains("-W"), tiny.err());
    Run badAlpha = run("-t", iris(), "-d", folder.toString(), "-alpha", "2");
    assertEquals(PlotCommand.FAILED, badAlpha.code());
    assertTrue(badAlpha.err().contains("alpha"), badAlpha.err());
    try (var files = Files.list(folder)) {
      assertEquals(0, files.count(), "nothing written after a refusal");
    }
  }

  @Test
  void helpPrintsTheUsage() {
    Run run = run("-h");
    assertEquals(PlotCommand.OK, run.code());
    assertTrue(run.out().startsWith("Usage: PlotCommand"), run.out());
  }

  @Test
  void runsThroughWekaRun() throws Exception {
    weka.Run.main(new String[] {"-no-load", "-no-scan", PlotCommand.class.getName(), "-t",
        iris(), "-d", folder.toString(), "-W", "400", "-H", "300", "-folds", "3", "-nlambda",
        "15"});
    assertEquals(3 * 300, read(folder.resolve(PlotFiles.PATH_FILE)).getHeight());
    assertEquals(400, read(folder.resolve(PlotFiles.CV_FILE)).getWidth());
  }

  @Test
  void theJavaApiWritesTheFilesOfAFittedModel() throws Exception {
    ElasticNetLogistic model = FittedModels.binomial();
    List<Path> files = PlotFiles.write(model, folder.resolve("nested"));
    assertEquals(List.of(folder.resolve("nested").resolve(PlotFiles.PATH_FILE),
        folder.resolve("nested").resolve(PlotFiles.CV_FILE)), new ArrayList<>(files));
    for (Path file : files) {
      BufferedImage image = read(file);
      assertEquals(PlotFiles.DEFAULT_WIDTH, image.getWidth());
      assertEquals(PlotFiles.DEFAULT_HEIGHT, image.getHeight());
    }
  }
}
