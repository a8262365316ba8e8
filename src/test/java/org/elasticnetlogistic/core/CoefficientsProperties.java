package org.elasticnetlogistic.core;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/**
 * The public model types that leave the core ({@link Coefficients},
 * {@link LinearClassifier}): their counts and copies against plain loops, the linear
 * predictor against the plain sum and its saturation where terms overflow, and a row's
 * probabilities the same whether asked for one row or through a design matrix.
 */
class CoefficientsProperties {

  /** Coefficient values, a third of them exactly zero. */
  @Provide
  Arbitrary<double[]> values() {
    return Arbitraries.frequencyOf(net.jqwik.api.Tuple.of(1, Arbitraries.just(0.0)),
        net.jqwik.api.Tuple.of(2, Arbitraries.doubles().between(-3, 3).ofScale(3)))
        .array(double[].class).ofSize(4 * 7);
  }

  private static Coefficients coefficients(double[] values, int rows, int columns) {
    double[] intercepts = new double[rows];
    double[][] slopes = new double[rows][columns];
    for (int r = 0; r < rows; r++) {
      intercepts[r] = values[r * (columns + 1)];
      for (int j = 0; j < columns; j++) {
        slopes[r][j] = values[r * (columns + 1) + 1 + j];
      }
    }
    return new Coefficients(intercepts, slopes);
  }

  /**
   * The accessors, the copy and the counts agree with the values given; the given arrays
   * are copied, so changing them later changes nothing.
   */
  @Property(tries = 100)
  void countsAndCopiesFollowTheValues(@ForAll("values") double[] values,
      @ForAll @IntRange(min = 1, max = 4) int rows,
      @ForAll @IntRange(min = 0, max = 6) int columns) {
    double[] intercepts = new double[rows];
    double[][] slopes = new double[rows][columns];
    int nonZero = 0;
    int nonZeroColumns = 0;
    for (int r = 0; r < rows; r++) {
      intercepts[r] = values[r * (columns + 1)];
      for (int j = 0; j < columns; j++) {
        slopes[r][j] = values[r * (columns + 1) + 1 + j];
        nonZero += slopes[r][j] != 0 ? 1 : 0;
      }
    }
    for (int j = 0; j < columns; j++) {
      boolean any = false;
      for (int r = 0; r < rows; r++) {
        any |= slopes[r][j] != 0;
      }
      nonZeroColumns += any ? 1 : 0;
    }
    Coefficients c = new Coefficients(intercepts, slopes);
    intercepts[0] = 99;
    if (columns > 0) {
      slopes[0][0] = 99;
    }
    assertEquals(rows, c.rows());
    assertEquals(columns, c.columns());
    assertEquals(nonZero, c.nonZeroCoefficients());
    assertEquals(nonZeroColumns, c.nonZeroColumns());
    double[][] array = c.toArray();
    for (int r = 0; r < rows; r++) {
      assertEquals(values[r * (columns + 1)], c.intercept(r));
      assertEquals(columns + 1, array[r].length);
      for (int j = 0; j <= columns; j++) {
        assertEquals(values[r * (columns + 1) + j], array[r][j]);
        if (j > 0) {
          assertEquals(values[r * (columns + 1) + j], c.coefficient(r, j - 1));
        }
      }
    }
    array[0][0] = -99;
    assertEquals(values[0], c.intercept(0), "toArray hands out a copy");
  }

  @Example
  void mismatchedRowsAreRefused() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> new Coefficients(new double[2], new double[3][1]));
    assertTrue(e.getMessage().contains("2 intercepts for 3 coefficient rows"), e.getMessage());
    IllegalArgumentException f = assertThrows(IllegalArgumentException.class,
        () -> new LinearClassifier(3, new int[] {0, 2}, new Coefficients(new double[2],
            new double[2][1])));
    assertTrue(f.getMessage().contains("2 modelled classes need 1 coefficient rows, got 2"),
        f.getMessage());
  }

  /** For finite terms the linear predictor is the plain sum, intercept first. */
  @Property(tries = 100)
  void linearPredictorIsTheSum(@ForAll("values") double[] values,
      @ForAll("values") double[] row) {
    Coefficients c = coefficients(values, 4, 6);
    for (int r = 0; r < 4; r++) {
      double sum = c.intercept(r);
      for (int j = 0; j < 6; j++) {
        sum += c.coefficient(r, j) * row[j];
      }
      assertEquals(sum, c.linearPredictor(r, row), 1e-12 * (1 + Math.abs(sum)));
    }
  }

  /**
   * Terms that overflow both ways give no NaN: the side with the larger capped sum wins,
   * and equal sides leave the intercept; a zero coefficient ignores an infinite value.
   */
  @Example
  void overflowingTermsSaturate() {
    double max = Double.MAX_VALUE;
    Coefficients two = new Coefficients(new double[] {0.5}, new double[][] {{2, -2}});
    assertEquals(0.5, two.linearPredictor(0, new double[] {max, max}));
    Coefficients three = new Coefficients(new double[] {0.5}, new double[][] {{2, -2, 2}});
    assertEquals(Double.POSITIVE_INFINITY, three.linearPredictor(0,
        new double[] {max, max, max}));
    assertEquals(Double.NEGATIVE_INFINITY, three.linearPredictor(0,
        new double[] {-max, -max, -max}));
    Coefficients sparse = new Coefficients(new double[] {1}, new double[][] {{0, 3}});
    assertEquals(7.0, sparse.linearPredictor(0, new double[] {Double.POSITIVE_INFINITY, 2}));
    assertEquals(Double.POSITIVE_INFINITY,
        sparse.linearPredictor(0, new double[] {0, Double.POSITIVE_INFINITY}));
  }

  /**
   * A row's probabilities are the same asked for alone or through a design matrix; they sum
   * to one over the modelled classes, are zero elsewhere, and one modelled class gets one.
   * Two modelled classes take the sigmoid of the single row, more the softmax.
   */
  @Property(tries = 100)
  void probabilitiesOfARowAndOfADesignAgree(@ForAll("values") double[] values,
      @ForAll("values") double[] rowValues, @ForAll @IntRange(min = 1, max = 4) int modelled) {
    int numClasses = 7;
    int[] classes = new int[modelled];
    for (int m = 0; m < modelled; m++) {
      classes[m] = m == 0 ? 1 : classes[m - 1] + 1 + (m % 2);
    }
    int coefficientRows = modelled == 2 ? 1 : modelled;
    LinearClassifier model = new LinearClassifier(numClasses, classes,
        coefficients(values, coefficientRows, 6));
    assertEquals(numClasses, model.numClasses());
    assertArrayEquals(classes, model.modelledClasses());
    double[] row = java.util.Arrays.copyOf(rowValues, 6);
    double[][] rows = {row, row};
    DesignMatrix design = DenseDesignMatrix.fromRows(rows);
    double[] single = model.probabilities(row);
    double[] viaDesign = model.probabilities(design)[1];
    double[] eta = new double[coefficientRows];
    for (int r = 0; r < coefficientRows; r++) {
      eta[r] = model.coefficients().linearPredictor(r, row);
    }
    double total = 0;
    for (int k = 0; k < numClasses; k++) {
      assertEquals(single[k], viaDesign[k], 1e-12, "class " + k);
      total += single[k];
      int slot = java.util.Arrays.binarySearch(classes, k);
      if (slot < 0) {
        assertEquals(0.0, single[k], "class " + k + " is not modelled");
      } else if (modelled == 1) {
        assertEquals(1.0, single[k]);
      } else if (modelled == 2) {
        double p = 1 / (1 + Math.exp(-eta[0]));
        assertEquals(slot == 1 ? p : 1 - p, single[k], 1e-12);
      } else {
        double normaliser = 0;
        for (double e : eta) {
          normaliser += Math.exp(e);
        }
        assertEquals(Math.exp(eta[slot]) / normaliser, single[k], 1e-12);
      }
    }
    assertEquals(1.0, total, 1e-12);
  }
}
