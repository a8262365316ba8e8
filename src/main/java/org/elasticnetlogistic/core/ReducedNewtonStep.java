package org.elasticnetlogistic.core;

/**
 * The minimiser of a penalised quadratic model over a few active coefficients whose signs
 * are held fixed: on such an orthant the model is smooth, so a Cholesky solve of
 * (H + L2) z = r finds it. Coordinate descent crawls on such problems when the columns are
 * correlated; this finishes them in a few dense solves.
 *
 * <p>When the solution would take a coefficient across zero (or past a limit), the step
 * stops there, that coefficient is fixed at zero (or the limit) and dropped, and the
 * smaller system is solved again from the new point: an active-set method on the orthant.
 * The model decreases at every stage. Singular systems (collinear columns) are damped by a
 * tiny ridge, whose long steps are then cut by the first coefficient to reach zero; free
 * variables that depend on the others are held first, as nothing would cut theirs.
 *
 * @param target the new value of every variable (exactly zero or the limit where dropped)
 */
record ReducedNewtonStep(double[] target) {

  /** The work of all stages together, in full factorisations. */
  private static final double STAGE_BUDGET = 4;

  /**
   * @param hessian the model's Hessian on the variables, ridge part included (read only)
   * @param rhs the negative model gradient minus the L1 and L2 terms, at current (read only)
   * @param current the current values of the variables
   * @param signFixed which variables are penalised coefficients (intercepts are free)
   * @param lower lower limits per variable (-infinity when none)
   * @param upper upper limits per variable
   * @return the step, or null when even the damped system cannot be factored
   */
  static ReducedNewtonStep solve(double[][] hessian, double[] rhs, double[] current,
      boolean[] signFixed, double[] lower, double[] upper) {
    int d = current.length;
    double[] value = current.clone();
    double[] residual = rhs.clone();
    boolean[] free = new boolean[d];
    java.util.Arrays.fill(free, true);
    // each stage refactors; past a few full factorisations' work the step stops where it
    // is (the model has decreased at every stage), and coordinate descent carries on
    double budget = STAGE_BUDGET * (double) d * d * d;
    for (int stage = 0; stage <= d; stage++) {
      int[] index = indices(free);
      if (index.length == 0) {
        break;
      }
      double work = (double) index.length * index.length * index.length;
      if (stage > 0 && work > budget) {
        break;
      }
      budget -= work;
      double[] z = solveSubsystem(hessian, residual, index, signFixed);
      if (z == null) {
        return stage == 0 ? null : new ReducedNewtonStep(value);
      }
      double fraction = 1.0;
      double[] limit = new double[index.length];
      for (int a = 0; a < index.length; a++) {
        int s = index[a];
        limit[a] = Double.POSITIVE_INFINITY;
        if (!signFixed[s] || z[a] == 0) {
          continue;
        }
        double to = value[s] + z[a];
        if (value[s] > 0 && to < 0 || value[s] < 0 && to > 0) {
          limit[a] = -value[s] / z[a];
        }
        if (to < lower[s]) {
          limit[a] = Math.min(limit[a], (lower[s] - value[s]) / z[a]);
        }
        if (to > upper[s]) {
          limit[a] = Math.min(limit[a], (upper[s] - value[s]) / z[a]);
        }
        // a coefficient that rounding left just past its limit (coef + delta need not land
        // on it exactly) and that moves further out blocks at once; a negative limit would
        // stall every stage at a step of zero with nothing dropped
        limit[a] = Math.max(limit[a], 0.0);
        fraction = Math.min(fraction, limit[a]);
      }
      // move, then update the model's residual: r -= H (fraction z)
      for (int a = 0; a < index.length; a++) {
        double move = fraction * z[a];
        if (move == 0) {
          continue;
        }
        int s = index[a];
        for (int t = 0; t < d; t++) {
          residual[t] -= hessian[t][s] * move;
        }
      }
      for (int a = 0; a < index.length; a++) {
        int s = index[a];
        if (limit[a] == fraction && fraction < 1) {
          value[s] = blockedValue(value[s], z[a], lower[s], upper[s]);
          free[s] = false;
        } else {
          value[s] += fraction * z[a];
        }
      }
      if (fraction >= 1) {
        break;
      }
    }
    return new ReducedNewtonStep(value);
  }

  /**
   * Where a blocked coefficient stops: moving away from zero it can only meet its limit;
   * moving towards zero it meets zero first (limits straddle zero).
   */
  static double blockedValue(double current, double move, double lower, double upper) {
    if (current > 0 && move > 0) {
      return upper;
    }
    if (current < 0 && move < 0) {
      return lower;
    }
    return 0.0;
  }

  private static int[] indices(boolean[] free) {
    int count = 0;
    for (boolean f : free) {
      if (f) {
        count++;
      }
    }
    int[] out = new int[count];
    for (int s = 0, c = 0; s < free.length; s++) {
      if (free[s]) {
        out[c++] = s;
      }
    }
    return out;
  }

  /**
   * Solves the stage's system. Its free variables (no sign held) that depend on the others
   * are held: along a flat direction of free variables alone nothing cuts a step, and a tiny
   * pivot there moved an unpenalised pair of a rank-1 draw by 5e17. Sign-held variables keep
   * the ridge's long step, which finds the first coefficient to reach zero.
   */
  private static double[] solveSubsystem(double[][] hessian, double[] residual, int[] index,
      boolean[] signFixed) {
    int m = index.length;
    double[][] sub = new double[m][m];
    double[] right = new double[m];
    boolean[] free = new boolean[m];
    for (int a = 0; a < m; a++) {
      right[a] = residual[index[a]];
      free[a] = !signFixed[index[a]];
      for (int b = 0; b < m; b++) {
        sub[a][b] = hessian[index[a]][index[b]];
      }
    }
    double[] z = Cholesky.solveHoldingDependent(sub, right, free);
    if (z == null) {
      return null;
    }
    for (double v : z) {
      if (!Double.isFinite(v)) {
        return null;
      }
    }
    return z;
  }
}
