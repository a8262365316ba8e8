package org.elasticnetlogistic.core;

import java.io.Serializable;

/**
 * Fitted coefficients on the original scale of the design columns: one row per linear
 * predictor, each an intercept followed by one coefficient per column. The binomial model
 * has one row (the log-odds of class 1 against class 0); the symmetric multinomial model has
 * one row per class. Immutable.
 */
public final class Coefficients implements Serializable {

  private static final long serialVersionUID = 1L;

  private final double[] intercepts;
  private final double[][] slopes;

  /** @param intercepts one per row; @param slopes [row][column]; both copied */
  public Coefficients(double[] intercepts, double[][] slopes) {
    if (intercepts.length != slopes.length) {
      throw new IllegalArgumentException(intercepts.length + " intercepts for "
          + slopes.length + " coefficient rows");
    }
    this.intercepts = intercepts.clone();
    this.slopes = new double[slopes.length][];
    for (int r = 0; r < slopes.length; r++) {
      this.slopes[r] = slopes[r].clone();
    }
  }

  public int rows() {
    return intercepts.length;
  }

  public int columns() {
    return slopes.length == 0 ? 0 : slopes[0].length;
  }

  public double intercept(int row) {
    return intercepts[row];
  }

  public double coefficient(int row, int column) {
    return slopes[row][column];
  }

  /** A copy as {@code [row][0 = intercept, then one value per column]}. */
  public double[][] toArray() {
    double[][] out = new double[rows()][columns() + 1];
    for (int r = 0; r < rows(); r++) {
      out[r][0] = intercepts[r];
      System.arraycopy(slopes[r], 0, out[r], 1, columns());
    }
    return out;
  }

  /** Number of columns with a non-zero coefficient in some row. */
  public int nonZeroColumns() {
    int count = 0;
    for (int j = 0; j < columns(); j++) {
      for (double[] row : slopes) {
        if (row[j] != 0) {
          count++;
          break;
        }
      }
    }
    return count;
  }

  /** Number of non-zero coefficients, intercepts excluded. */
  public int nonZeroCoefficients() {
    int count = 0;
    for (double[] row : slopes) {
      for (double c : row) {
        if (c != 0) {
          count++;
        }
      }
    }
    return count;
  }

  /**
   * The linear predictor of a row: intercept + sum_j x_j b_j. Extreme inputs saturate at
   * +-infinity rather than giving NaN: when terms overflow both ways, the larger finite
   * partial sums decide.
   */
  public double linearPredictor(int row, double[] x) {
    double sum = intercepts[row];
    double[] b = slopes[row];
    for (int j = 0; j < b.length; j++) {
      if (b[j] != 0) {
        sum += b[j] * x[j];
      }
    }
    if (!Double.isNaN(sum)) {
      return sum;
    }
    double positive = 0;
    double negative = 0;
    for (int j = 0; j < b.length; j++) {
      double term = b[j] * x[j];
      if (b[j] == 0 || Double.isNaN(term)) {
        continue;
      }
      // each term capped so that the two sides stay comparable
      if (term > 0) {
        positive += Math.min(term, Double.MAX_VALUE / (b.length + 1));
      } else {
        negative -= Math.max(term, -Double.MAX_VALUE / (b.length + 1));
      }
    }
    return positive == negative ? intercepts[row]
        : positive > negative ? Double.POSITIVE_INFINITY : Double.NEGATIVE_INFINITY;
  }
}
