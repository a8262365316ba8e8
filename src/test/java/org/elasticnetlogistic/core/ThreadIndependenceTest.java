package org.elasticnetlogistic.core;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;

import org.junit.jupiter.api.Test;

/**
 * A fit gives the same bits for any thread count: the passes are cut into the same pieces
 * and row sums are taken chunk by chunk in order, whoever computes them. The data are large
 * enough for the passes to run in parallel.
 */
class ThreadIndependenceTest {

  private static LogisticProblem problem(int classes, boolean sparse) {
    int n = 20_000;
    int p = 24;
    Random random = new Random(5);
    double[][] x = new double[n][p];
    int[] y = new int[n];
    for (int i = 0; i < n; i++) {
      double score = 0;
      for (int j = 0; j < p; j++) {
        x[i][j] = sparse && random.nextDouble() < 0.8 ? 0 : random.nextGaussian();
        score += (j % 5 == 0 ? 0.7 : 0.05) * x[i][j];
      }
      y[i] = Math.floorMod((int) Math.floor(score + random.nextGaussian()), classes);
    }
    DesignMatrix design = sparse ? SparseDesignMatrix.fromRows(x) : DenseDesignMatrix.fromRows(x);
    return LogisticProblem.unweighted(design, y, classes);
  }

  private static void sameBits(LogisticProblem problem, FitSettings.Builder settings) {
    ElasticNetFit one = ElasticNetFitter.fit(problem, settings.threads(1).build(),
        ProgressListener.NONE);
    ElasticNetFit three = ElasticNetFitter.fit(problem, settings.threads(3).build(),
        ProgressListener.NONE);
    assertEquals(one.path().size(), three.path().size());
    for (int k = 0; k < one.path().size(); k++) {
      double[][] a = one.path().point(k).coefficients().toArray();
      double[][] b = three.path().point(k).coefficients().toArray();
      for (int r = 0; r < a.length; r++) {
        assertArrayEquals(a[r], b[r], 0.0, "lambda " + k + " row " + r);
      }
    }
  }

  @Test
  void binomialPathIsTheSameForAnyThreadCount() {
    sameBits(problem(2, false), FitSettings.builder().alpha(0.8).folds(0).numLambdas(20));
    sameBits(problem(2, true), FitSettings.builder().alpha(1).folds(0).numLambdas(20));
  }

  @Test
  void multinomialFitIsTheSameForAnyThreadCount() {
    sameBits(problem(3, false), FitSettings.builder().alpha(0.5).folds(0).numLambdas(15));
    sameBits(problem(3, false), FitSettings.builder().alpha(0).lambda(1e-3));
  }
}
