package org.elasticnetlogistic.core;

import java.io.Serializable;

/**
 * The data of one fit: a design matrix, the class of each row (0..K-1) and the row weights.
 * The weights are stored normalised to sum to one, which is the scaling of the objective
 * (1/W) sum_i w_i l_i. Rows of weight zero are allowed and have no effect.
 */
public final class LogisticProblem implements Serializable {

  private static final long serialVersionUID = 1L;

  private final DesignMatrix design;
  private final int[] classes;
  private final double[] weights;
  private final double totalWeight;
  private final int numClasses;

  /**
   * @param design the n x p design matrix
   * @param classes the class index of each row, in [0, numClasses)
   * @param weights the row weights, finite and non-negative, not all zero (copied, then
   *     normalised)
   * @param numClasses K &gt;= 2
   */
  public LogisticProblem(DesignMatrix design, int[] classes, double[] weights,
      int numClasses) {
    int n = design.rows();
    if (classes.length != n || weights.length != n) {
      throw new IllegalArgumentException("the design has " + n + " rows but there are "
          + classes.length + " classes and " + weights.length + " weights");
    }
    if (numClasses < 2) {
      throw new IllegalArgumentException("need at least two classes, got " + numClasses);
    }
    double total = 0;
    for (int i = 0; i < n; i++) {
      if (!(weights[i] >= 0) || Double.isInfinite(weights[i])) {
        throw new IllegalArgumentException("row " + i + " has weight " + weights[i]
            + "; weights must be finite and non-negative");
      }
      if (classes[i] < 0 || classes[i] >= numClasses) {
        throw new IllegalArgumentException("row " + i + " has class " + classes[i]
            + ", outside 0.." + (numClasses - 1));
      }
      total += weights[i];
    }
    if (!(total > 0)) {
      throw new IllegalArgumentException("all row weights are zero");
    }
    this.design = design;
    this.classes = classes.clone();
    this.weights = new double[n];
    for (int i = 0; i < n; i++) {
      this.weights[i] = weights[i] / total;
    }
    this.totalWeight = total;
    this.numClasses = numClasses;
  }

  /** The same problem with unit weights. */
  public static LogisticProblem unweighted(DesignMatrix design, int[] classes,
      int numClasses) {
    double[] weights = new double[design.rows()];
    java.util.Arrays.fill(weights, 1.0);
    return new LogisticProblem(design, classes, weights, numClasses);
  }

  public DesignMatrix design() {
    return design;
  }

  public int rows() {
    return design.rows();
  }

  public int columns() {
    return design.columns();
  }

  public int numClasses() {
    return numClasses;
  }

  /** The class of row i. */
  public int classOf(int row) {
    return classes[row];
  }

  /** The normalised weight of row i (the weights sum to one). */
  public double weight(int row) {
    return weights[row];
  }

  /** The sum of the weights as given, before normalisation. */
  public double totalWeight() {
    return totalWeight;
  }

  /** Number of rows with positive weight. */
  public int rowsWithWeight() {
    int count = 0;
    for (double w : weights) {
      if (w > 0) {
        count++;
      }
    }
    return count;
  }

  /** The normalised weight of each class: the class proportions. */
  public double[] classProportions() {
    double[] proportions = new double[numClasses];
    for (int i = 0; i < classes.length; i++) {
      proportions[classes[i]] += weights[i];
    }
    return proportions;
  }

  /** Direct, read-only access for the solvers of this package. */
  double[] weightsView() {
    return weights;
  }

  int[] classesView() {
    return classes;
  }

  /**
   * The sub-problem of the given rows, weights renormalised. Used by cross-validation.
   *
   * @param rowIndices distinct rows of this problem
   */
  public LogisticProblem selectRows(int[] rowIndices) {
    int[] subClasses = new int[rowIndices.length];
    double[] subWeights = new double[rowIndices.length];
    for (int r = 0; r < rowIndices.length; r++) {
      subClasses[r] = classes[rowIndices[r]];
      subWeights[r] = weights[rowIndices[r]];
    }
    return new LogisticProblem(design.selectRows(rowIndices), subClasses, subWeights,
        numClasses);
  }
}
