package org.elasticnetlogistic.core;

import java.util.Arrays;

/**
 * A small generated classification problem: dense rows, classes, raw weights, and whether
 * the design should be stored sparse.
 */
record SmallProblem(double[][] x, int[] y, double[] weights, int classes, boolean sparse) {

  int rows() {
    return x.length;
  }

  int columns() {
    return x[0].length;
  }

  DesignMatrix design() {
    return sparse ? SparseDesignMatrix.fromRows(x) : DenseDesignMatrix.fromRows(x);
  }

  LogisticProblem problem() {
    return new LogisticProblem(design(), y, weights, classes);
  }

  ReferenceObjective reference() {
    return new ReferenceObjective(x, y, weights, classes);
  }

  @Override
  public String toString() {
    return "SmallProblem[n=" + rows() + ", p=" + columns() + ", K=" + classes + ", sparse="
        + sparse + ", y=" + Arrays.toString(y) + ", w=" + Arrays.toString(weights) + ", x="
        + Arrays.deepToString(x) + "]";
  }
}
