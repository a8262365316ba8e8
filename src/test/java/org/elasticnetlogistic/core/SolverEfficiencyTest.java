package org.elasticnetlogistic.core;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The solver's work on fixed paths, as regression bounds: proximal Newton iterations and
 * coordinate-descent sweeps summed over the lambdas of a path. The answers are checked
 * elsewhere; here a change that leaves them right but makes the solver work harder (a lost
 * warm start, a curvature model never refreshed, a subproblem solved in the wrong space)
 * shows. Each bound is the count measured when it was set plus a tenth, so that a
 * deliberate change of the solver that costs more must restate it. (Measured effects: no
 * warm-start prediction costs the ridge path 11% more iterations; a curvature model
 * never refreshed, four to seven times more.)
 */
class SolverEfficiencyTest {

  /** Correlated Gaussian columns (neighbour correlation 0.5), classes from a sparse model. */
  private static LogisticProblem problem(int rows, int columns, int classes, long seed) {
    Random random = new Random(seed);
    double[][] x = new double[rows][columns];
    for (int i = 0; i < rows; i++) {
      double previous = random.nextGaussian();
      for (int j = 0; j < columns; j++) {
        double value = 0.5 * previous + Math.sqrt(0.75) * random.nextGaussian();
        x[i][j] = j == 0 ? previous : value;
        previous = x[i][j];
      }
    }
    double[][] beta = new double[classes][columns];
    for (int k = 0; k < classes; k++) {
      for (int j = k; j < columns; j += 4) {
        beta[k][j] = (random.nextBoolean() ? 1 : -1) * (0.3 + random.nextDouble());
      }
    }
    int[] y = new int[rows];
    for (int i = 0; i < rows; i++) {
      double[] eta = new double[classes];
      for (int k = 0; k < classes; k++) {
        for (int j = 0; j < columns; j++) {
          eta[k] += beta[k][j] * x[i][j];
        }
      }
      double[] p = Numerics.softmax(eta);
      double u = random.nextDouble();
      int k = 0;
      while (k < classes - 1 && u > p[k]) {
        u -= p[k];
        k++;
      }
      y[i] = k;
    }
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
    assertWork(problem(400, 40, 2, 1), 1.0, 203, 1255);
  }

  @Test
  void multinomialElasticNetPath() {
    assertWork(problem(400, 30, 3, 2), 0.5, 225, 1121);
  }

  @Test
  void binomialRidgePath() {
    assertWork(problem(400, 40, 2, 3), 0.0, 246, 1289);
  }
}
