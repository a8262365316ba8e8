package org.elasticnetlogistic.core;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.elasticnetlogistic.bench.CorrelatedGaussianData;
import org.junit.jupiter.api.Test;

/**
 * The solver's work on fixed paths, as regression bounds: proximal Newton iterations and
 * coordinate-descent sweeps summed over the lambdas of a path. The answers are checked
 * elsewhere; here a change that leaves them right but makes the solver work harder (a lost
 * warm start, a curvature model never refreshed, a subproblem solved in the wrong space)
 * shows. Each bound is the count measured when it was set plus a tenth, so that a
 * deliberate change of the solver that costs more must restate it. (Measured effects: no
 * warm-start prediction costs the ridge path 14% more iterations; a curvature model
 * never refreshed, 1.7 to 4.8 times more.)
 */
class SolverEfficiencyTest {

  /** The benchmark's dense data ({@link CorrelatedGaussianData}) at a small size. */
  static LogisticProblem problem(int rows, int columns, int classes, long seed) {
    double[][] x = new double[rows][];
    int[] y = new int[rows];
    new CorrelatedGaussianData(rows, columns, classes, seed).forEachRow((i, row, label) -> {
      x[i] = row;
      y[i] = label;
    });
    return LogisticProblem.unweighted(DenseDesignMatrix.fromRows(x), y, classes);
  }

  /**
   * Fits the path and asserts its total work within the bounds.
   *
   * @param iterationsSeen the Newton iterations when the bound was set
   * @param sweepsSeen the sweeps then
   */
  private static void assertWork(LogisticProblem problem, double alpha, int iterationsSeen,
      int sweepsSeen) {
    int[] work = work(problem, alpha);
    // a tenth above the measured counts: room for the last-digit differences of Math.exp
    // between processors, none for a lost acceleration
    assertTrue(work[0] <= iterationsSeen * 1.1, work[0] + " Newton iterations, measured "
        + iterationsSeen);
    assertTrue(work[1] <= sweepsSeen * 1.1, work[1] + " sweeps, measured " + sweepsSeen);
  }

  private static int[] work(LogisticProblem problem, double alpha) {
    ElasticNetFit fit = ElasticNetFitter.fit(problem, FitSettings.builder().alpha(alpha)
        .folds(0).threads(1).build(), ProgressListener.NONE);
    int iterations = 0;
    int sweeps = 0;
    for (PathPoint point : fit.path().points()) {
      assertTrue(point.converged(), "lambda " + point.lambda() + " did not converge");
      iterations += point.iterations();
      sweeps += point.sweeps();
    }
    return new int[] {iterations, sweeps};
  }

  @Test
  void binomialLassoPath() {
    assertWork(problem(400, 40, 2, 1), 1.0, 167, 1418);
  }

  @Test
  void multinomialElasticNetPath() {
    assertWork(problem(400, 30, 3, 2), 0.5, 186, 992);
  }

  @Test
  void binomialRidgePath() {
    assertWork(problem(400, 40, 2, 3), 0.0, 231, 1317);
  }
}
