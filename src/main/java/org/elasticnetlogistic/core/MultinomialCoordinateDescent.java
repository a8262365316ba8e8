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
 * <p>with the diagonal of H_i floored as in IRLS (which keeps it positive semi-definite).
 * The residual g_ik - (H_i e_i)_k is never stored: it is g_ik - a_ik e_ik + w_i p_ik u_i with
 * u_i = sum_l p_il e_il, so a coordinate update costs O(non-zeros of its column) whatever
 * the number of classes. Intercepts are plain coordinates, visited at the start of every
 * sweep.
 *
 * <p>Its step is a full Newton step for all classes, so the outer iterations converge
 * fast even when the classes are strongly coupled, where glmnet's class-by-class partial
 * Newton steps creep. One instance holds per-fit scratch space; not thread safe.
 */
final class MultinomialCoordinateDescent {

  private final DesignMatrix x;
  private final int rows;
  private final int classes;
  private final int columns;
  private final boolean intercept;
  private final double[] weights;

  private final double[][] negativeGradient;
  private final double[][] diagonal;
  private final double[][] curvature;
  private final double[][] weightedProb;
  private final double[][] etaChange;
  private final double[] mixed;
  private final double[][] delta;
  private final double[][] columnCurvature;
  private final int[] columnStamp;
  private final boolean[] activeMark;
  /** Per row, sum over classes of the IRLS floor's excess over w p (1 - p). */
  private final double[] floorExcess;
  private final double[] shiftCurvature;
  private final int[] shiftStamp;
  private int stamp;

  private double[][] prob;
  private double[] interceptChange;

  MultinomialCoordinateDescent(FitContext context) {
    this.x = context.design;
    this.rows = context.rows;
    this.classes = context.numClasses;
    this.columns = context.columns;
    this.intercept = context.intercept;
    this.weights = context.weights;
    this.negativeGradient = new double[classes][rows];
    this.diagonal = new double[classes][rows];
    this.curvature = new double[classes][rows];
    this.weightedProb = new double[classes][rows];
    this.etaChange = new double[classes][rows];
    this.mixed = new double[rows];
    this.delta = new double[classes][columns];
    this.columnCurvature = new double[classes][columns];
    this.columnStamp = new int[columns];
    this.activeMark = new boolean[columns];
    this.floorExcess = new double[rows];
    this.shiftCurvature = new double[columns];
    this.shiftStamp = new int[columns];
  }

  /** The proposed move of every class, with its predictor change and predicted decrease. */
  record BlockStep(double[][] changes, double[] interceptChange, double[][] etaChange,
      double modelDecrease, int[] active, int sweeps, boolean converged) {
  }

  BlockStep solve(ModelState state, ScaledPenalty penalty, int[] candidates,
      int[] initialActive, double tolerance, int maxSweeps, double curvatureFloor) {
    stamp++;
    prob = state.prob;
    int[] y = state.context.classes;
    Arrays.fill(floorExcess, 0.0);
    for (int k = 0; k < classes; k++) {
      double[] p = prob[k];
      double[] g = negativeGradient[k];
      double[] a = diagonal[k];
      double[] q = curvature[k];
      double[] wp = weightedProb[k];
      for (int i = 0; i < rows; i++) {
        double w = weights[i];
        double floored = Math.max(p[i] * (1 - p[i]), curvatureFloor);
        g[i] = w * ((y[i] == k ? 1.0 : 0.0) - p[i]);
        q[i] = w * floored;
        a[i] = w * (floored + p[i] * p[i]);
        wp[i] = w * p[i];
        floorExcess[i] += w * (floored - p[i] * (1 - p[i]));
      }
      Arrays.fill(etaChange[k], 0.0);
    }
    Arrays.fill(mixed, 0.0);
    interceptChange = new double[classes];

    int[] active = Arrays.copyOf(initialActive, Math.max(initialActive.length, 8));
    int activeCount = initialActive.length;
    for (int j : initialActive) {
      activeMark[j] = true;
    }
    int sweeps = 0;
    boolean converged = false;
    while (sweeps < maxSweeps) {
      double violation = updateIntercepts();
      for (int j : candidates) {
        double v = updateColumn(j, state.coef, penalty);
        if (v > 0 && !activeMark[j]) {
          activeMark[j] = true;
          if (activeCount == active.length) {
            active = Arrays.copyOf(active, activeCount * 2);
          }
          active[activeCount++] = j;
        }
        violation = Math.max(violation, v);
      }
      sweeps++;
      if (violation <= tolerance) {
        converged = true;
        break;
      }
      int phaseSweeps = 0;
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
        // once the sweeps have cost about as much as the active Hessian, solve exactly
        if (phaseSweeps >= Math.max(3, classes * activeCount / 4)
            && classes * activeCount <= CoordinateDescent.MAX_REDUCED) {
          reducedSolve(active, activeCount, state.coef, penalty);
          phaseSweeps = 0;
        }
      }
    }

    double[][] changes = new double[classes][];
    double penaltyChange = 0;
    for (int k = 0; k < classes; k++) {
      changes[k] = delta[k].clone();
      for (int a = 0; a < activeCount; a++) {
        int j = active[a];
        double d = delta[k][j];
        if (d != 0) {
          penaltyChange += penalty.value(j, state.coef[k][j] + d)
              - penalty.value(j, state.coef[k][j]);
        }
      }
      Arrays.fill(delta[k], 0.0);
    }
    for (int a = 0; a < activeCount; a++) {
      activeMark[active[a]] = false;
    }
    double gradientTerm = 0;
    double[][] etaOut = new double[classes][];
    for (int k = 0; k < classes; k++) {
      gradientTerm -= Numerics.dot(negativeGradient[k], etaChange[k], rows);
      etaOut[k] = etaChange[k].clone();
    }
    return new BlockStep(changes, interceptChange.clone(), etaOut,
        gradientTerm + penaltyChange, Arrays.copyOf(active, activeCount), sweeps, converged);
  }

  /**
   * Solves the full model exactly over the intercepts and the non-zero active coefficients,
   * signs held fixed, and moves there, stopping where the first coefficient reaches zero
   * (see {@link ReducedNewtonStep}). The model is flat along "all intercepts up by one"
   * unless the IRLS floor is active somewhere; when that makes the system singular, class
   * 0's intercept is held instead, which then loses nothing.
   */
  private void reducedSolve(int[] active, int activeCount, double[][] coef,
      ScaledPenalty penalty) {
    if (!reducedSolve(active, activeCount, coef, penalty, 0) && intercept) {
      reducedSolve(active, activeCount, coef, penalty, 1);
    }
  }

  private boolean reducedSolve(int[] active, int activeCount, double[][] coef,
      ScaledPenalty penalty, int firstFreeIntercept) {
    int interceptVariables = intercept ? classes - firstFreeIntercept : 0;
    int[] variableClass = new int[interceptVariables + classes * activeCount];
    int[] variableColumn = new int[variableClass.length];
    int d = 0;
    for (int k = firstFreeIntercept; intercept && k < classes; k++) {
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
      return true;
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
        double sum = 0;
        double[] g = negativeGradient[k];
        double[] a = diagonal[k];
        double[] e = etaChange[k];
        double[] wp = weightedProb[k];
        for (int i = 0; i < rows; i++) {
          sum += g[i] - a[i] * e[i] + wp[i] * mixed[i];
        }
        rhs[s] = sum;
      } else {
        double value = coef[k][j] + delta[k][j];
        current[s] = value;
        signFixed[s] = true;
        lower[s] = penalty.lower[j];
        upper[s] = penalty.upper[j];
        rhs[s] = x.dotResidual(j, negativeGradient[k], diagonal[k], etaChange[k],
            weightedProb[k], mixed) - penalty.l1[j] * Math.signum(value)
            - penalty.l2[j] * value;
      }
      for (int t = 0; t <= s; t++) {
        int l = variableClass[t];
        int b = variableColumn[t];
        double[] cross = pairWeights(pairWeights, k, l);
        double h = entry(j, b, cross) * -1;
        if (k == l) {
          h += entry(j, b, diagonal[k]);
        }
        hessian[s][t] = h;
        hessian[t][s] = h;
      }
      if (j >= 0) {
        hessian[s][s] += penalty.l2[j];
      }
    }
    if (firstFreeIntercept == 0 && intercept && Cholesky.factor(hessian) == null) {
      return false;
    }
    ReducedNewtonStep step = ReducedNewtonStep.solve(hessian, rhs, current, signFixed, lower,
        upper);
    if (step == null) {
      return true;
    }
    double fraction = step.fraction();
    double[] z = step.move();
    double[][] change = new double[classes][];
    for (int s = 0; s < d; s++) {
      int k = variableClass[s];
      int j = variableColumn[s];
      if (change[k] == null) {
        change[k] = new double[rows];
      }
      if (j < 0) {
        double move = fraction * z[s];
        interceptChange[k] += move;
        double[] ck = change[k];
        for (int i = 0; i < rows; i++) {
          ck[i] += move;
        }
      } else {
        double target = step.blocking()[s]
            ? CoordinateDescent.blockedValue(current[s], z[s], lower[s], upper[s])
            : current[s] + fraction * z[s];
        delta[k][j] = target - coef[k][j];
        x.addScaled(j, target - current[s], change[k]);
      }
    }
    for (int k = 0; k < classes; k++) {
      if (change[k] == null) {
        continue;
      }
      double[] ck = change[k];
      double[] e = etaChange[k];
      double[] p = prob[k];
      for (int i = 0; i < rows; i++) {
        e[i] += ck[i];
        mixed[i] += p[i] * ck[i];
      }
    }
    return true;
  }

  /** w_i p_ik p_il, made on first use. */
  private double[] pairWeights(double[][] cache, int k, int l) {
    int key = Math.min(k, l) * classes + Math.max(k, l);
    if (cache[key] == null) {
      double[] out = new double[rows];
      double[] wp = weightedProb[k];
      double[] p = prob[l];
      for (int i = 0; i < rows; i++) {
        out[i] = wp[i] * p[i];
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

  /** Exact coordinate moves of every class intercept; returns the largest violation. */
  private double updateIntercepts() {
    if (!intercept) {
      return 0;
    }
    double violation = 0;
    for (int k = 0; k < classes; k++) {
      double[] g = negativeGradient[k];
      double[] a = diagonal[k];
      double[] d = etaChange[k];
      double[] wp = weightedProb[k];
      double gradient = 0;
      double totalCurvature = 0;
      double[] q = curvature[k];
      for (int i = 0; i < rows; i++) {
        gradient += g[i] - a[i] * d[i] + wp[i] * mixed[i];
        totalCurvature += q[i];
      }
      double move = gradient / totalCurvature;
      if (move == 0) {
        continue;
      }
      interceptChange[k] += move;
      double[] p = prob[k];
      for (int i = 0; i < rows; i++) {
        d[i] += move;
        mixed[i] += move * p[i];
      }
      violation = Math.max(violation, Math.abs(gradient));
    }
    return violation;
  }

  /** Exact coordinate moves of column j in every class; returns the largest violation. */
  private double updateColumn(int j, double[][] coef, ScaledPenalty penalty) {
    if (columnStamp[j] != stamp) {
      columnStamp[j] = stamp;
      for (int k = 0; k < classes; k++) {
        columnCurvature[k][j] = x.weightedSquares(j, curvature[k]);
      }
    }
    double violation = 0;
    for (int k = 0; k < classes; k++) {
      double h = columnCurvature[k][j];
      double gradient = x.dotResidual(j, negativeGradient[k], diagonal[k], etaChange[k],
          weightedProb[k], mixed);
      double current = coef[k][j] + delta[k][j];
      double updated = Numerics.elasticNetUpdate(h * current + gradient, h, penalty.l1[j],
          penalty.l2[j], penalty.lower[j], penalty.upper[j]);
      double move = updated - current;
      if (move == 0) {
        continue;
      }
      // set, not add: a coefficient sent to zero must land on exactly zero
      delta[k][j] = updated - coef[k][j];
      x.addScaled(j, move, etaChange[k]);
      x.addScaledWeighted(j, move, prob[k], mixed);
      violation = Math.max(violation, (h + penalty.l2[j]) * Math.abs(move) / penalty.scale[j]);
    }
    return Math.max(violation, shiftColumn(j, coef, penalty));
  }

  /**
   * The exact move of column j along (1, ..., 1) over the classes. The softmax does not see
   * it, so the model is flat along it but for the IRLS floor, and single-class moves crawl
   * there; this one move settles it. Skipped when the penalty alone would not move it, and
   * for bounded coefficients.
   */
  private double shiftColumn(int j, double[][] coef, ScaledPenalty penalty) {
    if ((penalty.l1[j] == 0 && penalty.l2[j] == 0)
        || penalty.lower[j] != Double.NEGATIVE_INFINITY
        || penalty.upper[j] != Double.POSITIVE_INFINITY) {
      return 0;
    }
    double[] current = new double[classes];
    for (int k = 0; k < classes; k++) {
      current[k] = coef[k][j] + delta[k][j];
    }
    if (ShiftSolver.minimise(0, 0, current, penalty.l1[j], penalty.l2[j]) == 0) {
      return 0;
    }
    if (shiftStamp[j] != stamp) {
      shiftStamp[j] = stamp;
      shiftCurvature[j] = x.weightedSquares(j, floorExcess);
    }
    double gradient = 0;
    for (int k = 0; k < classes; k++) {
      gradient += x.dotResidual(j, negativeGradient[k], diagonal[k], etaChange[k],
          weightedProb[k], mixed);
    }
    double move = ShiftSolver.minimise(shiftCurvature[j], gradient, current, penalty.l1[j],
        penalty.l2[j]);
    if (move == 0) {
      return 0;
    }
    for (int k = 0; k < classes; k++) {
      // a class whose breakpoint is the move lands on exactly zero
      double target = current[k] + move == 0 || -current[k] == move ? 0.0 : current[k] + move;
      double change = target - current[k];
      delta[k][j] = target - coef[k][j];
      x.addScaled(j, change, etaChange[k]);
      x.addScaledWeighted(j, change, prob[k], mixed);
    }
    return 0;
  }
}
