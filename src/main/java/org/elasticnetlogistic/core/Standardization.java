package org.elasticnetlogistic.core;

import java.io.Serializable;

/**
 * The column centres and scales that define the standardised coefficients of the penalty:
 * bt_j = b_j * scale_j. Centres are weighted means of the stored columns (divisor W), scales
 * the weighted standard deviations (divisor W, not W-1), as glmnet computes them.
 *
 * <p>The scale is always the centred standard deviation (glmnet uses it also without an
 * intercept, checked against glmnet 4.1); without an intercept the gradient is not centred,
 * so the centre is reported as zero. Without standardisation every scale is one. A column
 * that holds one value on every row of positive weight is constant: it is left out of the
 * fit and its coefficient is zero.
 */
public final class Standardization implements Serializable {

  private static final long serialVersionUID = 1L;

  private final double[] centre;
  private final double[] scale;
  private final boolean[] constant;

  private Standardization(double[] centre, double[] scale, boolean[] constant) {
    this.centre = centre;
    this.scale = scale;
    this.constant = constant;
  }

  /**
   * @param design the stored design matrix
   * @param weights row weights that sum to one
   * @param standardize whether the penalty applies to standardised coefficients
   * @param intercept whether the model has an intercept (then columns are centred)
   */
  public static Standardization compute(DesignMatrix design, double[] weights,
      boolean standardize, boolean intercept) {
    int p = design.columns();
    double[] centre = new double[p];
    double[] scale = new double[p];
    boolean[] constant = new boolean[p];
    // once for all columns: a sparse column's work is then its stored entries only
    double totalWeight = Numerics.sum(weights, weights.length);
    int weightedRows = 0;
    for (double w : weights) {
      if (w > 0) {
        weightedRows++;
      }
    }
    for (int j = 0; j < p; j++) {
      constant[j] = design.isConstant(j, weights, weightedRows);
      double mean = design.dot(j, weights);
      centre[j] = intercept ? mean : 0.0;
      if (!standardize) {
        scale[j] = 1.0;
      } else if (constant[j]) {
        scale[j] = 1.0;
      } else {
        double variance = design.weightedCentredSquares(j, weights, totalWeight, mean);
        scale[j] = Math.sqrt(variance);
        if (!(scale[j] > 0) || !Double.isFinite(scale[j])) {
          // rounding can leave a nearly constant column with no usable spread
          constant[j] = true;
          scale[j] = 1.0;
        }
      }
    }
    return new Standardization(centre, scale, constant);
  }

  public int columns() {
    return centre.length;
  }

  /** The weighted mean of stored column j (0 without an intercept). */
  public double centre(int column) {
    return centre[column];
  }

  /** The scale s_j with bt_j = b_j * s_j. */
  public double scale(int column) {
    return scale[column];
  }

  public boolean isConstant(int column) {
    return constant[column];
  }
}
