package org.elasticnetlogistic.bench;

import java.util.Random;

/**
 * A dense benchmark data set, fixed by its seed: Gaussian predictors whose neighbours are
 * correlated (an AR(1) chain along the columns) and classes drawn from a sparse logistic
 * or softmax model.
 *
 * <p>Each row is {@code x_0 = e_0}, {@code x_j = rho x_(j-1) + sqrt(1 - rho^2) e_j} with
 * {@code e} standard normal and {@code rho = 0.5}, so every column has unit variance and
 * {@code corr(x_j, x_k) = rho^|j-k|}. About 10% of the true coefficients of each linear
 * predictor are non-zero, {@code +-U(0.25, 0.75)}; the intercepts are 0. Two classes: the
 * class is 1 with probability {@code sigmoid(x'b)}. More classes: class k has probability
 * {@code softmax(x'b_1, ..., x'b_K)_k}.
 *
 * <p>One {@link java.util.Random} (whose algorithm Java specifies) is seeded with the seed,
 * draws the coefficients, then the rows in order: a data set is the first rows of every
 * larger one with the same seed.
 *
 * @param rows number of rows
 * @param columns number of predictors
 * @param classes number of classes, at least 2
 * @param seed the seed
 */
public record CorrelatedGaussianData(int rows, int columns, int classes, long seed) {

  /** Correlation of neighbouring columns. */
  public static final double NEIGHBOUR_CORRELATION = 0.5;
  /** Fraction of non-zero true coefficients in each linear predictor. */
  public static final double NON_ZERO_FRACTION = 0.1;

  /** Receives the generated rows in order. */
  @FunctionalInterface
  public interface RowConsumer {
    /**
     * @param row the row's index
     * @param x the predictors, a fresh array the consumer may keep
     * @param label the class, 0 to classes - 1
     */
    void accept(int row, double[] x, int label);
  }

  public CorrelatedGaussianData {
    if (rows < 1 || columns < 1 || classes < 2) {
      throw new IllegalArgumentException("need rows >= 1, columns >= 1, classes >= 2; got "
          + rows + ", " + columns + ", " + classes);
    }
  }

  /**
   * The true coefficients, {@code [predictor][column]}: one predictor (the log-odds of
   * class 1) for two classes, one per class otherwise.
   */
  public double[][] trueCoefficients() {
    return drawCoefficients(new Random(seed));
  }

  /** Generates every row, in order. */
  public void forEachRow(RowConsumer consumer) {
    Random random = new Random(seed);
    double[][] coefficients = drawCoefficients(random);
    double innovation = Math.sqrt(1 - NEIGHBOUR_CORRELATION * NEIGHBOUR_CORRELATION);
    double[] eta = new double[coefficients.length];
    for (int i = 0; i < rows; i++) {
      double[] x = new double[columns];
      x[0] = random.nextGaussian();
      for (int j = 1; j < columns; j++) {
        x[j] = NEIGHBOUR_CORRELATION * x[j - 1] + innovation * random.nextGaussian();
      }
      for (int k = 0; k < coefficients.length; k++) {
        eta[k] = dot(coefficients[k], x);
      }
      consumer.accept(i, x, drawClass(eta, random.nextDouble()));
    }
  }

  private double[][] drawCoefficients(Random random) {
    int predictors = classes == 2 ? 1 : classes;
    int nonZero = Math.max(1, (int) Math.round(NON_ZERO_FRACTION * columns));
    double[][] coefficients = new double[predictors][columns];
    for (double[] b : coefficients) {
      for (int j : Sampling.distinct(random, nonZero, columns)) {
        double size = 0.25 + 0.5 * random.nextDouble();
        b[j] = random.nextBoolean() ? size : -size;
      }
    }
    return coefficients;
  }

  /** The class whose cumulative probability first exceeds u. */
  private static int drawClass(double[] eta, double u) {
    if (eta.length == 1) {
      return u < 1 / (1 + Math.exp(-eta[0])) ? 1 : 0;
    }
    double largest = Double.NEGATIVE_INFINITY;
    for (double e : eta) {
      largest = Math.max(largest, e);
    }
    double total = 0;
    for (double e : eta) {
      total += Math.exp(e - largest);
    }
    double cumulative = 0;
    for (int k = 0; k < eta.length - 1; k++) {
      cumulative += Math.exp(eta[k] - largest) / total;
      if (u < cumulative) {
        return k;
      }
    }
    return eta.length - 1;
  }

  private static double dot(double[] a, double[] b) {
    double sum = 0;
    for (int j = 0; j < a.length; j++) {
      sum += a[j] * b[j];
    }
    return sum;
  }
}
