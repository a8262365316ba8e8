package org.elasticnetlogistic.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
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
    int largestSupport = optimalPathSupport(ROWS, COLUMNS, 0.06, 1);
    assertTrue(largestSupport > CoordinateDescent.MAX_REDUCED,
        "the path never reached a large support: " + largestSupport);
  }

  /**
   * A path whose active sets pass {@link CoordinateDescent#TWO_BLOCK_MINIMUM}, so that its
   * sweeps run as two blocks, on two threads: every point is still optimal for the
   * reference objective.
   */
  @Test
  void wideSparsePathSweptInTwoBlocksIsOptimal() {
    int largestSupport = optimalPathSupport(3000, 3000, 0.4, 2);
    // measured: 1,126 columns at the path's end
    assertTrue(largestSupport > CoordinateDescent.TWO_BLOCK_MINIMUM,
        "the path never reached two-block sweeps: " + largestSupport);
  }

  /**
   * Fits the path of generated data on the given threads and checks that every point
   * converged and meets the reference objective's KKT conditions.
   *
   * @return the largest number of non-zero columns on the path
   */
  private static int optimalPathSupport(int rows, int columns, double density, int threads) {
    double[][] dense = new double[rows][columns];
    int[] classes = new int[rows];
    LogisticProblem problem = generate(rows, columns, density, dense, classes);
    ElasticNetFit fit = ElasticNetFitter.fit(problem, settings(threads),
        ProgressListener.NONE);
    double[] weights = new double[rows];
    java.util.Arrays.fill(weights, 1.0);
    ReferenceObjective reference = new ReferenceObjective(dense, classes, weights, 2);
    int largestSupport = 0;
    for (PathPoint point : fit.path().points()) {
      assertTrue(point.converged(), "no convergence at lambda " + point.lambda()
          + ", violation " + point.kktViolation());
      Coefficients c = point.coefficients();
      double[][] slopes = new double[1][columns];
      for (int j = 0; j < columns; j++) {
        slopes[0][j] = c.coefficient(0, j);
      }
      double violation = reference.kktViolation(new double[] {c.intercept(0)}, slopes,
          point.lambda(), 1.0);
      assertTrue(violation <= FitProperties.KKT_SLACK * SolverControl.DEFAULT_TOLERANCE,
          "KKT violation " + violation + " at lambda " + point.lambda());
      largestSupport = Math.max(largestSupport, point.nonZeroColumns());
    }
    return largestSupport;
  }

  /**
   * Large enough (about 300,000 stored entries) for the support steps' products, and the
   * two-block sweeps of its largest active sets, to run on two threads: the answers must
   * not change.
   */
  @Test
  void wideSparsePathIsTheSameOnTwoThreads() {
    LogisticProblem problem = generate(3000, 3000, 0.4, null, new int[3000]);
    List<PathPoint> one = ElasticNetFitter.fit(problem, settings(1), ProgressListener.NONE)
        .path().points();
    List<PathPoint> two = ElasticNetFitter.fit(problem, settings(2), ProgressListener.NONE)
        .path().points();
    assertEquals(one.size(), two.size());
    for (int p = 0; p < one.size(); p++) {
      Coefficients a = one.get(p).coefficients();
      Coefficients b = two.get(p).coefficients();
      assertEquals(a.intercept(0), b.intercept(0), 0.0, "intercept at point " + p);
      for (int j = 0; j < a.columns(); j++) {
        assertEquals(a.coefficient(0, j), b.coefficient(0, j), 0.0,
            "column " + j + " at point " + p);
      }
    }
  }

  private static FitSettings settings(int threads) {
    return FitSettings.builder().alpha(1).folds(0).numLambdas(40).lambdaMinRatio(1e-3)
        .threads(threads).build();
  }

  /**
   * Text-like counts, popular columns first, with labels from a sparse logistic model;
   * fills {@code dense} (when given) and {@code classes}.
   */
  private static LogisticProblem generate(int rows, int columns, double density,
      double[][] dense, int[] classes) {
    Random random = new Random(20261128L);
    SparseDesignMatrix.Builder builder = new SparseDesignMatrix.Builder(rows, columns);
    double[] eta = new double[rows];
    for (int i = 0; i < rows; i++) {
      eta[i] = -0.3;
      for (int j = 0; j < columns; j++) {
        if (random.nextDouble() < density / Math.sqrt(1 + j / 50.0)) {
          double count = 1 + random.nextInt(3);
          if (dense != null) {
            dense[i][j] = count;
          }
          builder.add(i, j, count);
          eta[i] += j < 40 ? (j % 2 == 0 ? 0.8 : -0.8) * count : 0;
        }
      }
    }
    for (int i = 0; i < rows; i++) {
      classes[i] = random.nextDouble() < 1 / (1 + Math.exp(-eta[i])) ? 1 : 0;
    }
    return LogisticProblem.unweighted(builder.build(), classes, 2);
  }
}
