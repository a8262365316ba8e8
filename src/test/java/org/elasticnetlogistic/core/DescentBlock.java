package org.elasticnetlogistic.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Random;

/**
 * One binomial block's quadratic model, posed on fixed data for {@link CoordinateDescent}
 * and judged by plain loops over the stored design:
 *
 * <pre>
 *   m(d0, d) = -sum_i g_i e_i + 1/2 sum_i q_i e_i^2 + sum_j P_j(b_j + d_j) - P_j(b_j),
 *   e_i = d0 + sum_j x_ij d_j,
 * </pre>
 *
 * <p>x the solver's stored design (the intercept absorbs its offsets), g and q the negative
 * eta-gradient and the IRLS curvature at the coefficients b.
 */
final class DescentBlock {

  final FitContext context;
  final double[] g;
  final double[] q;
  final double[] coef;
  final ScaledPenalty penalty;
  final int[] candidates;
  final int[] initialActive;

  private DescentBlock(FitContext context, double[] g, double[] q, double[] coef,
      ScaledPenalty penalty, int[] candidates, int[] initialActive) {
    this.context = context;
    this.g = g;
    this.q = q;
    this.coef = coef;
    this.penalty = penalty;
    this.candidates = candidates;
    this.initialActive = initialActive;
  }

  /**
   * Columns x_ij = scale_j (z_i + noise * e_ij) for one standard normal factor z, y drawn
   * from z's odds; all columns candidates.
   *
   * @param scales the columns' scales (their length is the column count)
   * @param start the current coefficients b (stored scale), or null for zero
   * @param fraction lambda as a fraction of the model's lambda_max at d = 0
   */
  static DescentBlock collinear(long seed, int rows, double[] scales, double noise,
      double alpha, double fraction, boolean intercept, double[] lower, double[] upper,
      double[] start) {
    return collinear(seed, rows, scales, noise, alpha, fraction, intercept, lower, upper,
        start, 0);
  }

  /** As above, with the current intercept at {@code startIntercept}. */
  static DescentBlock collinear(long seed, int rows, double[] scales, double noise,
      double alpha, double fraction, boolean intercept, double[] lower, double[] upper,
      double[] start, double startIntercept) {
    return collinear(seed, rows, scales, noise, alpha, fraction, intercept, lower, upper,
        start, startIntercept, null);
  }

  /** As above, with penalty factors (null: all one). */
  static DescentBlock collinear(long seed, int rows, double[] scales, double noise,
      double alpha, double fraction, boolean intercept, double[] lower, double[] upper,
      double[] start, double startIntercept, double[] factors) {
    return of(binomialCollinear(seed, rows, scales, noise), alpha, fraction, intercept, lower,
        upper, start, startIntercept, factors);
  }

  /**
   * The lasso block of {@link #collinear} from zero, with its values shifted by one (so that
   * the columns are not centred, and their moves move the profiled intercept) and stored as
   * a sparse design: the sweeps a sparse design allows run on it.
   */
  static DescentBlock collinearStoredSparse(long seed, int rows, double[] scales,
      double noise, double fraction) {
    LogisticProblem dense = binomialCollinear(seed, rows, scales, noise);
    double[][] x = new double[rows][scales.length];
    int[] y = new int[rows];
    for (int i = 0; i < rows; i++) {
      for (int j = 0; j < scales.length; j++) {
        x[i][j] = dense.design().stored(i, j) + 1;
      }
      y[i] = dense.classOf(i);
    }
    LogisticProblem sparse = LogisticProblem.unweighted(SparseDesignMatrix.fromRows(x), y, 2);
    return of(sparse, 1.0, fraction, true, null, null, null, 0, null);
  }

  private static LogisticProblem binomialCollinear(long seed, int rows, double[] scales,
      double noise) {
    return collinearProblem(seed, rows, scales, noise, 2,
        (z, random) -> random.nextDouble() < 1 / (1 + Math.exp(-z)) ? 1 : 0);
  }

  private static DescentBlock of(LogisticProblem problem, double alpha, double fraction,
      boolean intercept, double[] lower, double[] upper, double[] start,
      double startIntercept, double[] factors) {
    int p = problem.columns();
    ElasticNetPenalty elasticNet = ElasticNetPenalty.create(alpha, factors, lower, upper, false,
        p);
    FitContext context = new FitContext(problem, elasticNet, true, intercept);
    double[] coef = start == null ? new double[p] : start.clone();
    ModelState state = ModelState.at(context, new double[] {startIntercept},
        new double[][] {coef});
    double[] g = state.etaGradient(0);
    for (int i = 0; i < g.length; i++) {
      g[i] = -g[i];
    }
    double[] q = state.curvature(0, ModelState.CURVATURE_FLOOR);
    int[] all = new int[p];
    for (int j = 0; j < p; j++) {
      all[j] = j;
    }
    int[] active = Arrays.stream(all).filter(j -> coef[j] != 0).toArray();
    DescentBlock unit = new DescentBlock(context, g, q, coef, null, all, active);
    double lambda = fraction * unit.lambdaMax(Math.max(alpha, 1e-3));
    return new DescentBlock(context, g, q, coef, new ScaledPenalty(context, lambda), all,
        active);
  }

  /**
   * max_j |x_j' r| / (alpha s_j), r = g - q d0 with d0 the intercept-only optimum: above
   * it (from b = 0) no column moves.
   */
  double lambdaMax(double alpha) {
    int rows = context.rows;
    double[] r = g.clone();
    if (context.intercept) {
      double d0 = sum(g) / sum(q);
      for (int i = 0; i < rows; i++) {
        r[i] -= q[i] * d0;
      }
    }
    double max = 0;
    for (int j = 0; j < context.columns; j++) {
      double dot = 0;
      for (int i = 0; i < rows; i++) {
        dot += context.design.stored(i, j) * r[i];
      }
      double factor = context.penalty.factor(j);
      if (factor > 0) {
        max = Math.max(max, Math.abs(dot) / (alpha * factor
            * context.standardization.scale(j)));
      }
    }
    return max;
  }

  DescentBlock withLambda(double lambda) {
    return new DescentBlock(context, g, q, coef, new ScaledPenalty(context, lambda),
        candidates, initialActive);
  }

  QuadraticStep solve(CoordinateDescent.Accelerations accelerations, double tolerance,
      int maxSweeps) {
    return new CoordinateDescent(context, accelerations).solve(g, q, coef.clone(), penalty,
        candidates, initialActive, tolerance, maxSweeps);
  }

  /** The coefficient moves of a step as a dense vector over the columns. */
  double[] moves(QuadraticStep step) {
    double[] d = new double[context.columns];
    for (int c = 0; c < step.changedColumns().length; c++) {
      d[step.changedColumns()[c]] = step.changes()[c];
    }
    return d;
  }

  /** e_i = d0 + sum_j x_ij d_j, by plain loops. */
  double[] predictorChange(double interceptChange, double[] d) {
    double[] e = new double[context.rows];
    for (int i = 0; i < e.length; i++) {
      e[i] = interceptChange;
      for (int j = 0; j < d.length; j++) {
        e[i] += context.design.stored(i, j) * d[j];
      }
    }
    return e;
  }

  double penaltyChange(double[] d) {
    double sum = 0;
    for (int j = 0; j < d.length; j++) {
      sum += penalty.value(j, coef[j] + d[j]) - penalty.value(j, coef[j]);
    }
    return sum;
  }

  /** m(d0, d), the model's value at a move. */
  double model(double interceptChange, double[] d) {
    double[] e = predictorChange(interceptChange, d);
    double value = penaltyChange(d);
    for (int i = 0; i < e.length; i++) {
      value += -g[i] * e[i] + 0.5 * q[i] * e[i] * e[i];
    }
    return value;
  }

  /**
   * The largest KKT violation of the model at the step, on the standardised scale: the
   * intercept's gradient (over sum |g|), and per column the distance from zero of the
   * subdifferential pointing into its box, over its scale.
   */
  double kktViolation(QuadraticStep step) {
    double[] d = moves(step);
    double[] e = predictorChange(step.interceptChange(), d);
    double[] r = new double[e.length];
    double interceptGradient = 0;
    double magnitude = 0;
    for (int i = 0; i < r.length; i++) {
      r[i] = g[i] - q[i] * e[i];
      interceptGradient += r[i];
      magnitude += Math.abs(g[i]);
    }
    double worst = context.intercept ? Math.abs(interceptGradient) / magnitude : 0;
    for (int j = 0; j < d.length; j++) {
      double gradient = 0;
      for (int i = 0; i < r.length; i++) {
        gradient += context.design.stored(i, j) * r[i];
      }
      double b = coef[j] + d[j];
      double smooth = -gradient + penalty.l2[j] * b;
      double right = smooth + (b >= 0 ? penalty.l1[j] : -penalty.l1[j]);
      double left = smooth + (b > 0 ? penalty.l1[j] : -penalty.l1[j]);
      double violation = 0;
      if (b < penalty.upper[j]) {
        violation = Math.max(violation, -right);
      }
      if (b > penalty.lower[j]) {
        violation = Math.max(violation, left);
      }
      assertTrue(b >= penalty.lower[j] && b <= penalty.upper[j], "column " + j + " at " + b
          + " outside its limits");
      worst = Math.max(worst, violation / penalty.scale[j]);
    }
    return worst;
  }

  /**
   * The step's bookkeeping, checked independently: changedColumns lists exactly the
   * columns with a non-zero move, once each; etaChange = d0 + X d; modelDecrease =
   * -g'e + P(b + d) - P(b); no move of the intercept without one; the step does not raise
   * the model.
   */
  void checkFields(QuadraticStep step) {
    int p = context.columns;
    boolean[] seen = new boolean[p];
    for (int c = 0; c < step.changedColumns().length; c++) {
      int j = step.changedColumns()[c];
      assertTrue(!seen[j], "column " + j + " listed twice");
      seen[j] = true;
      assertTrue(step.changes()[c] != 0, "column " + j + " listed without a move");
    }
    assertEquals(step.changedColumns().length, step.changes().length);
    if (!context.intercept) {
      assertEquals(0.0, step.interceptChange(), "a model without intercept moved it");
    }
    double[] d = moves(step);
    double[] e = predictorChange(step.interceptChange(), d);
    double scale = Math.abs(step.interceptChange());
    for (int j = 0; j < p; j++) {
      scale += Math.abs(d[j]) * 10 * context.standardization.scale(j);
    }
    for (int i = 0; i < e.length; i++) {
      assertEquals(e[i], step.etaChange()[i], 1e-12 * scale + Double.MIN_VALUE,
          "eta change of row " + i);
    }
    double gradientTerm = 0;
    double magnitude = 0;
    for (int i = 0; i < e.length; i++) {
      gradientTerm -= g[i] * e[i];
      magnitude += Math.abs(g[i] * e[i]);
    }
    double penaltyChange = penaltyChange(d);
    magnitude += Math.abs(penaltyChange);
    assertEquals(gradientTerm + penaltyChange, step.modelDecrease(), 1e-12 * magnitude
        + Double.MIN_VALUE, "modelDecrease is not -g'e + P(b + d) - P(b)");
    assertTrue(model(step.interceptChange(), d) <= 1e-14 * magnitude, "the step raises the model");
  }

  private double sum(double[] v) {
    double s = 0;
    for (double a : v) {
      s += a;
    }
    return s;
  }

  /** Draws a row's class from its common factor z, with the stream that drew the row. */
  interface ClassDraw {
    int draw(double z, Random random);
  }

  /**
   * Rows sharing one factor, x_ij = scale_j (z_i + noise e_ij) with z and e standard
   * normal, each row's class drawn after its values, all from one stream of the seed.
   */
  static LogisticProblem collinearProblem(long seed, int rows, double[] scales, double noise,
      int classes, ClassDraw classOf) {
    Random random = new Random(seed);
    int p = scales.length;
    double[][] x = new double[rows][p];
    int[] y = new int[rows];
    for (int i = 0; i < rows; i++) {
      double z = random.nextGaussian();
      for (int j = 0; j < p; j++) {
        x[i][j] = scales[j] * (z + noise * random.nextGaussian());
      }
      y[i] = classOf.draw(z, random);
    }
    return LogisticProblem.unweighted(DenseDesignMatrix.fromRows(x), y, classes);
  }
}
