package org.elasticnetlogistic.core;

import static org.elasticnetlogistic.core.SolverEfficiencyTest.problem;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * The cost model's decisions, as regression bounds on fixed paths solved in the model's
 * space: the proximal Newton iterations, the subproblem sweeps and the number of times the
 * dense curvature model was built. Rebuilding the model costs about as much as a few iterations,
 * and the rule
 * (refreshPays) rebuilds it when the iterations a stale model would cost are dearer. A
 * change that rebuilds too eagerly shows in the rebuilds, one that keeps a stale model too
 * long in the iterations. Each bound is the count measured when it was set plus a tenth,
 * as in {@link SolverEfficiencyTest}; the answers themselves are checked elsewhere.
 */
class OrchestrationModelRefreshTest {

  /**
   * Solves a geometric path of lambdas with warm starts and the strong rule (no predicted
   * starts, no early stop) with one solver; returns {iterations, model builds, sweeps, steps in
   * the model's space}.
   */
  static int[] work(LogisticProblem problem, double alpha, int count, double ratio) {
    return work(problem, alpha, count, ratio, SolverControl.SubproblemSpace.BY_COST);
  }

  static int[] work(LogisticProblem problem, double alpha, int count, double ratio,
      SolverControl.SubproblemSpace space) {
    FitContext context = new FitContext(problem, ElasticNetPenalty.of(alpha,
        problem.columns()), true, true);
    SolverControl control = new SolverControl(SolverControl.DEFAULT_TOLERANCE,
        SolverControl.DEFAULT_MAX_ITERATIONS, SolverControl.DEFAULT_MAX_SWEEPS, space);
    ModelState state = LambdaPath.startState(context, control);
    WorkingSet working = new WorkingSet(context);
    double lambdaMax = LambdaPath.lambdaMax(context, state, working);
    double[] lambdas = ElasticNetFitter.geometric(lambdaMax, ratio, count);
    ProximalNewton newton = new ProximalNewton(context);
    if (alpha == 0) {
      working.admitAll();
    }
    int iterations = 0;
    int sweeps = 0;
    double previous = lambdas[0];
    for (int k = 0; k < count; k++) {
      if (alpha > 0) {
        working.applyStrongRule(state, lambdas[k], Math.max(previous, lambdas[k]));
      }
      PointResult result = newton.solve(state, new ScaledPenalty(context, lambdas[k]),
          working, control, true, count - k - 1);
      assertTrue(result.converged(), "lambda " + k);
      iterations += result.iterations();
      sweeps += result.sweeps();
      previous = lambdas[k];
    }
    return new int[] {iterations, newton.refreshes(), sweeps, newton.modelSteps()};
  }

  /**
   * @param iterationsSeen the Newton iterations when the bound was set
   * @param buildsSeen the model builds then
   * @param sweepsSeen the subproblem sweeps then
   */
  private static void assertWork(int[] work, int iterationsSeen, int buildsSeen,
      int sweepsSeen) {
    // a tenth above the measured counts, as SolverEfficiencyTest allows
    assertTrue(work[0] <= iterationsSeen * 1.1, work[0] + " Newton iterations, measured "
        + iterationsSeen);
    assertTrue(work[1] <= buildsSeen * 1.1, work[1] + " model builds, measured "
        + buildsSeen);
    assertTrue(work[2] <= sweepsSeen * 1.1, work[2] + " sweeps, measured " + sweepsSeen);
    assertTrue(work[1] >= 1, "the model space is used");
  }

  @Test
  void binomialLassoPath() {
    assertWork(work(problem(300, 30, 2, 31), 1.0, 30, 1e-3), 75, 21, 347);
  }

  @Test
  void multinomialElasticNetPath() {
    assertWork(work(problem(300, 20, 3, 32), 0.5, 30, 1e-3), 85, 20, 391);
  }

  /** On the data the work is the inexact Newton method's: iterations against sweeps. */
  @Test
  void dataSpacePaths() {
    int[] lasso = work(problem(300, 30, 2, 31), 1.0, 30, 1e-3,
        SolverControl.SubproblemSpace.DATA);
    int[] net = work(problem(300, 20, 3, 32), 0.5, 30, 1e-3,
        SolverControl.SubproblemSpace.DATA);
    assertDataWork(lasso, 87, 582);
    assertDataWork(net, 96, 680);
  }

  private static void assertDataWork(int[] work, int iterationsSeen, int sweepsSeen) {
    assertTrue(work[0] <= iterationsSeen * 1.1, work[0] + " Newton iterations, measured "
        + iterationsSeen);
    assertTrue(work[2] <= sweepsSeen * 1.1, work[2] + " sweeps, measured " + sweepsSeen);
    assertTrue(work[1] == 0 && work[3] == 0, "no model on the data");
  }

  @Test
  void binomialRidgePath() {
    assertWork(work(problem(300, 30, 2, 33), 0.0, 20, 1e-3), 55, 6, 248);
  }

  /**
   * Wide sparse ridge: every column is in the working set (301 variables, above the size
   * always solved in the model's space), and a sweep over the dense model (301^2 entries)
   * costs far more than one over the stored data (about 1,800 entries plus the rows), so the
   * subproblems are solved on the data and the model is never built.
   */
  @Test
  void wideSparseRidgeNeverBuildsTheDenseModel() {
    assertDataWork(work(wideSparse(), 0.0, 8, 1e-2), 18, 59);
  }

  /**
   * Wide sparse elastic net: while few columns are active the working set is small and
   * solved in the model's space; once it passes the size always solved there, sweeps over
   * the sparse data are the cheaper, so both spaces take part.
   */
  @Test
  void wideSparseElasticNetMovesFromTheModelToTheData() {
    int[] work = work(wideSparse(), 0.2, 15, 1e-2);
    assertWork(work, 59, 8, 535);
    assertTrue(work[3] < work[0], work[3] + " of " + work[0] + " steps in the model's space");
  }

  /** 200 rows, 300 columns with 3% non-zeros; the first ten carry signal. */
  private static LogisticProblem wideSparse() {
    java.util.Random random = new java.util.Random(34);
    int n = 200;
    int p = 300;
    double[][] x = new double[n][p];
    int[] y = new int[n];
    for (int i = 0; i < n; i++) {
      double eta = 0;
      for (int j = 0; j < p; j++) {
        if (random.nextDouble() < 0.03) {
          x[i][j] = random.nextGaussian();
          eta += j < 10 ? 2 * x[i][j] : 0;
        }
      }
      y[i] = random.nextDouble() < 1 / (1 + Math.exp(-eta)) ? 1 : 0;
    }
    return LogisticProblem.unweighted(SparseDesignMatrix.fromRows(x), y, 2);
  }

  /**
   * Dense five-class ridge on 45 columns: 230 variables, above the size always solved in the
   * model's space, but a sweep over the model (230^2 entries) is cheaper than one over the
   * data (46 x 300 entries, per class), so the model is built.
   */
  @Test
  void denseMultinomialRidgeAboveTheAlwaysSizeUsesTheModel() {
    int[] work = work(problem(300, 45, 5, 35), 0.0, 6, 1e-2);
    assertWork(work, 23, 1, 93);
    assertTrue(work[3] == work[0], work[3] + " of " + work[0] + " steps in the model's space");
  }
}
