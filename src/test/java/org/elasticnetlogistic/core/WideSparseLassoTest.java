package org.elasticnetlogistic.core;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * A lasso path on sparse data with more active columns than the exact reduced solve takes
 * ({@link CoordinateDescent#MAX_REDUCED}): the regime of the large-support steps
 * (conjugate gradients on the support) and the extrapolation, which small generated
 * problems never reach. Every point must satisfy the KKT conditions of the independent
 * reference objective.
 */
class WideSparseLassoTest {

  private static final int ROWS = 900;
  private static final int COLUMNS = 2500;

  @Test
  void wideSparsePathIsOptimalWhereTheSupportIsLarge() {
    Random random = new Random(20261128L);
    double[][] dense = new double[ROWS][COLUMNS];
    SparseDesignMatrix.Builder builder = new SparseDesignMatrix.Builder(ROWS, COLUMNS);
    for (int i = 0; i < ROWS; i++) {
      for (int j = 0; j < COLUMNS; j++) {
        // popular columns first, as in text counts
        if (random.nextDouble() < 0.06 / Math.sqrt(1 + j / 50.0)) {
          double count = 1 + random.nextInt(3);
          dense[i][j] = count;
          builder.add(i, j, count);
        }
      }
    }
    int[] classes = new int[ROWS];
    for (int i = 0; i < ROWS; i++) {
      double eta = -0.3;
      for (int j = 0; j < 40; j++) {
        eta += (j % 2 == 0 ? 0.8 : -0.8) * dense[i][j];
      }
      classes[i] = random.nextDouble() < 1 / (1 + Math.exp(-eta)) ? 1 : 0;
    }
    LogisticProblem problem = LogisticProblem.unweighted(builder.build(), classes, 2);
    ElasticNetFit fit = ElasticNetFitter.fit(problem, FitSettings.builder().alpha(1)
        .folds(0).numLambdas(40).lambdaMinRatio(1e-4).threads(1).build(),
        ProgressListener.NONE);
    double[] weights = new double[ROWS];
    java.util.Arrays.fill(weights, 1.0);
    ReferenceObjective reference = new ReferenceObjective(dense, classes, weights, 2);
    int largestSupport = 0;
    for (PathPoint point : fit.path().points()) {
      assertTrue(point.converged(), "no convergence at lambda " + point.lambda()
          + ", violation " + point.kktViolation());
      Coefficients c = point.coefficients();
      double[][] slopes = new double[1][COLUMNS];
      for (int j = 0; j < COLUMNS; j++) {
        slopes[0][j] = c.coefficient(0, j);
      }
      double violation = reference.kktViolation(new double[] {c.intercept(0)}, slopes,
          point.lambda(), 1.0);
      assertTrue(violation <= FitProperties.KKT_SLACK * SolverControl.DEFAULT_TOLERANCE,
          "KKT violation " + violation + " at lambda " + point.lambda());
      largestSupport = Math.max(largestSupport, point.nonZeroColumns());
    }
    assertTrue(largestSupport > CoordinateDescent.MAX_REDUCED,
        "the path never reached a large support: " + largestSupport);
  }
}
