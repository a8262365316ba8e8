package org.elasticnetlogistic.plot;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.elasticnetlogistic.core.CrossValidationResult;
import org.elasticnetlogistic.core.ElasticNetFit;
import org.elasticnetlogistic.core.FitSettings;
import org.elasticnetlogistic.core.RegularizationPath;
import org.jfree.chart.JFreeChart;

import weka.classifiers.functions.ElasticNetLogistic;

/**
 * The plots a fitted {@link ElasticNetLogistic} can show: its coefficient path, unless it is
 * the unpenalised fit, and its cross-validation curve, when lambda was chosen by
 * cross-validation. What cannot be shown is explained in {@link #notes()}. Immutable.
 */
public final class ModelPlots {

  private final PathPlotData path;
  private final CrossValidationPlotData crossValidation;
  private final List<String> notes;

  private ModelPlots(PathPlotData path, CrossValidationPlotData crossValidation,
      List<String> notes) {
    this.path = path;
    this.crossValidation = crossValidation;
    this.notes = List.copyOf(notes);
  }

  /**
   * Reads the plots of a fitted model.
   *
   * @throws IllegalStateException if the model has not been built
   */
  public static ModelPlots of(ElasticNetLogistic model) {
    Optional<ElasticNetFit> penalised = model.getFit();
    if (penalised.isEmpty()) {
      return new ModelPlots(null, null, List.of("The unpenalised fit (-lambda 0) has no "
          + "regularisation path and no cross-validation curve to plot. Fit without -lambda "
          + "(or with -lambda > 0) to see them."));
    }
    ElasticNetFit fit = penalised.get();
    RegularizationPath path = fit.path();
    List<String> notes = new ArrayList<>();
    PathPlotData pathData = PathPlotData.of(path, List.of(model.getTermNames()),
        rowTitles(model.getCoefficientRowNames()), fit.lambda(), fit.settings().standardize(),
        describe(model, fit));
    CrossValidationPlotData cvData = null;
    Optional<CrossValidationResult> cv = fit.crossValidation();
    if (cv.isPresent()) {
      cvData = CrossValidationPlotData.of(cv.get(), nonZeroAt(path, cv.get()),
          fit.settings().selection(), path.numClasses() > 2);
    } else if (fit.lambdaChoice() == ElasticNetFit.LambdaChoice.FIXED) {
      notes.add("No cross-validation curve: lambda was fixed (-lambda "
          + ChartStyle.formatLambda(fit.lambda()) + "). Fit without -lambda to choose it by "
          + "cross-validation.");
    } else {
      notes.add("No cross-validation curve: cross-validation was off (-folds 0), so the "
          + "smallest lambda of the path was kept.");
    }
    if (pathData.isSinglePoint()) {
      notes.add("The path is a single point: lambda was fixed (-lambda). Fit without -lambda "
          + "for the whole path.");
    }
    return new ModelPlots(pathData, cvData, notes);
  }

  private static List<String> rowTitles(String[] rowNames) {
    List<String> titles = new ArrayList<>();
    for (String name : rowNames) {
      titles.add(rowNames.length == 1 ? "log-odds of class '" + name + "'"
          : "class '" + name + "'");
    }
    return titles;
  }

  private static String describe(ElasticNetLogistic model, ElasticNetFit fit) {
    String l = ChartStyle.LAMBDA;
    String lambda = ChartStyle.formatLambda(fit.lambda()) + " (log "
        + ChartStyle.formatLog(Math.log(fit.lambda())) + ")";
    String how = switch (fit.lambdaChoice()) {
      case FIXED -> "fixed " + l + " = " + lambda;
      case CROSS_VALIDATION -> l + " = " + lambda + ", chosen by "
          + fit.crossValidation().map(CrossValidationResult::folds).orElse(0)
          + "-fold CV (" + (fit.settings().selection() == FitSettings.Selection.ONE_SE
          ? "1se" : "min") + " rule)";
      case SMALLEST_ON_PATH -> l + " = " + lambda + ", the smallest on the path (no CV)";
    };
    return "alpha = " + fit.settings().alpha() + ";  " + how + ";  "
        + fit.selected().nonZeroColumns() + " of " + model.getTermNames().length
        + " terms non-zero" + (model.getCoefficientRowNames().length > 1 ? " in some class"
        : "");
  }

  /** The model size of the full-data fit at each CV lambda (the nearest path lambda). */
  private static int[] nonZeroAt(RegularizationPath path, CrossValidationResult cv) {
    double[] pathLambdas = path.lambdas();
    int[] out = new int[cv.size()];
    for (int k = 0; k < out.length; k++) {
      int nearest = 0;
      double target = Math.log(cv.lambda(k));
      for (int p = 1; p < pathLambdas.length; p++) {
        if (Math.abs(Math.log(pathLambdas[p]) - target)
            < Math.abs(Math.log(pathLambdas[nearest]) - target)) {
          nearest = p;
        }
      }
      out[k] = path.point(nearest).nonZeroColumns();
    }
    return out;
  }

  public Optional<PathPlotData> path() {
    return Optional.ofNullable(path);
  }

  public Optional<CrossValidationPlotData> crossValidation() {
    return Optional.ofNullable(crossValidation);
  }

  /** Why a plot is missing or limited, one sentence each; empty when both are complete. */
  public List<String> notes() {
    return notes;
  }

  /** The path charts, one per coefficient row; empty for the unpenalised fit. */
  public List<JFreeChart> pathCharts() {
    return path == null ? List.of() : CoefficientPathChart.createAll(path);
  }

  public Optional<JFreeChart> crossValidationChart() {
    return crossValidation().map(CrossValidationChart::create);
  }
}
