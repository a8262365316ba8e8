package org.elasticnetlogistic.core;

import java.util.ArrayList;
import java.util.List;

/**
 * The lambda loop: solves a decreasing sequence of lambdas with warm starts and
 * sequential strong-rule screening, and applies glmnet's early-stopping rules to a default
 * path. One instance per path run.
 */
final class LambdaPath {

  /**
   * glmnet's fdev: stop when the fraction of deviance explained grows by less than this
   * (an absolute change of the fraction, as glmnet's logistic paths apply it).
   */
  static final double MIN_DEVIANCE_RATIO_CHANGE = 1e-5;
  /** glmnet's devmax: stop when this fraction of the null deviance is explained. */
  static final double MAX_DEVIANCE_RATIO = 0.999;
  /** glmnet's mnlam: the early-stopping rules apply only after this many lambdas. */
  static final int MIN_LAMBDAS_BEFORE_STOPPING = 5;

  private final FitContext context;
  private final SolverControl control;
  private final ProgressListener listener;

  LambdaPath(FitContext context, SolverControl control, ProgressListener listener) {
    this.context = context;
    this.control = control;
    this.listener = listener;
  }

  /**
   * The solution at lambda_max: the intercepts and the columns with penalty factor zero,
   * fitted without the others (glmnet's first path point). Plain intercept-only when no
   * column is unpenalised.
   */
  static ModelState startState(FitContext context, SolverControl control) {
    ModelState state = ModelState.nullModel(context);
    int count = 0;
    int[] free = new int[context.included.length];
    for (int j : context.included) {
      if (context.penalty.factor(j) == 0) {
        free[count++] = j;
      }
    }
    if (count == 0) {
      return state;
    }
    WorkingSet working = new WorkingSet(context);
    working.admit(java.util.Arrays.copyOf(free, count));
    // any lambda: the free columns carry no penalty and the others are held at zero
    new ProximalNewton(context).solve(state, new ScaledPenalty(context, 1.0), working,
        control, false, 0);
    return state;
  }

  /**
   * The largest useful lambda: max_j |g_j| / (v_j max(alpha, 1e-3)), with g_j the gradient
   * of the loss in bt_j at the intercept-only fit (max over classes). At and above it every
   * coefficient is zero.
   */
  static double lambdaMax(FitContext context, ModelState nullState, WorkingSet working) {
    ProximalNewton newton = new ProximalNewton(context);
    // a zero penalty makes the violation equal the gradient norm; only the norms are used
    newton.kktViolation(nullState, new ScaledPenalty(context, 0.0), context.included,
        working);
    double alpha = Math.max(context.penalty.alpha(), 1e-3);
    double max = 0;
    for (int j : context.included) {
      double v = context.penalty.factor(j);
      if (v > 0) {
        max = Math.max(max, working.gradientNorm[j] / (v * alpha));
      }
    }
    return max;
  }

  /**
   * Runs the path.
   *
   * @param lambdas decreasing penalty weights
   * @param record which lambdas to keep in the result (the others only warm-start)
   * @param looseTolerance tolerance for lambdas that are not recorded
   * @param earlyStop whether to apply glmnet's early-stopping rules
   * @param start the state to start from (intercept-only fit); updated in place
   * @param nullFirst whether the first lambda is lambda_max with alpha &gt; 0, where the
   *     intercept-only fit is the exact solution and needs no solve
   */
  List<PathPoint> run(double[] lambdas, boolean[] record, double looseTolerance,
      boolean earlyStop, ModelState start, WorkingSet working, boolean nullFirst) {
    ProximalNewton newton = new ProximalNewton(context);
    // the deviance ratio is relative to the intercept-only fit, as glmnet reports it
    double nullLoss = ModelState.nullModel(context).loss();
    List<PathPoint> points = new ArrayList<>();
    boolean screen = context.penalty.alpha() > 0;
    if (!screen) {
      working.admitAll();
    }
    double previousLambda = lambdas.length == 0 ? 0 : lambdas[0];
    double previousRatio = 0;
    // the solution two lambdas back, for the predicted start
    Solution older = null;
    double olderLambda = 0;
    for (int k = 0; k < lambdas.length; k++) {
      double lambda = lambdas[k];
      if (screen) {
        working.applyStrongRule(start, lambda, Math.max(previousLambda, lambda));
      }
      SolverControl pointControl = record[k] ? control
          : control.withTolerance(Math.max(control.tolerance(), looseTolerance));
      Solution last = new Solution(start);
      ScaledPenalty penalty = new ScaledPenalty(context, lambda);
      if (older != null && !penalty.grouped && lambda < previousLambda
          && previousLambda < olderLambda) {
        double ratio = Math.log(lambda / previousLambda) / Math.log(previousLambda / olderLambda);
        Solution predicted = last.extrapolated(older, ratio, penalty);
        newton.moveIfLower(start, predicted.coef, predicted.intercept, penalty);
      }
      PointResult result = k == 0 && nullFirst
          ? new PointResult(lambda, 0, 0, 0.0, true)
          : newton.solve(start, penalty, working, pointControl, true, lambdas.length - k - 1);
      older = last;
      olderLambda = previousLambda;
      previousLambda = lambda;
      double loss = start.loss();
      double ratio = nullLoss > 0 ? 1 - loss / nullLoss : 0;
      if (record[k]) {
        PathPoint point = new PathPoint(lambda, originalScale(start), start.nonZeroColumns(),
            2 * loss, ratio, result.iterations(), result.sweeps(), result.kktViolation(),
            result.converged());
        points.add(point);
        listener.pathPoint(points.size() - 1, point);
      }
      if (earlyStop && k + 1 >= MIN_LAMBDAS_BEFORE_STOPPING) {
        if (ratio > MAX_DEVIANCE_RATIO
            || ratio - previousRatio < MIN_DEVIANCE_RATIO_CHANGE) {
          break;
        }
      }
      previousRatio = ratio;
    }
    return points;
  }

  /** A copy of a solution's coefficients and intercepts (internal scale). */
  private static final class Solution {
    final double[][] coef;
    final double[] intercept;

    Solution(ModelState state) {
      this(new double[state.coef.length][], state.intercept.clone());
      for (int k = 0; k < coef.length; k++) {
        coef[k] = state.coef[k].clone();
      }
    }

    private Solution(double[][] coef, double[] intercept) {
      this.coef = coef;
      this.intercept = intercept;
    }

    /**
     * The path continued linearly in log(lambda) from {@code older} through this solution,
     * {@code ratio} steps on: along a smooth stretch of the path the next solution is
     * then much nearer than this one (fewer Newton steps and sweeps). Zero coefficients stay
     * zero, a coefficient that would change sign stops at zero, and limits hold.
     */
    Solution extrapolated(Solution older, double ratio, ScaledPenalty penalty) {
      double[][] out = new double[coef.length][];
      double[] outIntercept = new double[intercept.length];
      for (int k = 0; k < coef.length; k++) {
        out[k] = coef[k].clone();
        outIntercept[k] = intercept[k] + ratio * (intercept[k] - older.intercept[k]);
        for (int j = 0; j < out[k].length; j++) {
          double current = coef[k][j];
          if (current == 0) {
            continue;
          }
          double next = current + ratio * (current - older.coef[k][j]);
          next = next * current <= 0 ? 0 : next;
          out[k][j] = Math.min(Math.max(next, penalty.lower[j]), penalty.upper[j]);
        }
      }
      return new Solution(out, outIntercept);
    }
  }

  /**
   * The start state (intercepts and unpenalised columns) as the solution at lambda. Its KKT
   * violation is measured over every column, so that a start whose unpenalised columns did
   * not converge is reported as it is.
   */
  PathPoint nullPoint(ModelState state, double lambda, double nullDeviance) {
    double violation = new ProximalNewton(context).kktViolation(state,
        new ScaledPenalty(context, lambda), context.included, new WorkingSet(context));
    double deviance = 2 * state.loss();
    return new PathPoint(lambda, originalScale(state), state.nonZeroColumns(), deviance,
        nullDeviance > 0 ? 1 - deviance / nullDeviance : 0.0, 0, 0, violation,
        violation <= control.tolerance());
  }

  /**
   * The state's coefficients on the original scale; for the multinomial model each column
   * is shifted by its penalty-optimal constant and the intercepts centred to sum to zero.
   */
  Coefficients originalScale(ModelState state) {
    int blocks = context.blocks;
    int p = context.columns;
    DesignMatrix x = context.design;
    double[] intercepts = new double[blocks];
    double[][] slopes = new double[blocks][];
    for (int b = 0; b < blocks; b++) {
      slopes[b] = state.coef[b].clone();
      double intercept = state.intercept[b];
      for (int j = 0; j < p; j++) {
        if (slopes[b][j] != 0) {
          intercept -= slopes[b][j] * x.columnOffset(j);
        }
      }
      intercepts[b] = intercept;
    }
    if (!context.binomial) {
      centre(intercepts, slopes);
    }
    return new Coefficients(intercepts, slopes);
  }

  private void centre(double[] intercepts, double[][] slopes) {
    int blocks = intercepts.length;
    boolean limited = context.penalty.hasLimits();
    double[] column = new double[blocks];
    for (int j = 0; j < context.columns; j++) {
      double s = context.standardization.scale(j);
      boolean any = false;
      for (int b = 0; b < blocks; b++) {
        column[b] = slopes[b][j] * s;
        any |= column[b] != 0;
      }
      if (!any || limited) {
        continue;
      }
      // a group's penalty, like ridge, is smallest at the mean
      double shift = MultinomialCentering.penaltyOptimalShift(column,
          context.penalty.grouped() ? 0.0 : context.penalty.alpha());
      if (shift != 0) {
        for (int b = 0; b < blocks; b++) {
          slopes[b][j] = (column[b] - shift) / s;
        }
      }
    }
    double mean = 0;
    for (double a : intercepts) {
      mean += a / blocks;
    }
    for (int b = 0; b < blocks; b++) {
      intercepts[b] -= mean;
    }
  }
}
