package org.elasticnetlogistic.core;

import java.io.Serializable;
import java.util.Arrays;

/**
 * The elastic-net penalty on standardised coefficients, before it is multiplied by lambda:
 *
 * <pre>
 *   sum_k sum_j v_j * [ (1 - alpha)/2 * bt_kj^2 + alpha * |bt_kj| ]        (ungrouped)
 *   sum_j v_j * [ (1 - alpha)/2 * ||bt_j||^2 + alpha * ||bt_j||_2 ]        (grouped)
 * </pre>
 *
 * <p>with bt_kj = b_kj * s_j, penalty factors v_j rescaled to sum to the number of columns
 * (as glmnet does), and optional box limits on the original-scale coefficients b_kj, with
 * lower_j &lt;= 0 &lt;= upper_j.
 */
public final class ElasticNetPenalty implements Serializable {

  private static final long serialVersionUID = 1L;

  private final double alpha;
  private final double[] factor;
  private final double[] lower;
  private final double[] upper;
  private final boolean grouped;

  private ElasticNetPenalty(double alpha, double[] factor, double[] lower, double[] upper,
      boolean grouped) {
    this.alpha = alpha;
    this.factor = factor;
    this.lower = lower;
    this.upper = upper;
    this.grouped = grouped;
  }

  /** The plain penalty: every factor one, no limits, ungrouped. */
  public static ElasticNetPenalty of(double alpha, int columns) {
    return create(alpha, null, null, null, false, columns);
  }

  /**
   * @param alpha mixing in [0, 1]: 1 is the lasso, 0 is ridge
   * @param penaltyFactors per-column factors &gt;= 0, or null for all one; rescaled here to
   *     sum to the number of columns
   * @param lowerLimits per-column lower limits &lt;= 0 (may be -infinity), or null
   * @param upperLimits per-column upper limits &gt;= 0 (may be +infinity), or null
   * @param grouped whether a column's coefficients over classes form one group
   * @param columns the number of columns
   */
  public static ElasticNetPenalty create(double alpha, double[] penaltyFactors,
      double[] lowerLimits, double[] upperLimits, boolean grouped, int columns) {
    if (!(alpha >= 0 && alpha <= 1)) {
      throw new IllegalArgumentException("alpha must lie in [0, 1], got " + alpha);
    }
    double[] factor = new double[columns];
    Arrays.fill(factor, 1.0);
    if (penaltyFactors != null) {
      checkLength("penalty factors", penaltyFactors, columns);
      double sum = 0;
      for (int j = 0; j < columns; j++) {
        if (!(penaltyFactors[j] >= 0) || Double.isInfinite(penaltyFactors[j])) {
          throw new IllegalArgumentException("penalty factor of column " + j + " is "
              + penaltyFactors[j] + "; it must be finite and >= 0");
        }
        sum += penaltyFactors[j];
      }
      // all zero: nothing is penalised (the unpenalised refit of a relaxed fit)
      for (int j = 0; j < columns; j++) {
        factor[j] = sum > 0 ? penaltyFactors[j] * columns / sum : 0.0;
      }
    }
    double[] lower = new double[columns];
    double[] upper = new double[columns];
    Arrays.fill(lower, Double.NEGATIVE_INFINITY);
    Arrays.fill(upper, Double.POSITIVE_INFINITY);
    if (lowerLimits != null) {
      checkLength("lower limits", lowerLimits, columns);
      for (int j = 0; j < columns; j++) {
        if (!(lowerLimits[j] <= 0)) {
          throw new IllegalArgumentException("lower limit of column " + j + " is "
              + lowerLimits[j] + "; lower limits must be <= 0");
        }
        lower[j] = lowerLimits[j];
      }
    }
    if (upperLimits != null) {
      checkLength("upper limits", upperLimits, columns);
      for (int j = 0; j < columns; j++) {
        if (!(upperLimits[j] >= 0)) {
          throw new IllegalArgumentException("upper limit of column " + j + " is "
              + upperLimits[j] + "; upper limits must be >= 0");
        }
        upper[j] = upperLimits[j];
      }
    }
    return new ElasticNetPenalty(alpha, factor, lower, upper, grouped);
  }

  private static void checkLength(String what, double[] values, int columns) {
    if (values.length != columns) {
      throw new IllegalArgumentException(what + " have length " + values.length
          + " but there are " + columns + " columns");
    }
  }

  public double alpha() {
    return alpha;
  }

  public boolean grouped() {
    return grouped;
  }

  public int columns() {
    return factor.length;
  }

  /** The rescaled penalty factor v_j. */
  public double factor(int column) {
    return factor[column];
  }

  public double lowerLimit(int column) {
    return lower[column];
  }

  public double upperLimit(int column) {
    return upper[column];
  }

  /** Whether any coefficient is bounded. */
  public boolean hasLimits() {
    for (int j = 0; j < factor.length; j++) {
      if (lower[j] != Double.NEGATIVE_INFINITY || upper[j] != Double.POSITIVE_INFINITY) {
        return true;
      }
    }
    return false;
  }

  /**
   * The penalty of one class's standardised coefficients (ungrouped), without lambda.
   */
  public double value(double[] standardisedCoefficients) {
    double sum = 0;
    for (int j = 0; j < factor.length; j++) {
      double b = standardisedCoefficients[j];
      sum += factor[j] * ((1 - alpha) / 2 * b * b + alpha * Math.abs(b));
    }
    return sum;
  }

  /**
   * The penalty of all classes' standardised coefficients [class][column], grouped or not,
   * without lambda.
   */
  public double value(double[][] standardisedCoefficients) {
    if (!grouped) {
      double sum = 0;
      for (double[] row : standardisedCoefficients) {
        sum += value(row);
      }
      return sum;
    }
    double sum = 0;
    for (int j = 0; j < factor.length; j++) {
      double squares = 0;
      for (double[] row : standardisedCoefficients) {
        squares += row[j] * row[j];
      }
      sum += factor[j] * ((1 - alpha) / 2 * squares + alpha * Math.sqrt(squares));
    }
    return sum;
  }
}
