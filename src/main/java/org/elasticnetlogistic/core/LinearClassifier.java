package org.elasticnetlogistic.core;

import java.io.Serializable;

/**
 * A fitted logistic model that turns design rows into class probabilities.
 *
 * <p>It models a subset of the K classes (those with training weight). With two modelled
 * classes a and b the single coefficient row is the log-odds of b against a; with more, one
 * row per modelled class feeds a softmax; with one, that class gets probability one.
 * Classes that are not modelled get probability zero. Immutable.
 */
public final class LinearClassifier implements Serializable {

  private static final long serialVersionUID = 1L;

  private final int numClasses;
  private final int[] modelledClasses;
  private final Coefficients coefficients;

  /**
   * @param numClasses K, the number of classes of the problem
   * @param modelledClasses the classes in the model, increasing
   * @param coefficients one row for two modelled classes, else one row per modelled class
   */
  public LinearClassifier(int numClasses, int[] modelledClasses, Coefficients coefficients) {
    int m = modelledClasses.length;
    int expectedRows = m == 2 ? 1 : m;
    if (coefficients.rows() != expectedRows) {
      throw new IllegalArgumentException(m + " modelled classes need " + expectedRows
          + " coefficient rows, got " + coefficients.rows());
    }
    this.numClasses = numClasses;
    this.modelledClasses = modelledClasses.clone();
    this.coefficients = coefficients;
  }

  public int numClasses() {
    return numClasses;
  }

  public int[] modelledClasses() {
    return modelledClasses.clone();
  }

  public Coefficients coefficients() {
    return coefficients;
  }

  /** Class probabilities of one row given on the original scale (length = columns). */
  public double[] probabilities(double[] row) {
    int m = modelledClasses.length;
    double[] out = new double[numClasses];
    if (m == 1) {
      out[modelledClasses[0]] = 1.0;
      return out;
    }
    if (m == 2) {
      double eta = coefficients.linearPredictor(0, row);
      out[modelledClasses[1]] = Numerics.sigmoid(eta);
      out[modelledClasses[0]] = Numerics.sigmoid(-eta);
      return out;
    }
    double[] eta = new double[m];
    for (int r = 0; r < m; r++) {
      eta[r] = coefficients.linearPredictor(r, row);
    }
    double[] p = Numerics.softmax(eta);
    for (int r = 0; r < m; r++) {
      out[modelledClasses[r]] = p[r];
    }
    return out;
  }

  /** Class probabilities of every row of a design matrix: [row][class]. */
  public double[][] probabilities(DesignMatrix design) {
    int n = design.rows();
    int m = modelledClasses.length;
    double[][] out = new double[n][numClasses];
    if (m == 1) {
      for (int i = 0; i < n; i++) {
        out[i][modelledClasses[0]] = 1.0;
      }
      return out;
    }
    int rowsOfCoefficients = coefficients.rows();
    double[][] eta = new double[rowsOfCoefficients][];
    for (int r = 0; r < rowsOfCoefficients; r++) {
      eta[r] = linearPredictors(design, r);
    }
    if (m == 2) {
      for (int i = 0; i < n; i++) {
        out[i][modelledClasses[1]] = Numerics.sigmoid(eta[0][i]);
        out[i][modelledClasses[0]] = Numerics.sigmoid(-eta[0][i]);
      }
      return out;
    }
    double[] values = new double[m];
    double[] p = new double[m];
    for (int i = 0; i < n; i++) {
      for (int r = 0; r < m; r++) {
        values[r] = eta[r][i];
      }
      Numerics.softmax(values, 0, m, p, 0);
      for (int r = 0; r < m; r++) {
        out[i][modelledClasses[r]] = p[r];
      }
    }
    return out;
  }

  /** The linear predictor of coefficient row r for every row of the design. */
  public double[] linearPredictors(DesignMatrix design, int r) {
    int n = design.rows();
    double intercept = coefficients.intercept(r);
    for (int j = 0; j < coefficients.columns(); j++) {
      intercept += coefficients.coefficient(r, j) * design.columnOffset(j);
    }
    double[] eta = new double[n];
    java.util.Arrays.fill(eta, intercept);
    for (int j = 0; j < coefficients.columns(); j++) {
      double b = coefficients.coefficient(r, j);
      if (b != 0) {
        design.addScaled(j, b, eta);
      }
    }
    return eta;
  }
}
