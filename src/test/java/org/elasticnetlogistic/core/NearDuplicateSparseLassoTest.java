package org.elasticnetlogistic.core;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * A lasso path over sparse columns in near-duplicate pairs: each column has a twin equal to
 * it up to 1% noise, as text data has in words that nearly always occur together. Along a
 * pair's difference the model is nearly flat, so coordinate sweeps pass weight between the
 * twins a little at a time, and a support step's move sends one twin of many pairs across
 * zero. Every point must converge and satisfy the KKT conditions of the independent
 * reference objective, within a sweep budget.
 */
class NearDuplicateSparseLassoTest {

  private static final int ROWS = 1200;
  private static final int PAIRS = 500;

  @Test
  void nearDuplicatePairsPathConvergesAndIsOptimal() {
    double[][] dense = new double[ROWS][2 * PAIRS];
    int[] classes = new int[ROWS];
    LogisticProblem problem = generate(dense, classes);
    ElasticNetFit fit = ElasticNetFitter.fit(problem,
        FitSettings.builder().alpha(1).folds(0).build(), ProgressListener.NONE);
    double[] weights = new double[ROWS];
    java.util.Arrays.fill(weights, 1.0);
    ReferenceObjective reference = new ReferenceObjective(dense, classes, weights, 2);
    long sweeps = 0;
    int largestSupport = 0;
    for (PathPoint point : fit.path().points()) {
      // before the inner floor shrank on stalled steps, some points stopped at 1.04e-8
      // after 100 Newton steps of one sweep each
      assertTrue(point.converged(), "no convergence at lambda " + point.lambda()
          + ", violation " + point.kktViolation() + " after " + point.iterations()
          + " Newton steps");
      Coefficients c = point.coefficients();
      double[][] slopes = new double[1][2 * PAIRS];
      for (int j = 0; j < 2 * PAIRS; j++) {
        slopes[0][j] = c.coefficient(0, j);
      }
      double violation = reference.kktViolation(new double[] {c.intercept(0)}, slopes,
          point.lambda(), 1.0);
      assertTrue(violation <= FitProperties.KKT_SLACK * SolverControl.DEFAULT_TOLERANCE,
          "KKT violation " + violation + " at lambda " + point.lambda());
      sweeps += point.sweeps();
      largestSupport = Math.max(largestSupport, point.nonZeroColumns());
    }
    assertTrue(largestSupport > CoordinateDescent.MAX_REDUCED,
        "the path never reached the support steps: " + largestSupport);
    assertTrue(sweeps <= SWEEP_BOUND, "the path took " + sweeps + " sweeps");
  }

  /**
   * The measured sweeps plus 10%: 52,617 (largest support 434 columns); without the pinned
   * support step ({@code CoordinateDescent.pinnedStep}) 102,368.
   */
  private static final long SWEEP_BOUND = 57_879;

  /**
   * The pairs' first columns are text-like counts (a few popular ones), the twins the same
   * counts times 1 + 0.01 z; labels from a sparse logistic model on the first columns.
   */
  private static LogisticProblem generate(double[][] dense, int[] classes) {
    Random random = new Random(20261207L);
    double[] beta = new double[PAIRS];
    for (int j = 0; j < PAIRS; j++) {
      beta[j] = 0.5 * random.nextGaussian();
    }
    SparseDesignMatrix.Builder builder = new SparseDesignMatrix.Builder(ROWS, 2 * PAIRS);
    for (int i = 0; i < ROWS; i++) {
      double eta = 0;
      for (int j = 0; j < PAIRS; j++) {
        if (random.nextDouble() < (j < 20 ? 0.3 : 0.03)) {
          double count = 1 + random.nextInt(3);
          double twin = count * (1 + 0.01 * random.nextGaussian());
          eta += beta[j] * count;
          dense[i][j] = count;
          dense[i][j + PAIRS] = twin;
          builder.add(i, j, count);
          builder.add(i, j + PAIRS, twin);
        }
      }
      classes[i] = random.nextDouble() < 1 / (1 + Math.exp(-eta)) ? 1 : 0;
    }
    return LogisticProblem.unweighted(builder.build(), classes, 2);
  }
}
