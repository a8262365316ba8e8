package org.elasticnetlogistic.core;

import java.io.Serializable;

/**
 * An unpenalised (maximum-likelihood) logistic fit in the reference-class form: one row per
 * modelled class after the first, each the log-odds against the first (the reference), as R
 * and statsmodels report it. Standard errors come from the inverse Fisher information with
 * the weights as frequency weights. Aliased columns have no estimate (NaN), as R reports NA.
 * Immutable.
 */
public final class UnpenalizedFit implements Serializable {

  private static final long serialVersionUID = 1L;

  private final int numClasses;
  private final int[] modelledClasses;
  private final double[][] coefficients;
  private final double[][] standardErrors;
  private final boolean[] aliased;
  private final double deviance;
  private final double nullDeviance;
  private final int observations;
  private final int iterations;
  private final double gradientNorm;
  private final boolean converged;
  private final boolean separated;
  private final int perfectlyFittedRows;

  UnpenalizedFit(int numClasses, int[] modelledClasses, double[][] coefficients,
      double[][] standardErrors, boolean[] aliased, double deviance, double nullDeviance,
      int observations, int iterations, double gradientNorm, boolean converged,
      boolean separated, int perfectlyFittedRows) {
    this.numClasses = numClasses;
    this.modelledClasses = modelledClasses.clone();
    this.coefficients = deepCopy(coefficients);
    this.standardErrors = deepCopy(standardErrors);
    this.aliased = aliased.clone();
    this.deviance = deviance;
    this.nullDeviance = nullDeviance;
    this.observations = observations;
    this.iterations = iterations;
    this.gradientNorm = gradientNorm;
    this.converged = converged;
    this.separated = separated;
    this.perfectlyFittedRows = perfectlyFittedRows;
  }

  private static double[][] deepCopy(double[][] values) {
    double[][] out = new double[values.length][];
    for (int r = 0; r < values.length; r++) {
      out[r] = values[r].clone();
    }
    return out;
  }

  public int numClasses() {
    return numClasses;
  }

  /** The classes with weight; the first is the reference, the others have a row each. */
  public int[] modelledClasses() {
    return modelledClasses.clone();
  }

  /** The reference class. */
  public int referenceClass() {
    return modelledClasses[0];
  }

  public int rows() {
    return coefficients.length;
  }

  public int columns() {
    return aliased.length;
  }

  /** [row][0 = intercept, then columns], original scale; NaN where aliased. */
  public double[][] coefficients() {
    return deepCopy(coefficients);
  }

  /** Standard errors, same shape as {@link #coefficients()}; NaN where aliased. */
  public double[][] standardErrors() {
    return deepCopy(standardErrors);
  }

  /** Whether column j is linearly dependent on the intercept and earlier columns. */
  public boolean isAliased(int column) {
    return aliased[column];
  }

  /** Number of estimated parameters (intercepts included). */
  public int parameters() {
    int kept = 0;
    for (boolean a : aliased) {
      if (!a) {
        kept++;
      }
    }
    return rows() * (kept + 1);
  }

  /** -2 log-likelihood, with the weights as frequencies. */
  public double deviance() {
    return deviance;
  }

  /** The deviance of the intercept-only model. */
  public double nullDeviance() {
    return nullDeviance;
  }

  public double logLikelihood() {
    return -deviance / 2;
  }

  /** Rows with positive weight. */
  public int observations() {
    return observations;
  }

  /** Akaike's information criterion, deviance + 2 parameters. */
  public double aic() {
    return deviance + 2 * parameters();
  }

  /** Schwarz's Bayesian information criterion, deviance + parameters log(observations). */
  public double bic() {
    return deviance + parameters() * Math.log(observations);
  }

  /** McFadden's pseudo R squared, 1 - deviance / null deviance. */
  public double mcFaddenR2() {
    return nullDeviance > 0 ? 1 - deviance / nullDeviance : 0;
  }

  public int iterations() {
    return iterations;
  }

  /** The largest gradient entry (standardised scale) at the returned point. */
  public double gradientNorm() {
    return gradientNorm;
  }

  public boolean converged() {
    return converged;
  }

  /**
   * Whether the classes are completely or quasi-completely separated, so that no finite
   * maximum-likelihood estimate exists; the coefficients are then meaningless.
   */
  public boolean separated() {
    return separated;
  }

  /**
   * Rows whose observed class is fitted with probability 1: in a separated fit, the rows
   * the separating direction drives to probability 1 (the others stay on the boundary);
   * otherwise the rows within 1e-10 of it.
   */
  public int perfectlyFittedRows() {
    return perfectlyFittedRows;
  }

  /** Class probabilities of one row given on the original column scale. */
  public double[] probabilities(double[] row) {
    int m = modelledClasses.length;
    double[] eta = new double[m];
    for (int r = 0; r < rows(); r++) {
      double sum = coefficients[r][0];
      for (int j = 0; j < aliased.length; j++) {
        if (!aliased[j]) {
          sum += coefficients[r][j + 1] * row[j];
        }
      }
      eta[r + 1] = sum;
    }
    double[] p = Numerics.softmax(eta);
    double[] out = new double[numClasses];
    for (int k = 0; k < m; k++) {
      out[modelledClasses[k]] = p[k];
    }
    return out;
  }
}
