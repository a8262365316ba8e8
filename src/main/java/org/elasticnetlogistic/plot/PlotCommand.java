package org.elasticnetlogistic.plot;

import java.io.PrintStream;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;

import weka.classifiers.functions.ElasticNetLogistic;
import weka.core.CommandlineRunnable;
import weka.core.Instances;
import weka.core.Utils;
import weka.core.converters.ConverterUtils.DataSource;

/**
 * Fits {@link ElasticNetLogistic} to a data set and writes its coefficient path and
 * cross-validation plots as PNG files:
 *
 * <pre>
 * PlotCommand -t data.arff [-c last] [-d folder] [-W 900] [-H 600] [classifier options]
 * </pre>
 *
 * <p>Every other option goes to the classifier, before or after a {@code --}. Run it with
 * plain Java and the package's jars, or through Weka's {@code weka.Run} with the installed
 * package (it is a {@link CommandlineRunnable}).
 */
public final class PlotCommand implements CommandlineRunnable {

  /** Exit code: a plot was written. */
  public static final int OK = 0;
  /** Exit code: bad options or data, or the fit failed. */
  public static final int FAILED = 1;
  /** Exit code: the model has nothing to plot (the unpenalised fit). */
  public static final int NOTHING_TO_PLOT = 2;

  static final String USAGE = String.join("\n",
      "Usage: PlotCommand -t <data file> [-c <class index>] [-d <output folder>]",
      "                   [-W <width>] [-H <height>] [<ElasticNetLogistic options>]",
      "",
      "Fits ElasticNetLogistic and writes " + PlotFiles.PATH_FILE + " (the coefficient path,",
      "one chart per class for more than two classes) and " + PlotFiles.CV_FILE + " (the",
      "cross-validation curve, when lambda is chosen by cross-validation).",
      "",
      "Options:",
      "  -t <file>    the training data (ARFF, CSV or any format Weka reads)",
      "  -c <index>   the class attribute: first, last or a 1-based index (default last)",
      "  -d <folder>  where to write the PNG files (default: the current folder)",
      "  -W <pixels>  the width of a chart (default " + PlotFiles.DEFAULT_WIDTH + ")",
      "  -H <pixels>  the height of a chart (default " + PlotFiles.DEFAULT_HEIGHT + "); the path",
      "               of more than two classes stacks one chart per class",
      "",
      "Any other option goes to ElasticNetLogistic, e.g. -alpha 0.5 -folds 5 -select 1se,",
      "and so does everything after --.",
      "",
      "Exit code: 0 when a plot was written, 1 for an error, 2 when the model has",
      "nothing to plot (the unpenalised fit, -lambda 0).");

  public static void main(String[] args) {
    // only files are drawn: no display is needed, nor wanted on a server
    if (System.getProperty("java.awt.headless") == null) {
      System.setProperty("java.awt.headless", "true");
    }
    int code = execute(args, System.out, System.err);
    if (code != OK) {
      System.exit(code);
    }
  }

  /**
   * Runs the command.
   *
   * @param out receives the files written
   * @param err receives notes, errors and the usage
   * @return {@link #OK}, {@link #FAILED} or {@link #NOTHING_TO_PLOT}
   */
  public static int execute(String[] args, PrintStream out, PrintStream err) {
    Request request;
    try {
      request = Request.parse(args);
    } catch (Exception e) {
      err.println("PlotCommand: " + e.getMessage() + "\n\n" + USAGE);
      return FAILED;
    }
    if (request == null) {
      out.println(USAGE);
      return OK;
    }
    try {
      ElasticNetLogistic model = new ElasticNetLogistic();
      String[] classifierOptions = request.classifierOptions().clone();
      model.setOptions(classifierOptions);
      Utils.checkForRemainingOptions(classifierOptions);
      model.buildClassifier(request.data());
      ModelPlots plots = ModelPlots.of(model);
      List<Path> written = PlotFiles.write(plots, request.directory(), request.width(),
          request.height());
      for (String note : plots.notes()) {
        err.println("PlotCommand: " + note);
      }
      for (Path file : written) {
        out.println(file);
      }
      return written.isEmpty() ? NOTHING_TO_PLOT : OK;
    } catch (Exception e) {
      err.println("PlotCommand: " + e.getMessage());
      return FAILED;
    }
  }

  /** The parsed command line. */
  record Request(Instances data, Path directory, int width, int height,
      String[] classifierOptions) {

    /** The request, or null when help was asked for. */
    static Request parse(String[] args) throws Exception {
      String[] own = args.clone();
      if (Utils.getFlag('h', own) || Utils.getFlag("help", own) || args.length == 0) {
        return null;
      }
      String[] afterDashes = Utils.partitionOptions(own);
      String file = Utils.getOption('t', own);
      if (file.isEmpty()) {
        throw new IllegalArgumentException("no data: give -t <file>");
      }
      String classIndex = Utils.getOption('c', own);
      String folder = Utils.getOption('d', own);
      int width = size("W", Utils.getOption('W', own), PlotFiles.DEFAULT_WIDTH);
      int height = size("H", Utils.getOption('H', own), PlotFiles.DEFAULT_HEIGHT);
      List<String> classifierOptions = new ArrayList<>();
      for (String option : own) {
        if (!option.isEmpty()) {
          classifierOptions.add(option);
        }
      }
      classifierOptions.addAll(List.of(afterDashes));
      Instances data = DataSource.read(file);
      data.setClassIndex(classIndex(classIndex, data.numAttributes()));
      return new Request(data, Paths.get(folder.isEmpty() ? "." : folder), width, height,
          classifierOptions.toArray(new String[0]));
    }

    private static int size(String option, String text, int absent) {
      if (text.isEmpty()) {
        return absent;
      }
      try {
        int pixels = Integer.parseInt(text);
        if (pixels >= 100 && pixels <= 10000) {
          return pixels;
        }
      } catch (NumberFormatException e) {
        // reported below
      }
      throw new IllegalArgumentException("-" + option + " needs a number of pixels from 100 "
          + "to 10000, got '" + text + "'");
    }

    private static int classIndex(String text, int attributes) {
      if (text.isEmpty() || text.equalsIgnoreCase("last")) {
        return attributes - 1;
      }
      if (text.equalsIgnoreCase("first")) {
        return 0;
      }
      try {
        int index = Integer.parseInt(text);
        if (index >= 1 && index <= attributes) {
          return index - 1;
        }
      } catch (NumberFormatException e) {
        // reported below
      }
      throw new IllegalArgumentException("-c needs first, last or 1 to " + attributes
          + ", got '" + text + "'");
    }
  }

  // ---------------------------------------------- weka.Run (CommandlineRunnable)

  @Override
  public void preExecution() {
    // nothing to set up
  }

  /** Called by {@code weka.Run}; never exits the JVM, which may be Weka's GUI. */
  @Override
  public void run(Object toRun, String[] options) {
    execute(options, System.out, System.err);
  }

  @Override
  public void postExecution() {
    // nothing to tear down
  }
}
