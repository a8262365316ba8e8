package org.elasticnetlogistic.core;

/**
 * Certifies the KKT conditions of zero columns outside the strong set without a pass over
 * their entries, on a binomial fit.
 *
 * <p>Column j's standardised gradient is {@code sum_i x_ij w_i (p_i - y_i)}, with x_ij its
 * centred and scaled values and weights that sum to one. Between an anchor point, where
 * every column's gradient was computed, and the present point it therefore moves by at most
 * {@code N_j * reach}, where {@code N_j^2 = sum_i w_i x_ij^2} (1 for a standardised column
 * with an intercept) and {@code reach = sqrt(sum_i w_i (p_i - pAnchor_i)^2)}
 * (Cauchy-Schwarz). A zero column whose gradient at the anchor, plus that, is still at most
 * its L1 threshold has no violation now. Along a path the solutions of neighbouring lambdas
 * are close, so most of the columns the strong rule leaves out are settled this way; the
 * rest are computed.
 */
final class GradientAnchor {

  /**
   * Allowance for rounding: relative, on the reach and the norms; and absolute, in units of
   * N_j, on the anchored gradients (a computed gradient is off by at most about rows * eps
   * * N_j, since |w_i (p_i - y_i)| &lt;= w_i and sum_i w_i |x_ij| &lt;= N_j).
   */
  private static final double ROUNDING = 1e-9;

  private final FitContext context;
  /** N_j, computed with the first anchor. */
  private double[] columnNorm;
  /** |gradient_j| at the anchor, standardised. */
  private final double[] anchoredGradient;
  /** The anchor's probabilities of class 1; null until the first anchor. */
  private double[] anchorProbability;

  GradientAnchor(FitContext context) {
    this.context = context;
    this.anchoredGradient = new double[context.columns];
  }

  /**
   * The columns among {@code columns} that the anchor cannot certify at the state, to be
   * computed; a certified one gets violation zero in the working set. Null when there is no
   * anchor yet or the fit is multinomial.
   */
  int[] uncertified(ModelState state, ScaledPenalty penalty, int[] columns,
      WorkingSet working) {
    if (anchorProbability == null || !context.binomial) {
      return null;
    }
    double reach = reach(state);
    int[] uncertified = new int[columns.length];
    int count = 0;
    for (int j : columns) {
      double threshold = penalty.l1[j] / penalty.scale[j];
      if (state.coef[0][j] == 0 && gradientBound(j, reach) <= threshold) {
        working.violation[j] = 0;
      } else {
        uncertified[count++] = j;
      }
    }
    return java.util.Arrays.copyOf(uncertified, count);
  }

  /**
   * How far the probabilities have moved from the anchor's, sqrt(sum_i w_i (p_i -
   * pAnchor_i)^2), enlarged by the rounding allowance; summed in row chunks, so the same for
   * any thread count.
   */
  double reach(ModelState state) {
    double[] p = state.prob[1];
    double[] w = context.weights;
    double[] anchor = anchorProbability;
    double squares = context.parallel.sumRows(context.rows, 3, (from, to) -> {
      double sum = 0;
      for (int i = from; i < to; i++) {
        double move = p[i] - anchor[i];
        sum += w[i] * move * move;
      }
      return sum;
    });
    return Math.sqrt(squares) * (1 + ROUNDING) + ROUNDING + 4 * Math.ulp(1.0) * context.rows;
  }

  /** An upper bound on |gradient_j| at any point whose reach from the anchor is reach. */
  double gradientBound(int column, double reach) {
    return anchoredGradient[column] + columnNorm[column] * (1 + ROUNDING) * reach;
  }

  /**
   * Makes the state the anchor. Every included column's gradient in the working set must
   * have been computed at this state.
   */
  void reset(ModelState state, WorkingSet working) {
    if (!context.binomial) {
      return;
    }
    if (columnNorm == null) {
      columnNorm = columnNorms();
    }
    anchorProbability = state.prob[1].clone();
    for (int j : context.included) {
      anchoredGradient[j] = working.gradientNorm[j];
    }
  }

  /** N_j for every included column: the weighted norm of its values in the gradient. */
  private double[] columnNorms() {
    DesignMatrix x = context.design;
    Standardization standardization = context.standardization;
    double[] w = context.weights;
    double[] norms = new double[context.columns];
    for (int j : context.included) {
      double squares = context.intercept
          ? x.weightedCentredSquares(j, w, 1.0, standardization.centre(j))
          : x.weightedSquares(j, w);
      double scale = standardization.scale(j);
      norms[j] = Math.sqrt(squares) / scale;
    }
    return norms;
  }
}
