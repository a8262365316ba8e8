package org.elasticnetlogistic.core;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/**
 * {@link MultinomialCentering#penaltyOptimalShift} on values where the minimiser of
 * f(c) = sum_k (1 - alpha)/2 (v_k - c)^2 + alpha |v_k - c| is known exactly, including the
 * cases where a one-sided derivative of f is exactly zero at the minimiser.
 */
class DescentCenteringTest {

  /** f at c, for checking that the returned point is no worse than its neighbours. */
  private static double objective(double[] values, double alpha, double c) {
    double sum = 0;
    for (double v : values) {
      sum += 0.5 * (1 - alpha) * (v - c) * (v - c) + alpha * Math.abs(v - c);
    }
    return sum;
  }

  /**
   * For alpha = 1 and an even count every point between the middle two values minimises
   * f; the documented choice is their midpoint.
   */
  @Test
  void theLassoShiftOfAnEvenCountIsTheMidpointOfTheMiddleValues() {
    assertEquals(2.5, MultinomialCentering.penaltyOptimalShift(new double[] {4, 1, 3, 2},
        1.0));
    assertEquals(-0.5, MultinomialCentering.penaltyOptimalShift(new double[] {-1, 0}, 1.0));
    assertEquals(3.0, MultinomialCentering.penaltyOptimalShift(new double[] {7, 3, -2},
        1.0));
  }

  /**
   * alpha = 1/2 on (0, 1, 3): f'(c) = (3c - 4)/2 + (#below - #above)/2. Right of 1 it is
   * (3c - 4)/2 + 1/2, zero at c = 1 exactly: the minimiser is the kink at 1, where the
   * right derivative vanishes. Mirrored, (0, -1, -3) has its minimiser at -1, where the
   * left derivative vanishes.
   */
  @Test
  void aKinkWithOneFlatSideIsTheMinimiser() {
    double[] right = {3, 0, 1};
    double[] left = {0, -1, -3};
    assertEquals(1.0, MultinomialCentering.penaltyOptimalShift(right, 0.5));
    assertEquals(-1.0, MultinomialCentering.penaltyOptimalShift(left, 0.5));
    for (double[] values : new double[][] {right, left}) {
      double c = MultinomialCentering.penaltyOptimalShift(values, 0.5);
      double at = objective(values, 0.5, c);
      for (double h : new double[] {1e-3, -1e-3}) {
        assertEquals(true, at < objective(values, 0.5, c + h), "not a minimiser");
      }
    }
  }

  /** Ridge (alpha = 0): the mean; one value: itself; none: zero. */
  @Test
  void theRidgeShiftIsTheMean() {
    assertEquals(2.0, MultinomialCentering.penaltyOptimalShift(new double[] {1, 5, 0}, 0.0));
    assertEquals(-4.0, MultinomialCentering.penaltyOptimalShift(new double[] {-4}, 0.5));
    assertEquals(0.0, MultinomialCentering.penaltyOptimalShift(new double[0], 0.5));
  }
}
