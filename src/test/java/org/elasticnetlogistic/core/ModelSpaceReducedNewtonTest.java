package org.elasticnetlogistic.core;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * {@link ReducedNewtonStep} on tiny models whose active-set path is known by hand: a
 * coefficient that would cross zero stops there and the rest is solved again (checked
 * against an independent solve of the reduced system), limits stop a coefficient moving
 * away from zero (at once when rounding left it just past its limit), the work budget of
 * all stages together (four full factorisations) ends a long path, a system that cannot be
 * factored even when damped gives no step, and a free variable that depends on the others
 * is held.
 */
class ModelSpaceReducedNewtonTest {

  private static final double INF = Double.POSITIVE_INFINITY;

  private static double[] filled(int d, double value) {
    double[] out = new double[d];
    Arrays.fill(out, value);
    return out;
  }

  private static boolean[] allFixed(int d) {
    boolean[] out = new boolean[d];
    Arrays.fill(out, true);
    return out;
  }

  /**
   * H = tridiag(1, 2, 1), c = (1, 1, -1), r = H (-2, 1, -1): the unconstrained target
   * (-1, 2, -2) takes coefficient 0 across zero (halfway), so it stops at zero and the
   * other two solve the model with it held there: H_FF (x_F - c_F) = r_F - H_F0 (0 - c_0).
   * That point keeps their signs, so it is the answer.
   */
  @Test
  void crossingCoefficientStopsAtZeroAndTheRestIsSolvedAgain() {
    double[][] h = {{2, 1, 0}, {1, 2, 1}, {0, 1, 2}};
    double[] current = {1, 1, -1};
    double[] rhs = {-3, -1, -1};
    ReducedNewtonStep step = ReducedNewtonStep.solve(h, rhs, current, allFixed(3),
        filled(3, -INF), filled(3, INF));
    assertNotNull(step);
    double[] reduced = ModelSpaceSolverExamplesTest.gauss(new double[][] {{2, 1}, {1, 2}},
        new double[] {rhs[1] + h[1][0] * current[0], rhs[2] + h[2][0] * current[0]});
    double[] expected = {0, current[1] + reduced[0], current[2] + reduced[1]};
    assertArrayEquals(expected, step.target(), 1e-12);
    assertEquals(0.0, step.target()[0]);
  }

  /**
   * Coefficient 0 moves away from zero towards 3 past its upper limit 2 (at half the
   * step), coefficient 1 from 3 towards -1 crosses zero at three quarters: the limit comes
   * first, so coefficient 0 stops at 2 and coefficient 1 at 1; then coefficient 1 alone
   * goes on and stops at zero. Nothing ends outside its limits.
   */
  @Test
  void upperLimitStopsACoefficientMovingAwayFromZero() {
    double[][] h = {{1, 0}, {0, 1}};
    ReducedNewtonStep step = ReducedNewtonStep.solve(h, new double[] {2, -4},
        new double[] {1, 3}, allFixed(2), filled(2, -INF), new double[] {2, INF});
    assertArrayEquals(new double[] {2, 0}, step.target());
  }

  /** The mirror image: the lower limit -2 of a coefficient moving from -1 towards -3. */
  @Test
  void lowerLimitStopsACoefficientMovingAwayFromZero() {
    double[][] h = {{1, 0}, {0, 1}};
    ReducedNewtonStep step = ReducedNewtonStep.solve(h, new double[] {-2, 4},
        new double[] {-1, -3}, allFixed(2), new double[] {-2, -INF}, filled(2, INF));
    assertArrayEquals(new double[] {-2, 0}, step.target());
  }

  /**
   * A coefficient that rounding left one ulp above its upper limit (coef + delta need not
   * land on the limit exactly) and that the solve pushes further up blocks at once, at
   * exactly its limit, and the other coefficient still takes its whole step. Before, the
   * negative step to the limit was clamped to a step of zero with nothing dropped, so
   * every stage stalled and nothing moved (met in a multinomial crawl of
   * QuadraticSubproblemProperties, seed -6198005788795387500).
   */
  @Test
  void coefficientJustPastItsLimitBlocksAndTheRestMoves() {
    double[][] h = {{1, 0}, {0, 1}};
    double[] current = {Math.nextUp(0.3), 0.1};
    double[] rhs = {1, 1};
    ReducedNewtonStep step = ReducedNewtonStep.solve(h, rhs, current, allFixed(2),
        filled(2, -INF), new double[] {0.3, INF});
    assertNotNull(step);
    assertEquals(0.3, step.target()[0]);
    assertEquals(1.1, step.target()[1], 1e-15);
  }

  /**
   * H diagonal (the coefficients do not interact), d = 20, every coefficient starts at 1
   * and its target -(a + 1) lies across zero: along the path c + s (x* - c) coefficient a
   * reaches zero at s = 1 / (a + 2), the last one first. Each stage blocks one coefficient
   * and refactors the rest, at a cost of (free coefficients)^3; the stages together may
   * cost four full factorisations, 4 * 20^3 = 32000: stages of 20, 19, 18, 17 and 16
   * coefficients cost 29700, a sixth (15^3 = 3375) would pass the budget. So exactly five
   * coefficients (19 down to 15) end at zero and the rest stop where the fifth stage left
   * them, at s = 1/17.
   */
  @Test
  void stagesStopAtTheWorkBudget() {
    int d = 20;
    double[][] h = new double[d][d];
    double[] rhs = new double[d];
    double[] current = filled(d, 1);
    double[] target = new double[d];
    for (int a = 0; a < d; a++) {
      h[a][a] = 1 + 0.25 * a;
      target[a] = -(a + 1);
      rhs[a] = h[a][a] * (target[a] - current[a]);
    }
    ReducedNewtonStep step = ReducedNewtonStep.solve(h, rhs, current, allFixed(d),
        filled(d, -INF), filled(d, INF));
    double s = 1.0 / 17;
    for (int a = 0; a < d; a++) {
      double expected = a >= 15 ? 0 : current[a] + s * (target[a] - current[a]);
      assertEquals(expected, step.target()[a], 1e-12, "coefficient " + a + " of "
          + Arrays.toString(step.target()));
    }
  }

  /** A Hessian that is not positive definite even after damping gives no step. */
  @Test
  void unfactorableSystemGivesNoStep() {
    assertNull(ReducedNewtonStep.solve(new double[][] {{-1, 0}, {0, -2}},
        new double[] {1, 1}, new double[] {1, 1}, allFixed(2), filled(2, -INF),
        filled(2, INF)));
  }

  /**
   * A free variable (no sign held) that depends on the others is held. Along a null
   * direction of free variables alone nothing cuts a step, and a tiny pivot there turned the
   * rounding of the right-hand side into a long move: 5e17 in one solve of a rank-1 draw of
   * {@code QuadraticSubproblemProperties.modelSpaceSolverSolvesItsModel} (seed
   * -7148625797487507287), whose iterates then drifted to 1e31. Here the pivot of the second
   * variable is 1e-14 of its curvature; unheld, it would move by 10.
   */
  @Test
  void aFreeVariableThatDependsOnTheOthersIsHeld() {
    double[][] h = {{1, 1}, {1, 1 + 1e-14}};
    ReducedNewtonStep step = ReducedNewtonStep.solve(h, new double[] {1, 1 + 1e-13},
        new double[] {0, 0}, new boolean[2], filled(2, -INF), filled(2, INF));
    assertNotNull(step);
    assertArrayEquals(new double[] {1, 0}, step.target(), 1e-12);
  }
}
