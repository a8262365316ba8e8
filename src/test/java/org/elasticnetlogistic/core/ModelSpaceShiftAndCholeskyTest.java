package org.elasticnetlogistic.core;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/**
 * {@link ShiftSolver} at the corners of its case analysis, and {@link Cholesky}'s
 * aliasing rule at tolerance 0, with answers checked by hand.
 */
class ModelSpaceShiftAndCholeskyTest {

  /**
   * f(t) = l1 (|t - 1| + |t + 1|) (h = l2 = g = 0) is flat on [-1, 1]: every point there
   * minimises it, and the one nearest zero is 0.
   */
  @Test
  void flatIntervalAroundZeroGivesZero() {
    assertEquals(0.0, ShiftSolver.minimise(0, 0, new double[] {-1, 1}, 1, 0));
  }

  /**
   * f(t) = l1 (|t - 1| + |t - 3|) is flat on [1, 3], which does not contain zero: the
   * minimiser nearest zero is its end 1.
   */
  @Test
  void flatIntervalAwayFromZeroGivesItsNearEnd() {
    assertEquals(1.0, ShiftSolver.minimise(0, 0, new double[] {-1, -3}, 1, 0));
    assertEquals(-1.0, ShiftSolver.minimise(0, 0, new double[] {1, 3}, 1, 0));
  }

  /**
   * Two classes share a breakpoint: f(t) = t^2 / 2 - 2 t + 2 |t - 1|, whose derivative is
   * t - 4 left of 1 and t right of 1, so the kink of weight 2 at t = 1 holds the minimiser
   * (f(1) = -1.5, below f(1 -+ 1e-3)); a breakpoint counted once would put it at 0.
   */
  @Test
  void aBreakpointSharedByTwoClassesCountsTwice() {
    double t = ShiftSolver.minimise(1, 2, new double[] {-1, -1}, 1, 0);
    assertEquals(1.0, t);
    java.util.function.DoubleUnaryOperator f = x -> x * x / 2 - 2 * x + 2 * Math.abs(x - 1);
    assertEquals(-1.5, f.applyAsDouble(t));
    for (double other : new double[] {0, 1 - 1e-3, 1 + 1e-3}) {
      org.junit.jupiter.api.Assertions.assertTrue(f.applyAsDouble(t) < f.applyAsDouble(other));
    }
  }

  /**
   * f(t) = t^2 / 2 - 2 t + |t - 1|: its derivative is t - 3 left of 1 and t - 1 right of 1,
   * so the right derivative at the breakpoint is exactly 0 and the minimiser is t = 1
   * (f(1) = -1.5 against f(0) = 1).
   */
  @Test
  void minimiserAtABreakpointWithZeroRightDerivative() {
    assertEquals(1.0, ShiftSolver.minimise(1, 2, new double[] {-1}, 1, 0));
  }

  /**
   * f(t) = t^2 / 2 + |t - 1|: derivative t - 1 left of 1 (exactly 0 at the breakpoint from
   * the left) and t + 1 right of it: the minimiser is t = 1.
   */
  @Test
  void minimiserAtABreakpointWithZeroLeftDerivative() {
    assertEquals(1.0, ShiftSolver.minimise(1, 0, new double[] {-1}, 1, 0));
  }

  /**
   * Column 2 is exactly column 0 + column 1 (columns (1, 0), (0, 1), (1, 1)); the
   * factor's entries are all 1 or 0, so its residual after projection is exactly zero and
   * it is aliased even at tolerance 0; the independent columns are not.
   */
  @Test
  void exactlyDependentColumnIsAliasedAtToleranceZero() {
    double[][] gram = {{1, 0, 1}, {0, 1, 1}, {1, 1, 2}};
    assertArrayEquals(new boolean[] {false, false, true}, Cholesky.aliasedColumns(gram, 0));
  }
}
