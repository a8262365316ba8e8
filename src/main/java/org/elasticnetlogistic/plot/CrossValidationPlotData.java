package org.elasticnetlogistic.plot;

import org.elasticnetlogistic.core.CrossValidationResult;
import org.elasticnetlogistic.core.FitSettings;

/**
 * What a cross-validation plot shows: the mean CV measure and its standard error at every
 * lambda, the two lambdas glmnet's rules pick (lambda_min and lambda_1se), which of them the
 * model uses, and the model size at every lambda. Immutable.
 */
public final class CrossValidationPlotData {

  private final double[] lambdas;
  private final double[] mean;
  private final double[] standardError;
  private final int[] nonZeroTerms;
  private final int indexMin;
  private final int indexOneSe;
  private final FitSettings.Selection selection;
  private final String measureName;
  private final int folds;

  private CrossValidationPlotData(CrossValidationResult cv, int[] nonZeroTerms,
      FitSettings.Selection selection, String measureName) {
    this.lambdas = cv.lambdas();
    this.mean = cv.mean();
    this.standardError = cv.standardError();
    this.nonZeroTerms = nonZeroTerms.clone();
    this.indexMin = cv.indexMin();
    this.indexOneSe = cv.indexOneSe();
    this.selection = selection;
    this.measureName = measureName;
    this.folds = cv.folds();
  }

  /**
   * Reads a cross-validation curve.
   *
   * @param cv the curve
   * @param nonZeroTerms the number of non-zero terms of the full-data fit at each CV lambda
   * @param selection the rule that chose the model's lambda
   * @param multinomial whether the model has more than two classes (names the deviance)
   */
  public static CrossValidationPlotData of(CrossValidationResult cv, int[] nonZeroTerms,
      FitSettings.Selection selection, boolean multinomial) {
    if (nonZeroTerms.length != cv.size()) {
      throw new IllegalArgumentException(nonZeroTerms.length + " model sizes for "
          + cv.size() + " lambdas");
    }
    return new CrossValidationPlotData(cv, nonZeroTerms, selection,
        measureName(cv.measure(), multinomial));
  }

  private static String measureName(FitSettings.Measure measure, boolean multinomial) {
    return switch (measure) {
      case DEVIANCE -> multinomial ? "Multinomial deviance" : "Binomial deviance";
      case MISCLASSIFICATION -> "Misclassification rate";
      case AUC -> "AUC";
    };
  }

  public int size() {
    return lambdas.length;
  }

  public double lambda(int index) {
    return lambdas[index];
  }

  /** The natural logarithms of the lambdas: the x values of the plot. */
  public double[] logLambdas() {
    double[] out = new double[lambdas.length];
    for (int k = 0; k < out.length; k++) {
      out[k] = Math.log(lambdas[k]);
    }
    return out;
  }

  public double[] mean() {
    return mean.clone();
  }

  public double[] standardError() {
    return standardError.clone();
  }

  public int[] nonZeroTerms() {
    return nonZeroTerms.clone();
  }

  /** Index of lambda_min, the best mean. */
  public int indexMin() {
    return indexMin;
  }

  /** Index of lambda_1se, the largest lambda within one standard error of the best. */
  public int indexOneSe() {
    return indexOneSe;
  }

  /** The rule that chose the model's lambda. */
  public FitSettings.Selection selection() {
    return selection;
  }

  /** The measure's name for the y axis, e.g. {@code Binomial deviance}. */
  public String measureName() {
    return measureName;
  }

  public int folds() {
    return folds;
  }
}
