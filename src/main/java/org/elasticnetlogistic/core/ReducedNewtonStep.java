package org.elasticnetlogistic.core;

/**
 * The exact minimiser of a penalised quadratic model over a few active coefficients whose
 * signs are held fixed: on such an orthant the model is smooth, so one Cholesky solve of
 * (H + L2) z = r finds it. Coordinate descent crawls on such problems when the columns are
 * correlated; this finishes them in one step. The step is cut where the first coefficient
 * reaches zero or a limit, so it never leaves the orthant (and the model never rises).
 *
 * @param move the full solution z
 * @param fraction the part of z that stays in the orthant, in (0, 1]
 * @param blocking for each variable, whether it reaches zero (or its limit) at that fraction
 */
record ReducedNewtonStep(double[] move, double fraction, boolean[] blocking) {

  /**
   * @param hessian the model's Hessian on the variables, with the ridge part added (read
   *     only)
   * @param rhs the right-hand side: negative model gradient minus the L1 and L2 terms
   * @param current the current values of the variables
   * @param signFixed which variables are penalised coefficients (intercepts are free)
   * @param lower lower limits per variable (-infinity when none)
   * @param upper upper limits per variable
   * @return the step, or null when the system is singular even with a tiny ridge
   */
  static ReducedNewtonStep solve(double[][] hessian, double[] rhs, double[] current,
      boolean[] signFixed, double[] lower, double[] upper) {
    Cholesky factor = Cholesky.factor(hessian);
    if (factor == null) {
      int d = hessian.length;
      double largest = 0;
      for (int s = 0; s < d; s++) {
        largest = Math.max(largest, hessian[s][s]);
      }
      double[][] damped = new double[d][];
      for (int s = 0; s < d; s++) {
        damped[s] = hessian[s].clone();
        damped[s][s] += 1e-10 * largest + Double.MIN_NORMAL;
      }
      factor = Cholesky.factor(damped);
      if (factor == null) {
        return null;
      }
    }
    double[] z = factor.solve(rhs);
    double fraction = 1.0;
    int d = z.length;
    double[] limit = new double[d];
    for (int s = 0; s < d; s++) {
      limit[s] = Double.POSITIVE_INFINITY;
      if (!Double.isFinite(z[s])) {
        return null;
      }
      if (!signFixed[s] || z[s] == 0) {
        continue;
      }
      double target = current[s] + z[s];
      if (current[s] > 0 && target < 0 || current[s] < 0 && target > 0) {
        limit[s] = -current[s] / z[s];
      }
      if (target < lower[s]) {
        limit[s] = Math.min(limit[s], (lower[s] - current[s]) / z[s]);
      }
      if (target > upper[s]) {
        limit[s] = Math.min(limit[s], (upper[s] - current[s]) / z[s]);
      }
      fraction = Math.min(fraction, limit[s]);
    }
    boolean[] blocking = new boolean[d];
    if (fraction < 1) {
      for (int s = 0; s < d; s++) {
        blocking[s] = limit[s] == fraction;
      }
    }
    return new ReducedNewtonStep(z, Math.max(fraction, 0.0), blocking);
  }
}
