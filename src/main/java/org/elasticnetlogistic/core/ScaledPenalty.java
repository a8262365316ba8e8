package org.elasticnetlogistic.core;

/**
 * The penalty at one lambda, expressed on the stored (unstandardised) coefficient scale in
 * which the solvers work: for column j,
 * {@code l1_j |b_j| + l2_j / 2 * b_j^2} with {@code l1_j = lambda alpha v_j s_j} and
 * {@code l2_j = lambda (1 - alpha) v_j s_j^2}. This equals the standardised penalty of
 * {@link ElasticNetPenalty} times lambda, since bt_j = b_j s_j.
 */
final class ScaledPenalty {

  final double lambda;
  final double[] l1;
  final double[] l2;
  final double[] lower;
  final double[] upper;
  final double[] scale;
  /** Whether a column's coefficients over the blocks form one group. */
  final boolean grouped;

  ScaledPenalty(FitContext context, double lambda) {
    int p = context.columns;
    this.lambda = lambda;
    this.l1 = new double[p];
    this.l2 = new double[p];
    this.lower = new double[p];
    this.upper = new double[p];
    this.scale = new double[p];
    ElasticNetPenalty penalty = context.penalty;
    this.grouped = penalty.grouped() && !context.binomial;
    double alpha = penalty.alpha();
    for (int j = 0; j < p; j++) {
      double s = context.standardization.scale(j);
      double v = penalty.factor(j);
      scale[j] = s;
      l1[j] = lambda * alpha * v * s;
      l2[j] = lambda * (1 - alpha) * v * s * s;
      lower[j] = penalty.lowerLimit(j);
      upper[j] = penalty.upperLimit(j);
    }
  }

  /** The penalty of one coefficient on the stored scale. */
  double value(int column, double coefficient) {
    return l1[column] * Math.abs(coefficient) + 0.5 * l2[column] * coefficient * coefficient;
  }

  /**
   * The penalty of column j's coefficients over the blocks at coef + t * change:
   * {@code l1 ||v|| + l2/2 ||v||^2} when grouped, else the sum over blocks.
   */
  double columnValue(int column, double[][] coef, double[][] change, double t) {
    if (!grouped) {
      double sum = 0;
      for (int k = 0; k < coef.length; k++) {
        sum += value(column, coef[k][column] + (change == null ? 0 : t * change[k][column]));
      }
      return sum;
    }
    double squares = 0;
    for (int k = 0; k < coef.length; k++) {
      double v = coef[k][column] + (change == null ? 0 : t * change[k][column]);
      squares += v * v;
    }
    return l1[column] * Math.sqrt(squares) + 0.5 * l2[column] * squares;
  }

  /**
   * The KKT violation of a grouped column on the standardised scale: with v the group,
   * ||g + lambda(1-alpha) v_j bt + lambda alpha v_j bt/||bt|| || when bt != 0, else
   * max(0, ||g|| - lambda alpha v_j).
   */
  double groupViolation(int column, double[] rawGradient, double[] coefficient) {
    double s = scale[column];
    double threshold = l1[column] / s;
    double ridge = l2[column] / (s * s);
    double norm = 0;
    for (double b : coefficient) {
      norm += (b * s) * (b * s);
    }
    norm = Math.sqrt(norm);
    double sum = 0;
    for (int k = 0; k < coefficient.length; k++) {
      double bt = coefficient[k] * s;
      double g = rawGradient[k] / s;
      double r = norm > 0 ? g + ridge * bt + threshold * bt / norm : g;
      sum += r * r;
    }
    double value = Math.sqrt(sum);
    return norm > 0 ? value : Math.max(0, value - threshold);
  }

  /**
   * The KKT violation of one coefficient, on the standardised scale: the distance from zero
   * of the set of subgradients of the objective that point into the feasible box.
   *
   * @param rawGradient the loss gradient with respect to the stored-scale coefficient
   * @param coefficient the stored-scale coefficient
   */
  double violation(int column, double rawGradient, double coefficient) {
    double s = scale[column];
    double gradient = rawGradient / s;
    double bt = coefficient * s;
    double v = l1[column] / s; // lambda alpha v_j
    double smooth = gradient + (l2[column] / (s * s)) * bt;
    double right = smooth + (bt >= 0 ? v : -v);
    double left = smooth + (bt > 0 ? v : -v);
    double violation = 0;
    if (coefficient < upper[column]) {
      violation = Math.max(violation, -right);
    }
    if (coefficient > lower[column]) {
      violation = Math.max(violation, left);
    }
    return violation;
  }
}
