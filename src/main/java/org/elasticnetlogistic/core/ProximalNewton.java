package org.elasticnetlogistic.core;

import java.util.Arrays;

/**
 * The solver at one lambda: proximal Newton (IRLS) with coordinate descent for the
 * subproblems and a backtracking line search on the true penalised objective.
 *
 * <p>Each iteration builds the quadratic model of the loss at the current predictors, one
 * block (class) at a time: glmnet's partial Newton step for the multinomial model. The
 * coordinate-descent solution is a search direction, not a new point: the step is halved
 * until the objective falls by at least a fraction of the model's predicted decrease
 * (Armijo), so no accepted step increases the objective. glmnet takes unit steps and can
 * diverge on multinomial problems; the line search is what makes this solver safe there.
 *
 * <p>The loop stops on optimality: the largest KKT violation, first over the strong set and
 * then over every column, must be within the tolerance. The subproblem tolerance tightens
 * with the outer violation (an inexact Newton method), so early steps are cheap and the
 * last ones converge fast.
 *
 * <p>Instances hold per-fit scratch space and must not be shared between threads.
 */
final class ProximalNewton {

  /** Armijo fraction of the predicted decrease that a step must achieve. */
  private static final double SUFFICIENT_DECREASE = 1e-4;
  private static final int MAX_HALVINGS = 60;
  /** The subproblem tolerance never goes below this fraction of the outer tolerance. */
  private static final double INNER_FLOOR = 0.5;
  /** Far from the optimum the subproblem is solved to this fraction of the violation. */
  private static final double INNER_FORCING = 0.3;
  /** Near the optimum it is solved to violation^INNER_EXPONENT (superlinear). */
  private static final double INNER_EXPONENT = 1.25;

  /** How a multinomial Newton step is formed. */
  enum MultinomialStep {
    /** glmnet's partial Newton: one class at a time, each with its own line search. */
    PER_CLASS,
    /** The full Newton model of all classes with cross-class curvature, one line search. */
    FULL
  }

  /** The multinomial strategy, chosen by measurement (see the speed notes in README). */
  static final MultinomialStep DEFAULT_MULTINOMIAL_STEP = MultinomialStep.FULL;

  private final FitContext context;
  private final CoordinateDescent coordinateDescent;
  private final MultinomialCoordinateDescent blockDescent;
  private final MultinomialStep multinomialStep;

  ProximalNewton(FitContext context) {
    this(context, DEFAULT_MULTINOMIAL_STEP);
  }

  ProximalNewton(FitContext context, MultinomialStep multinomialStep) {
    this.context = context;
    this.multinomialStep = context.binomial ? MultinomialStep.PER_CLASS : multinomialStep;
    this.coordinateDescent = this.multinomialStep == MultinomialStep.PER_CLASS
        ? new CoordinateDescent(context) : null;
    this.blockDescent = this.multinomialStep == MultinomialStep.FULL
        ? new MultinomialCoordinateDescent(context) : null;
  }

  /**
   * Moves {@code state} to the optimum at {@code penalty.lambda}.
   *
   * @param state the warm start; updated in place
   * @param penalty the penalty at this lambda
   * @param working the strong set to start from, updated with any KKT violators; its
   *     gradient norms are refreshed for every included column at the end
   */
  PointResult solve(ModelState state, ScaledPenalty penalty, WorkingSet working,
      SolverControl control) {
    double tolerance = control.tolerance();
    int iterations = 0;
    int sweeps = 0;
    double violation = kktViolation(state, penalty, working.strongColumns(), working);
    boolean converged = false;
    double floor = ModelState.CURVATURE_FLOOR;
    while (true) {
      if (violation <= tolerance) {
        // the strong set is optimal; check the columns the strong rule left out
        int[] others = working.excludedColumns();
        double outside = kktViolation(state, penalty, others, working);
        if (outside <= tolerance) {
          violation = Math.max(violation, outside);
          converged = true;
          break;
        }
        working.admitViolators(others, penalty, tolerance);
        violation = Math.max(violation, outside);
      }
      if (iterations >= control.maxIterations()) {
        break;
      }
      // inexact Newton: the subproblem tolerance shrinks with the outer violation, linearly
      // far from the optimum and superlinearly near it (measured on the benchmark paths)
      double innerTolerance = Math.max(INNER_FLOOR * tolerance,
          Math.min(INNER_FORCING * violation, Math.pow(violation, INNER_EXPONENT)));
      int[] candidates = working.movableColumns(state);
      boolean moved = false;
      boolean fullSteps = true;
      if (multinomialStep == MultinomialStep.FULL) {
        MultinomialCoordinateDescent.BlockStep step = blockDescent.solve(state, penalty,
            candidates, nonZeroInAnyClass(state.coef, candidates), innerTolerance,
            control.maxSweeps(), floor);
        sweeps += step.sweeps();
        double t = lineSearch(state, step, penalty);
        moved = t > 0;
        fullSteps = t == 1;
      } else {
        for (int block = 0; block < context.blocks; block++) {
          QuadraticStep step = coordinateDescent.solve(negate(state.etaGradient(block)),
              state.curvature(block, floor), state.coef[block], penalty, candidates,
              nonZero(state.coef[block], candidates), innerTolerance, control.maxSweeps());
          sweeps += step.sweeps();
          double t = lineSearch(state, block, step, penalty);
          moved |= t > 0;
          fullSteps &= t == 1 || step.isEmpty();
        }
      }
      iterations++;
      // relax the IRLS floor while full steps are accepted; restore it when they are not
      floor = fullSteps ? Math.max(floor * 0.01, ModelState.SMALLEST_CURVATURE_FLOOR)
          : ModelState.CURVATURE_FLOOR;
      if (!moved) {
        // no block could decrease the objective: the point is optimal up to rounding
        violation = kktViolation(state, penalty, working.strongColumns(), working);
        break;
      }
      violation = kktViolation(state, penalty, working.strongColumns(), working);
    }
    if (!converged) {
      violation = Math.max(violation,
          kktViolation(state, penalty, working.excludedColumns(), working));
      converged = violation <= tolerance;
    }
    return new PointResult(penalty.lambda, iterations, sweeps, violation, converged);
  }

  /**
   * Backtracks along the step until the penalised objective decreases by at least
   * SUFFICIENT_DECREASE times the predicted decrease; applies the accepted step.
   *
   * @return the accepted step length, 0 when no step was taken
   */
  private double lineSearch(ModelState state, int block, QuadraticStep step,
      ScaledPenalty penalty) {
    double predicted = step.modelDecrease();
    if (step.isEmpty() || !(predicted < 0)) {
      return 0;
    }
    double[] coef = state.coef[block];
    int[] columns = step.changedColumns();
    double[] changes = step.changes();
    double t = 1.0;
    for (int halving = 0; halving <= MAX_HALVINGS; halving++) {
      double penaltyChange = 0;
      for (int c = 0; c < columns.length; c++) {
        int j = columns[c];
        penaltyChange += penalty.value(j, coef[j] + t * changes[c])
            - penalty.value(j, coef[j]);
      }
      double change = state.lossChange(block, step.etaChange(), t) + penaltyChange;
      if (change <= SUFFICIENT_DECREASE * t * predicted) {
        apply(state, block, step, t);
        return t;
      }
      t *= 0.5;
    }
    return 0;
  }

  /** The same backtracking for a step that moves every class at once. */
  private double lineSearch(ModelState state, MultinomialCoordinateDescent.BlockStep step,
      ScaledPenalty penalty) {
    double predicted = step.modelDecrease();
    if (!(predicted < 0)) {
      return 0;
    }
    double[][] changes = step.changes();
    int[] active = step.active();
    double t = 1.0;
    for (int halving = 0; halving <= MAX_HALVINGS; halving++) {
      double penaltyChange = 0;
      for (int k = 0; k < context.blocks; k++) {
        double[] coef = state.coef[k];
        for (int j : active) {
          if (changes[k][j] != 0) {
            penaltyChange += penalty.value(j, coef[j] + t * changes[k][j])
                - penalty.value(j, coef[j]);
          }
        }
      }
      double change = state.lossChangeAllClasses(step.etaChange(), t) + penaltyChange;
      if (change <= SUFFICIENT_DECREASE * t * predicted) {
        for (int k = 0; k < context.blocks; k++) {
          for (int j : active) {
            state.coef[k][j] += t * changes[k][j];
          }
          state.intercept[k] += t * step.interceptChange()[k];
          double[] eta = state.eta[k];
          double[] etaChange = step.etaChange()[k];
          for (int i = 0; i < eta.length; i++) {
            eta[i] += t * etaChange[i];
          }
        }
        state.refreshProbabilities();
        return t;
      }
      t *= 0.5;
    }
    return 0;
  }

  private static int[] nonZeroInAnyClass(double[][] coef, int[] candidates) {
    int[] out = new int[candidates.length];
    int count = 0;
    for (int j : candidates) {
      for (double[] row : coef) {
        if (row[j] != 0) {
          out[count++] = j;
          break;
        }
      }
    }
    return Arrays.copyOf(out, count);
  }

  private void apply(ModelState state, int block, QuadraticStep step, double t) {
    double[] coef = state.coef[block];
    int[] columns = step.changedColumns();
    double[] changes = step.changes();
    for (int c = 0; c < columns.length; c++) {
      coef[columns[c]] += t * changes[c];
    }
    state.intercept[block] += t * step.interceptChange();
    double[] eta = state.eta[block];
    double[] etaChange = step.etaChange();
    for (int i = 0; i < eta.length; i++) {
      eta[i] += t * etaChange[i];
    }
    state.refreshProbabilities();
  }

  /**
   * The largest KKT violation over the given columns (and the intercepts), on the
   * standardised scale; records each column's gradient norm in the working set.
   */
  double kktViolation(ModelState state, ScaledPenalty penalty, int[] columns,
      WorkingSet working) {
    DesignMatrix x = context.design;
    Standardization standardization = context.standardization;
    double violation = 0;
    for (int j : columns) {
      working.gradientNorm[j] = 0;
      working.violation[j] = 0;
    }
    for (int block = 0; block < context.blocks; block++) {
      double[] gradient = state.etaGradient(block);
      double total = Numerics.sum(gradient, gradient.length);
      if (context.intercept) {
        violation = Math.max(violation, Math.abs(total));
      }
      double[] coef = state.coef[block];
      for (int j : columns) {
        double raw = x.dot(j, gradient) - standardization.centre(j) * total;
        double columnViolation = penalty.violation(j, raw, coef[j]);
        violation = Math.max(violation, columnViolation);
        working.violation[j] = Math.max(working.violation[j], columnViolation);
        working.gradientNorm[j] = Math.max(working.gradientNorm[j],
            Math.abs(raw) / standardization.scale(j));
      }
    }
    return violation;
  }

  private static double[] negate(double[] values) {
    double[] out = new double[values.length];
    for (int i = 0; i < values.length; i++) {
      out[i] = -values[i];
    }
    return out;
  }

  private static int[] nonZero(double[] coef, int[] candidates) {
    int[] out = new int[candidates.length];
    int count = 0;
    for (int j : candidates) {
      if (coef[j] != 0) {
        out[count++] = j;
      }
    }
    return Arrays.copyOf(out, count);
  }
}
