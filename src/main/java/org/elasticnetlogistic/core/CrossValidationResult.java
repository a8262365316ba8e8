package org.elasticnetlogistic.core;

import java.io.Serializable;

/**
 * The cross-validation curve over a lambda sequence: per lambda the weighted mean of the
 * fold measures and its standard error, with glmnet's definitions (fold weights are the
 * folds' total row weights). Immutable.
 */
public final class CrossValidationResult implements Serializable {

  private static final long serialVersionUID = 1L;

  private final FitSettings.Measure measure;
  private final int folds;
  private final double[] lambdas;
  private final double[] mean;
  private final double[] standardError;
  private final int indexMin;
  private final int indexOneSe;

  CrossValidationResult(FitSettings.Measure measure, int folds, double[] lambdas,
      double[] mean, double[] standardError) {
    this.measure = measure;
    this.folds = folds;
    this.lambdas = lambdas.clone();
    this.mean = mean.clone();
    this.standardError = standardError.clone();
    this.indexMin = best(measure, mean);
    this.indexOneSe = oneStandardError(measure, mean, standardError, indexMin);
  }

  private static int best(FitSettings.Measure measure, double[] mean) {
    int best = -1;
    for (int k = 0; k < mean.length; k++) {
      if (Double.isNaN(mean[k])) {
        continue;
      }
      if (best < 0 || (measure.higherIsBetter() ? mean[k] > mean[best] : mean[k] < mean[best])) {
        best = k;
      }
    }
    return Math.max(best, 0);
  }

  private static int oneStandardError(FitSettings.Measure measure, double[] mean,
      double[] standardError, int indexMin) {
    double se = Double.isNaN(standardError[indexMin]) ? 0 : standardError[indexMin];
    for (int k = 0; k <= indexMin; k++) {
      if (Double.isNaN(mean[k])) {
        continue;
      }
      boolean within = measure.higherIsBetter()
          ? mean[k] >= mean[indexMin] - se
          : mean[k] <= mean[indexMin] + se;
      if (within) {
        return k;
      }
    }
    return indexMin;
  }

  public FitSettings.Measure measure() {
    return measure;
  }

  public int folds() {
    return folds;
  }

  public int size() {
    return lambdas.length;
  }

  public double lambda(int index) {
    return lambdas[index];
  }

  public double[] lambdas() {
    return lambdas.clone();
  }

  /** The weighted mean over folds at each lambda. */
  public double[] mean() {
    return mean.clone();
  }

  /** The standard error of the mean at each lambda. */
  public double[] standardError() {
    return standardError.clone();
  }

  /** Index of the best mean (the largest lambda among ties). */
  public int indexMin() {
    return indexMin;
  }

  /** Index of the largest lambda whose mean is within one standard error of the best. */
  public int indexOneSe() {
    return indexOneSe;
  }

  public int selectedIndex(FitSettings.Selection selection) {
    return selection == FitSettings.Selection.ONE_SE ? indexOneSe : indexMin;
  }
}
