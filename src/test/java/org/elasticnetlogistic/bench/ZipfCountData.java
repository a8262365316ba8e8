package org.elasticnetlogistic.bench;

import java.util.Arrays;
import java.util.Random;

/**
 * A sparse, text-like benchmark data set, fixed by its seed: word counts with Zipf-like
 * column popularity and a binomial class from a sparse logistic model.
 *
 * <p>Row i draws words, column j with probability proportional to {@code 1/(j+1)^1.1},
 * until it holds d_i distinct columns, d_i uniform on [m/2, 3m/2] for the requested mean m
 * (at most the number of columns); each entry is how often its column was drawn. So the
 * matrix has about rows * m non-zeros, and the first columns are the most common.
 *
 * <p>About 1% of the columns, among the first tenth, carry a true coefficient
 * {@code +-U(0.5, 1.5)}. The raw linear predictor is centred and scaled to a standard
 * deviation of 1.5 over the rows, which makes the classes about balanced whatever the size;
 * the class is 1 with probability {@code sigmoid(eta)}.
 *
 * <p>One {@link java.util.Random} seeded with the seed draws the coefficients, the rows,
 * then the classes.
 *
 * @param rows number of rows
 * @param columns number of columns
 * @param meanNonZerosPerRow the mean number of distinct columns per row
 * @param seed the seed
 */
public record ZipfCountData(int rows, int columns, int meanNonZerosPerRow, long seed) {

  /** Exponent of the column popularity. */
  public static final double POPULARITY_EXPONENT = 1.1;
  /** Fraction of columns with a non-zero true coefficient. */
  public static final double NON_ZERO_FRACTION = 0.01;
  /** Standard deviation of the linear predictor over the rows. */
  public static final double SIGNAL_SCALE = 1.5;

  public ZipfCountData {
    if (rows < 1 || columns < 1 || meanNonZerosPerRow < 1) {
      throw new IllegalArgumentException("need rows, columns and non-zeros per row >= 1; got "
          + rows + ", " + columns + ", " + meanNonZerosPerRow);
    }
  }

  /** Draws the data set. */
  public SparseCounts generate() {
    Random random = new Random(seed);
    double[] coefficients = drawCoefficients(random);
    Sampling.PowerLaw popularity = new Sampling.PowerLaw(columns, POPULARITY_EXPONENT);

    int lowest = Math.max(1, meanNonZerosPerRow / 2);
    int highest = Math.max(lowest, meanNonZerosPerRow * 3 / 2);
    int[] rowStart = new int[rows + 1];
    int[] column = new int[rows * (highest + 1)];
    double[] count = new double[column.length];
    int[] wordCount = new int[columns];
    double[] eta = new double[rows];
    int next = 0;
    for (int i = 0; i < rows; i++) {
      int distinct = Math.min(columns, lowest + random.nextInt(highest - lowest + 1));
      int start = next;
      while (next - start < distinct) {
        int j = popularity.next(random);
        if (wordCount[j]++ == 0) {
          column[next++] = j;
        }
      }
      Arrays.sort(column, start, next);
      for (int s = start; s < next; s++) {
        count[s] = wordCount[column[s]];
        wordCount[column[s]] = 0;
        eta[i] += count[s] * coefficients[column[s]];
      }
      rowStart[i + 1] = next;
    }
    standardise(eta);
    int[] label = new int[rows];
    for (int i = 0; i < rows; i++) {
      label[i] = random.nextDouble() < 1 / (1 + Math.exp(-eta[i])) ? 1 : 0;
    }
    return new SparseCounts(columns, rowStart, Arrays.copyOf(column, next),
        Arrays.copyOf(count, next), label);
  }

  /** The true coefficients, one per column. */
  public double[] trueCoefficients() {
    return drawCoefficients(new Random(seed));
  }

  private double[] drawCoefficients(Random random) {
    int nonZero = Math.max(1, (int) Math.round(NON_ZERO_FRACTION * columns));
    int candidates = Math.max(nonZero, columns / 10);
    double[] coefficients = new double[columns];
    for (int j : Sampling.distinct(random, nonZero, candidates)) {
      double size = 0.5 + random.nextDouble();
      coefficients[j] = random.nextBoolean() ? size : -size;
    }
    return coefficients;
  }

  /** Centres eta and scales it to {@link #SIGNAL_SCALE} (left at 0 if it is constant). */
  private static void standardise(double[] eta) {
    double mean = Arrays.stream(eta).average().orElse(0);
    double sumOfSquares = 0;
    for (double e : eta) {
      sumOfSquares += (e - mean) * (e - mean);
    }
    double sd = Math.sqrt(sumOfSquares / eta.length);
    double scale = sd > 0 ? SIGNAL_SCALE / sd : 0;
    for (int i = 0; i < eta.length; i++) {
      eta[i] = (eta[i] - mean) * scale;
    }
  }
}
