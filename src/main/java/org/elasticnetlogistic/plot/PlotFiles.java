package org.elasticnetlogistic.plot;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.jfree.chart.JFreeChart;

import weka.classifiers.functions.ElasticNetLogistic;

/**
 * Writes a model's plots as PNG files: {@value #PATH_FILE} (one chart per coefficient row,
 * stacked) and {@value #CV_FILE}, each only when the model has that plot.
 */
public final class PlotFiles {

  public static final String PATH_FILE = "coefficient-path.png";
  public static final String CV_FILE = "cv-curve.png";

  /** Default size of one chart, in pixels. */
  public static final int DEFAULT_WIDTH = 900;
  public static final int DEFAULT_HEIGHT = 600;

  private PlotFiles() {
  }

  /**
   * Writes the plots of a fitted model into a folder, {@value #DEFAULT_WIDTH} by
   * {@value #DEFAULT_HEIGHT} pixels a chart.
   *
   * @return the files written, path plot first; none for the unpenalised fit
   * @throws IllegalStateException if the model has not been built
   */
  public static List<Path> write(ElasticNetLogistic model, Path directory) throws IOException {
    return write(ModelPlots.of(model), directory, DEFAULT_WIDTH, DEFAULT_HEIGHT);
  }

  /**
   * Writes the plots the model has into a folder.
   *
   * @param width the width of every chart, in pixels
   * @param height the height of one chart; a multinomial path stacks one per class
   * @return the files written, path plot first
   */
  public static List<Path> write(ModelPlots plots, Path directory, int width, int height)
      throws IOException {
    List<Path> written = new ArrayList<>();
    List<JFreeChart> pathCharts = plots.pathCharts();
    if (!pathCharts.isEmpty()) {
      Path file = directory.resolve(PATH_FILE);
      ChartImage.render(pathCharts, width, height).writePng(file);
      written.add(file);
    }
    Optional<JFreeChart> cv = plots.crossValidationChart();
    if (cv.isPresent()) {
      Path file = directory.resolve(CV_FILE);
      ChartImage.render(List.of(cv.get()), width, height).writePng(file);
      written.add(file);
    }
    return written;
  }
}
