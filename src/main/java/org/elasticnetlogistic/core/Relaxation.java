package org.elasticnetlogistic.core;

import java.util.ArrayList;
import java.util.List;

/**
 * glmnet's relaxed fit: at each lambda the columns that are active are refitted without
 * any penalty, and the coefficients blended as
 * {@code gamma * penalised + (1 - gamma) * unpenalised}.
 *
 * <p>The refit keeps the coefficient limits. It has no finite optimum when the active
 * columns separate the classes; there the relaxed point keeps the penalised coefficients
 * (gamma = 1), and says so through {@link RelaxedPoint#guarded()}.
 */
final class Relaxation {

  private Relaxation() {
  }

  /** A relaxed solution and whether the unpenalised refit had to be skipped. */
  record RelaxedPoint(PathPoint point, boolean guarded) {
  }

  /** The separation guard: the refit must converge, and no row may be fitted perfectly. */
  private static final double PERFECT_FIT = 1e-10;

  static List<RelaxedPoint> relax(FitContext context, List<PathPoint> points, double gamma,
      SolverControl control, double nullDeviance) {
    List<RelaxedPoint> out = new ArrayList<>(points.size());
    for (PathPoint point : points) {
      out.add(relax(context, point, gamma, control, nullDeviance));
    }
    return out;
  }

  static RelaxedPoint relax(FitContext context, PathPoint point, double gamma,
      SolverControl control, double nullDeviance) {
    Coefficients penalised = point.coefficients();
    int p = context.columns;
    double[] factors = new double[p];
    boolean any = false;
    for (int j = 0; j < p; j++) {
      boolean active = false;
      for (int r = 0; r < penalised.rows(); r++) {
        active |= penalised.coefficient(r, j) != 0;
      }
      factors[j] = active ? 0.0 : 1.0;
      any |= active;
    }
    if (!any || gamma == 1) {
      return new RelaxedPoint(point, false);
    }
    // the refit keeps the limits, as glmnet's relaxed fit does
    ElasticNetPenalty original = context.penalty;
    double[] lower = null;
    double[] upper = null;
    if (original.hasLimits()) {
      lower = new double[p];
      upper = new double[p];
      for (int j = 0; j < p; j++) {
        lower[j] = original.lowerLimit(j);
        upper[j] = original.upperLimit(j);
      }
    }
    ElasticNetPenalty penalty = ElasticNetPenalty.create(original.alpha(), factors, lower,
        upper, false, p);
    FitContext refitContext = new FitContext(context.problem, penalty, true,
        context.intercept, context.parallel);
    ModelState refit = LambdaPath.startState(refitContext, control);
    if (!refitConverged(refitContext, refit, control) || perfectlyFitted(refit)) {
      return new RelaxedPoint(point, true);
    }
    Coefficients unpenalised = new LambdaPath(refitContext, control, ProgressListener.NONE)
        .originalScale(refit);
    int rows = penalised.rows();
    double[] intercepts = new double[rows];
    double[][] slopes = new double[rows][p];
    for (int r = 0; r < rows; r++) {
      intercepts[r] = gamma * penalised.intercept(r) + (1 - gamma) * unpenalised.intercept(r);
      for (int j = 0; j < p; j++) {
        slopes[r][j] = gamma * penalised.coefficient(r, j)
            + (1 - gamma) * unpenalised.coefficient(r, j);
      }
    }
    Coefficients blended = new Coefficients(intercepts, slopes);
    double deviance = 2 * lossAt(context, blended);
    PathPoint relaxed = new PathPoint(point.lambda(), blended, point.nonZeroColumns(),
        deviance, nullDeviance > 0 ? 1 - deviance / nullDeviance : 0.0, point.iterations(),
        point.sweeps(), point.kktViolation(), point.converged());
    return new RelaxedPoint(relaxed, false);
  }

  /** Whether the unpenalised refit reached its optimum (its gradient is zero). */
  private static boolean refitConverged(FitContext context, ModelState state,
      SolverControl control) {
    WorkingSet working = new WorkingSet(context);
    double violation = new ProximalNewton(context).kktViolation(state,
        new ScaledPenalty(context, 1.0), freeColumns(context), working);
    return violation <= control.tolerance();
  }

  private static int[] freeColumns(FitContext context) {
    int[] out = new int[context.included.length];
    int count = 0;
    for (int j : context.included) {
      if (context.penalty.factor(j) == 0) {
        out[count++] = j;
      }
    }
    return java.util.Arrays.copyOf(out, count);
  }

  private static boolean perfectlyFitted(ModelState state) {
    FitContext context = state.context;
    for (int i = 0; i < context.rows; i++) {
      if (context.weights[i] > 0 && state.prob[context.classes[i]][i] > 1 - PERFECT_FIT) {
        return true;
      }
    }
    return false;
  }

  /** The loss of original-scale coefficients on the context's data. */
  private static double lossAt(FitContext context, Coefficients coefficients) {
    int blocks = context.blocks;
    double[] intercepts = new double[blocks];
    double[][] slopes = new double[blocks][context.columns];
    for (int b = 0; b < blocks; b++) {
      double intercept = coefficients.intercept(b);
      for (int j = 0; j < context.columns; j++) {
        slopes[b][j] = context.isIncluded[j] ? coefficients.coefficient(b, j) : 0.0;
        intercept += slopes[b][j] * context.design.columnOffset(j);
      }
      intercepts[b] = intercept;
    }
    return ModelState.at(context, intercepts, slopes).loss();
  }
}
