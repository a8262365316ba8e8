package org.elasticnetlogistic.core;

import java.util.Arrays;

/**
 * Coordinate descent on the full quadratic model of the multinomial loss: all classes at
 * once, with the cross-class curvature.
 *
 * <pre>
 *   minimise over D:  -sum_i g_i' e_i + 1/2 sum_i e_i' H_i e_i + P(B + D) - P(B),
 *   e_ik = d0_k + sum_j x_ij d_kj,   H_i = w_i (diag(p_i) - p_i p_i'),
 * </pre>
 *
 * <p>with the IRLS floor added as c_i (I - 11'/K)
 * ({@link ModelState#multinomialFloorExcess}): each class's own curvature is floored, but,
 * as in the loss, "all classes up by one" is not curved at all. The model's residual
 * R = g - H e is kept for every class, so visiting a coordinate costs one dot product; a
 * move updates every class's residual through the cross-class curvature. Intercepts are
 * plain coordinates, visited at the start of every sweep.
 *
 * <p>Its step is a full Newton step for all classes, so the outer iterations converge fast
 * even when classes are strongly coupled, where glmnet's class-by-class partial Newton
 * steps creep (measured: about seven times more Newton iterations on a three-class path).
 * Two further moves keep it from crawling: the exact move of a column along "all classes
 * up by one", which the softmax does not see, and, when sweeps converge slowly, an exact
 * solve of the active subproblem ({@link ReducedNewtonStep}; for the grouped penalty, a
 * Newton step on its smooth support).
 *
 * <p>One instance holds per-fit scratch space; not thread safe.
 */
final class MultinomialCoordinateDescent {

  private final DesignMatrix x;
  private final int rows;
  private final int classes;
  private final int columns;
  private final boolean intercept;
  private final double[] weights;

  /** The model's residual, g - H e, per class. */
  private final double[][] residual;
  /** The model's diagonal curvature, w_i p_ik (1 - p_ik) + c_i (K - 1)/K. */
  private final double[][] curvature;
  /** w_i p_ik. */
  private final double[][] weightedProb;
  /**
   * c_i / K, the IRLS floor's share of every entry of row i's curvature (see
   * {@link ModelState#multinomialFloorExcess}); null when the floor is nowhere active.
   */
  private double[] floorShare;
  private final double[][] delta;
  private final double[][] columnCurvature;
  private final int[] columnStamp;
  private final ActiveColumns activeSet;
  private final double[] groupBound;
  private final int[] groupStamp;
  private final double[][] majorant;
  private final int[] majorantStamp;
  private int stamp;

  private double[][] prob;
  private double[] interceptChange;

  /**
   * Which moves beyond single coordinates run. The fit runs both; the tests switch them to
   * show what each is for.
   *
   * @param exactLimit the most variables (classes times active columns) solved exactly, or
   *     given the grouped penalty's support Newton step
   * @param shifts the exact moves of a column along "all classes up by one"
   */
  record Accelerations(int exactLimit, boolean shifts) {
    static final Accelerations ALL = new Accelerations(CoordinateDescent.MAX_REDUCED, true);
  }

  private final Accelerations accelerations;

  MultinomialCoordinateDescent(FitContext context) {
    this(context, Accelerations.ALL);
  }

  MultinomialCoordinateDescent(FitContext context, Accelerations accelerations) {
    this.accelerations = accelerations;
    this.x = context.design;
    this.rows = context.rows;
    this.classes = context.numClasses;
    this.columns = context.columns;
    this.intercept = context.intercept;
    this.weights = context.weights;
    this.residual = new double[classes][rows];
    this.curvature = new double[classes][rows];
    this.weightedProb = new double[classes][rows];
    this.delta = new double[classes][columns];
    this.columnCurvature = new double[classes][columns];
    this.columnStamp = new int[columns];
    this.activeSet = new ActiveColumns(columns);
    this.groupBound = new double[columns];
    this.groupStamp = new int[columns];
    this.majorant = new double[classes][rows];
    this.majorantStamp = new int[classes];
  }

  NewtonStep solve(ModelState state, ScaledPenalty penalty, int[] candidates,
      int[] initialActive, double tolerance, int maxSweeps, double curvatureFloor) {
    stamp++;
    prepare(state, curvatureFloor);

    activeSet.start(initialActive);
    int sweeps = 0;
    boolean converged = false;
    while (sweeps < maxSweeps) {
      double violation = updateIntercepts();
      for (int j : candidates) {
        double v = updateColumn(j, state.coef, penalty);
        if (v > 0) {
          activeSet.add(j);
        }
        violation = Math.max(violation, v);
      }
      sweeps++;
      if (violation <= tolerance) {
        converged = true;
        break;
      }
      int[] active = activeSet.columns();
      int activeCount = activeSet.count();
      int phaseSweeps = 0;
      double previousViolation = Double.NaN;
      while (sweeps < maxSweeps) {
        double activeViolation = updateIntercepts();
        for (int a = 0; a < activeCount; a++) {
          activeViolation = Math.max(activeViolation,
              updateColumn(active[a], state.coef, penalty));
        }
        sweeps++;
        phaseSweeps++;
        if (activeViolation <= tolerance) {
          break;
        }
        if (classes * activeCount <= accelerations.exactLimit()
            && CoordinateDescent.exactSolvePays(phaseSweeps, previousViolation,
                activeViolation, tolerance, classes * activeCount / 6.0)) {
          if (penalty.grouped) {
            groupSupportStep(active, activeCount, state.coef, penalty);
          } else {
            reducedSolve(active, activeCount, state.coef, penalty);
          }
          phaseSweeps = 0;
        }
        previousViolation = activeViolation;
      }
    }
    return collect(state, penalty, activeSet.finish(), sweeps, converged);
  }

  private void prepare(ModelState state, double curvatureFloor) {
    prob = state.prob;
    interceptChange = new double[classes];
    double[] excess = state.multinomialFloorExcess(curvatureFloor);
    if (excess != null) {
      floorShare = new double[rows];
      for (int i = 0; i < rows; i++) {
        floorShare[i] = excess[i] / classes;
      }
    } else {
      floorShare = null;
    }
    double ownShare = classes - 1.0;
    for (int k = 0; k < classes; k++) {
      double[] p = prob[k];
      double[] r = residual[k];
      double[] q = curvature[k];
      double[] wp = weightedProb[k];
      double[] response = state.context.responses[k];
      for (int i = 0; i < rows; i++) {
        double w = weights[i];
        r[i] = w * (response[i] - p[i]);
        q[i] = w * p[i] * (1 - p[i]) + (floorShare == null ? 0 : floorShare[i] * ownShare);
        wp[i] = w * p[i];
      }
    }
  }

  /**
   * Updates every class's residual after class k's predictor moves by scale * x_j (column
   * -1: by scale, the intercept): R_l -= scale (H e_k)_l x_j.
   */
  private void propagate(int k, int column, double scale) {
    if (column < 0) {
      double[] q = curvature[k];
      double[] wp = weightedProb[k];
      for (int l = 0; l < classes; l++) {
        double[] r = residual[l];
        if (l == k) {
          for (int i = 0; i < rows; i++) {
            r[i] -= scale * q[i];
          }
        } else {
          double[] p = prob[l];
          for (int i = 0; i < rows; i++) {
            r[i] += scale * wp[i] * p[i];
          }
          if (floorShare != null) {
            for (int i = 0; i < rows; i++) {
              r[i] += scale * floorShare[i];
            }
          }
        }
      }
      return;
    }
    for (int l = 0; l < classes; l++) {
      if (l == k) {
        x.addScaledWeighted(column, -scale, curvature[k], residual[k]);
      } else {
        x.addScaledProducts(column, scale, weightedProb[k], prob[l], residual[l]);
        if (floorShare != null) {
          x.addScaledWeighted(column, scale, floorShare, residual[l]);
        }
      }
    }
  }

  /** Exact coordinate moves of every class intercept; returns the largest violation. */
  private double updateIntercepts() {
    if (!intercept) {
      return 0;
    }
    double violation = 0;
    for (int k = 0; k < classes; k++) {
      double gradient = Numerics.sum(residual[k], rows);
      double totalCurvature = Numerics.sum(curvature[k], rows);
      double move = gradient / totalCurvature;
      if (move == 0) {
        continue;
      }
      interceptChange[k] += move;
      propagate(k, -1, move);
      violation = Math.max(violation, Math.abs(gradient));
    }
    return violation;
  }

  /**
   * The grouped penalty's move of column j: one proximal step on the K coefficients,
   * majorising the column's block of the model by L = max_k sum_i x_ij^2 (w_i p_ik + c_i)
   * (H = diag(w p + c) - w p p' - c 11'/K is below that diagonal), then a group
   * soft-threshold.
   */
  private double updateGroup(int j, double[][] coef, ScaledPenalty penalty) {
    if (groupStamp[j] != stamp) {
      groupStamp[j] = stamp;
      double bound = 0;
      for (int k = 0; k < classes; k++) {
        bound = Math.max(bound, x.weightedSquares(j, majorant(k)));
      }
      groupBound[j] = bound;
    }
    double l = groupBound[j];
    if (!(l > 0)) {
      return 0;
    }
    double[] y = new double[classes];
    double norm = 0;
    for (int k = 0; k < classes; k++) {
      y[k] = coef[k][j] + delta[k][j] + x.dot(j, residual[k]) / l;
      norm += y[k] * y[k];
    }
    norm = Math.sqrt(norm);
    double factor = norm > 0
        ? Math.max(0, 1 - penalty.l1[j] / (l * norm)) * l / (l + penalty.l2[j]) : 0;
    double change = 0;
    for (int k = 0; k < classes; k++) {
      double current = coef[k][j] + delta[k][j];
      double target = factor * y[k];
      double move = target - current;
      if (move != 0) {
        delta[k][j] = target - coef[k][j];
        propagate(k, j, move);
        change += move * move;
      }
    }
    return (l + penalty.l2[j]) * Math.sqrt(change) / penalty.scale[j];
  }

  /**
   * w p_k + c, made once per solve: the diagonal that majorises the model, and the diagonal
   * part of its curvature H = diag(w p + c) - w p p' - c 11'/K.
   */
  private double[] majorant(int k) {
    if (majorantStamp[k] != stamp) {
      majorantStamp[k] = stamp;
      double[] out = majorant[k];
      double[] q = curvature[k];
      double[] wp = weightedProb[k];
      double[] p = prob[k];
      for (int i = 0; i < rows; i++) {
        out[i] = q[i] + wp[i] * p[i] + (floorShare == null ? 0 : floorShare[i]);
      }
    }
    return majorant[k];
  }

  /** Exact coordinate moves of column j in every class; returns the largest violation. */
  private double updateColumn(int j, double[][] coef, ScaledPenalty penalty) {
    if (penalty.grouped) {
      return updateGroup(j, coef, penalty);
    }
    if (columnStamp[j] != stamp) {
      columnStamp[j] = stamp;
      for (int k = 0; k < classes; k++) {
        columnCurvature[k][j] = x.weightedSquares(j, curvature[k]);
      }
    }
    double violation = 0;
    for (int k = 0; k < classes; k++) {
      double h = columnCurvature[k][j];
      double gradient = x.dot(j, residual[k]);
      double current = coef[k][j] + delta[k][j];
      double updated = Numerics.elasticNetUpdate(h * current + gradient, h, penalty.l1[j],
          penalty.l2[j], penalty.lower[j], penalty.upper[j]);
      double move = updated - current;
      if (move == 0) {
        continue;
      }
      // set, not add: a coefficient sent to zero must land on exactly zero
      delta[k][j] = updated - coef[k][j];
      propagate(k, j, move);
      violation = Math.max(violation, (h + penalty.l2[j]) * Math.abs(move) / penalty.scale[j]);
    }
    if (accelerations.shifts()) {
      shiftColumn(j, coef, penalty);
    }
    return violation;
  }

  /**
   * The exact move of column j along (1, ..., 1) over the classes. The softmax does not see
   * it, and neither does the model (the IRLS floor is added off it), so only the penalty
   * curves it, and single-class moves crawl there; this one move settles it. It changes no
   * residual. Skipped when the penalty alone would not move it, and for bounded
   * coefficients.
   */
  private void shiftColumn(int j, double[][] coef, ScaledPenalty penalty) {
    if ((penalty.l1[j] == 0 && penalty.l2[j] == 0)
        || penalty.lower[j] != Double.NEGATIVE_INFINITY
        || penalty.upper[j] != Double.POSITIVE_INFINITY) {
      return;
    }
    double[] current = new double[classes];
    for (int k = 0; k < classes; k++) {
      current[k] = coef[k][j] + delta[k][j];
    }
    if (ShiftSolver.minimise(0, 0, current, penalty.l1[j], penalty.l2[j]) == 0) {
      return;
    }
    double gradient = 0;
    for (int k = 0; k < classes; k++) {
      gradient += x.dot(j, residual[k]);
    }
    double move = ShiftSolver.minimise(0, gradient, current, penalty.l1[j], penalty.l2[j]);
    if (move == 0) {
      return;
    }
    for (int k = 0; k < classes; k++) {
      // a class whose breakpoint is the move lands on exactly zero: current + (-current)
      // is +0.0 in IEEE arithmetic
      delta[k][j] = current[k] + move - coef[k][j];
    }
  }

  /**
   * Solves the full model exactly over the intercepts and the non-zero active coefficients,
   * signs held fixed, and moves there (see {@link ReducedNewtonStep}). The model is flat
   * along "all intercepts up by one", as the softmax is, so class 0's intercept is held,
   * which loses nothing.
   */
  private void reducedSolve(int[] active, int activeCount, double[][] coef,
      ScaledPenalty penalty) {
    int interceptVariables = intercept ? classes - 1 : 0;
    int[] variableClass = new int[interceptVariables + classes * activeCount];
    int[] variableColumn = new int[variableClass.length];
    int d = 0;
    for (int k = 1; intercept && k < classes; k++) {
      variableClass[d] = k;
      variableColumn[d] = -1;
      d++;
    }
    for (int a = 0; a < activeCount; a++) {
      int j = active[a];
      for (int k = 0; k < classes; k++) {
        if (coef[k][j] + delta[k][j] != 0) {
          variableClass[d] = k;
          variableColumn[d] = j;
          d++;
        }
      }
    }
    if (d == 0) {
      return;
    }
    double[][] pairWeights = new double[classes * classes][];
    double[][] hessian = new double[d][d];
    double[] rhs = new double[d];
    double[] current = new double[d];
    boolean[] signFixed = new boolean[d];
    double[] lower = new double[d];
    double[] upper = new double[d];
    for (int s = 0; s < d; s++) {
      int k = variableClass[s];
      int j = variableColumn[s];
      if (j < 0) {
        lower[s] = Double.NEGATIVE_INFINITY;
        upper[s] = Double.POSITIVE_INFINITY;
        rhs[s] = Numerics.sum(residual[k], rows);
      } else {
        double value = coef[k][j] + delta[k][j];
        current[s] = value;
        signFixed[s] = true;
        lower[s] = penalty.lower[j];
        upper[s] = penalty.upper[j];
        rhs[s] = x.dot(j, residual[k]) - penalty.l1[j] * Math.signum(value)
            - penalty.l2[j] * value;
      }
      for (int t = 0; t <= s; t++) {
        double h = modelCurvature(k, j, variableClass[t], variableColumn[t], pairWeights);
        hessian[s][t] = h;
        hessian[t][s] = h;
      }
      if (j >= 0) {
        hessian[s][s] += penalty.l2[j];
      }
    }
    ReducedNewtonStep step = ReducedNewtonStep.solve(hessian, rhs, current, signFixed, lower,
        upper);
    if (step == null) {
      return;
    }
    double[] target = step.target();
    for (int s = 0; s < d; s++) {
      double move = target[s] - current[s];
      if (move == 0) {
        continue;
      }
      int k = variableClass[s];
      int j = variableColumn[s];
      if (j < 0) {
        interceptChange[k] += move;
      } else {
        delta[k][j] = target[s] - coef[k][j];
      }
      propagate(k, j, move);
    }
  }

  /**
   * One damped Newton step of the grouped model on its smooth support (see
   * {@link ModelSpaceSolver#supportNewtonStep}): the intercepts (class 0's held, as the
   * model is flat along all of them up by one) and the active columns' groups that are away
   * from zero or unpenalised. The majorised group steps crawl along correlated columns and
   * near separation; this step crosses those directions.
   */
  private void groupSupportStep(int[] active, int activeCount, double[][] coef,
      ScaledPenalty penalty) {
    int interceptVariables = intercept ? classes - 1 : 0;
    int size = interceptVariables + classes * activeCount;
    int[] variableClass = new int[size];
    int[] variableColumn = new int[size];
    double[] current = new double[size];
    double[] rhs = new double[size];
    double[] l1 = new double[size];
    double[] l2 = new double[size];
    double[] lower = new double[size];
    double[] upper = new double[size];
    double[] scale = new double[size];
    boolean[] penalised = new boolean[size];
    int[][] groups = new int[activeCount][classes];
    Arrays.fill(lower, Double.NEGATIVE_INFINITY);
    Arrays.fill(upper, Double.POSITIVE_INFINITY);
    int d = 0;
    for (int k = 1; intercept && k < classes; k++) {
      variableClass[d] = k;
      variableColumn[d] = -1;
      rhs[d] = Numerics.sum(residual[k], rows);
      scale[d] = 1;
      d++;
    }
    for (int a = 0; a < activeCount; a++) {
      int j = active[a];
      for (int k = 0; k < classes; k++) {
        variableClass[d] = k;
        variableColumn[d] = j;
        current[d] = coef[k][j] + delta[k][j];
        rhs[d] = x.dot(j, residual[k]);
        l1[d] = penalty.l1[j];
        l2[d] = penalty.l2[j];
        scale[d] = penalty.scale[j];
        penalised[d] = penalty.l1[j] != 0 || penalty.l2[j] != 0;
        groups[a][k] = d;
        d++;
      }
    }
    double[][] pairWeights = new double[classes * classes][];
    double[][] b = new double[size][size];
    for (int s = 0; s < size; s++) {
      int k = variableClass[s];
      int j = variableColumn[s];
      for (int t = 0; t <= s; t++) {
        double h = modelCurvature(k, j, variableClass[t], variableColumn[t], pairWeights);
        b[s][t] = h;
        b[t][s] = h;
      }
    }
    ModelSpaceSolver.VariablePenalty variablePenalty = new ModelSpaceSolver.VariablePenalty(
        l1, l2, lower, upper, scale, penalised, new boolean[size], groups);
    double[] move = new double[size];
    ModelSpaceSolver.supportNewtonStep(b, size, rhs, current, variablePenalty,
        ModelSpaceSolver.groupOf(size, groups), move, new double[size]);
    for (int s = 0; s < size; s++) {
      if (move[s] == 0) {
        continue;
      }
      int k = variableClass[s];
      int j = variableColumn[s];
      if (j < 0) {
        interceptChange[k] += move[s];
      } else {
        delta[k][j] += move[s];
      }
      propagate(k, j, move[s]);
    }
  }

  /**
   * The model's curvature between class k of column j and class l of column other (-1: the
   * intercept): H_(kl) = delta_kl (w p_k + c) - w p_k p_l - c/K, summed over the rows.
   */
  private double modelCurvature(int k, int j, int l, int other, double[][] pairWeights) {
    double h = -entry(j, other, pairWeights(pairWeights, k, l));
    if (k == l) {
      h += entry(j, other, majorant(k));
    }
    return h;
  }

  /** w_i p_ik p_il + c_i/K, made on first use. */
  private double[] pairWeights(double[][] cache, int k, int l) {
    int key = Math.min(k, l) * classes + Math.max(k, l);
    if (cache[key] == null) {
      double[] out = new double[rows];
      double[] wp = weightedProb[k];
      double[] p = prob[l];
      for (int i = 0; i < rows; i++) {
        out[i] = wp[i] * p[i] + (floorShare == null ? 0 : floorShare[i]);
      }
      cache[key] = out;
    }
    return cache[key];
  }

  /** sum_i weights_i x_ia x_ib, where column -1 stands for the constant 1. */
  private double entry(int a, int b, double[] weights) {
    if (a < 0 && b < 0) {
      return Numerics.sum(weights, rows);
    }
    if (a < 0) {
      return x.dot(b, weights);
    }
    if (b < 0) {
      return x.dot(a, weights);
    }
    return x.weightedCrossProduct(a, b, weights);
  }

  /** The moves, the predictor changes and the predicted decrease; resets the scratch. */
  private NewtonStep collect(ModelState state, ScaledPenalty penalty, int[] active,
      int sweeps, boolean converged) {
    double[][] changes = new double[classes][];
    double[][] etaChange = new double[classes][rows];
    double penaltyChange = 0;
    for (int k = 0; k < classes; k++) {
      changes[k] = delta[k].clone();
      double[] e = etaChange[k];
      Arrays.fill(e, interceptChange[k]);
      for (int j : active) {
        double d = delta[k][j];
        if (d != 0) {
          x.addScaled(j, d, e);
        }
      }
    }
    for (int j : active) {
      penaltyChange += penalty.columnValue(j, state.coef, changes, 1)
          - penalty.columnValue(j, state.coef, null, 0);
    }
    for (int k = 0; k < classes; k++) {
      Arrays.fill(delta[k], 0.0);
    }
    // the gradient part of the predicted decrease, -sum w (y - p) e, from the start point
    double gradientTerm = 0;
    for (int k = 0; k < classes; k++) {
      double[] p = prob[k];
      double[] e = etaChange[k];
      double[] response = state.context.responses[k];
      for (int i = 0; i < rows; i++) {
        gradientTerm -= weights[i] * (response[i] - p[i]) * e[i];
      }
    }
    return new NewtonStep(changes, interceptChange.clone(), etaChange,
        gradientTerm + penaltyChange, active, sweeps, converged);
  }
}
