package org.elasticnetlogistic.core;

import java.util.Arrays;

/**
 * A small generated classification problem: dense rows, classes, raw weights, and whether
 * the design is stored sparse. The transformations below are the ones under which the fit
 * must be invariant (or equivariant); each returns a new problem and changes nothing.
 */
record GeneratedProblem(double[][] x, int[] y, double[] weights, int classes, boolean sparse) {

  int rows() {
    return x.length;
  }

  int columns() {
    return x[0].length;
  }

  /** The sum of the weights as given. */
  double totalWeight() {
    return java.util.Arrays.stream(weights).sum();
  }

  /** Whether some weight differs from one. */
  boolean weighted() {
    for (double w : weights) {
      if (w != 1) {
        return true;
      }
    }
    return false;
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

  /** Row i of the new problem is row order[i] of this one. */
  GeneratedProblem withRowsInOrder(int[] order) {
    double[][] xs = new double[order.length][];
    int[] ys = new int[order.length];
    double[] ws = new double[order.length];
    for (int i = 0; i < order.length; i++) {
      xs[i] = x[order[i]].clone();
      ys[i] = y[order[i]];
      ws[i] = weights[order[i]];
    }
    return new GeneratedProblem(xs, ys, ws, classes, sparse);
  }

  /** Class k becomes class relabel[k]. */
  GeneratedProblem withClassesRelabelled(int[] relabel) {
    int[] ys = new int[y.length];
    for (int i = 0; i < y.length; i++) {
      ys[i] = relabel[y[i]];
    }
    return new GeneratedProblem(deepCopy(x), ys, weights.clone(), classes, sparse);
  }

  /** Row i's weight doubled. */
  GeneratedProblem withWeightDoubled(int row) {
    double[] ws = weights.clone();
    ws[row] *= 2;
    return new GeneratedProblem(deepCopy(x), y.clone(), ws, classes, sparse);
  }

  /** Row i appended once more, with the same weight. */
  GeneratedProblem withRowRepeated(int row) {
    int n = rows();
    double[][] xs = Arrays.copyOf(deepCopy(x), n + 1);
    xs[n] = x[row].clone();
    int[] ys = Arrays.copyOf(y, n + 1);
    ys[n] = y[row];
    double[] ws = Arrays.copyOf(weights, n + 1);
    ws[n] = weights[row];
    return new GeneratedProblem(xs, ys, ws, classes, sparse);
  }

  /** The given rows' weights set to zero. */
  GeneratedProblem withZeroWeights(boolean[] rows) {
    double[] ws = weights.clone();
    for (int i = 0; i < ws.length; i++) {
      if (rows[i]) {
        ws[i] = 0;
      }
    }
    return new GeneratedProblem(deepCopy(x), y.clone(), ws, classes, sparse);
  }

  /** Only the rows whose weight is positive. */
  GeneratedProblem withoutZeroWeights() {
    int count = 0;
    for (double w : weights) {
      count += w > 0 ? 1 : 0;
    }
    int[] order = new int[count];
    for (int i = 0, c = 0; i < weights.length; i++) {
      if (weights[i] > 0) {
        order[c++] = i;
      }
    }
    return withRowsInOrder(order);
  }

  /** Column j multiplied by factor. */
  GeneratedProblem withColumnScaled(int column, double factor) {
    double[][] xs = deepCopy(x);
    for (double[] row : xs) {
      row[column] *= factor;
    }
    return new GeneratedProblem(xs, y.clone(), weights.clone(), classes, sparse);
  }

  private static double[][] deepCopy(double[][] values) {
    double[][] out = new double[values.length][];
    for (int i = 0; i < values.length; i++) {
      out[i] = values[i].clone();
    }
    return out;
  }

  @Override
  public String toString() {
    return "GeneratedProblem[n=" + rows() + ", p=" + columns() + ", K=" + classes + ", sparse="
        + sparse + ", y=" + Arrays.toString(y) + ", w=" + Arrays.toString(weights) + ", x="
        + Arrays.deepToString(x) + "]";
  }
}
