package org.elasticnetlogistic.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * {@link ModelSpaceSolver#supportNewtonStep} against an independent damped Newton step: the
 * gradient of the smooth part of the grouped model on its support, the Hessian by central
 * differences of that gradient, the direction by Gaussian elimination, and the step length
 * the first of 1, 1/2, 1/4, ... at which the model (evaluated directly) falls. Off the
 * support (a frozen variable, a group at zero with l1) nothing moves, and u stays B move.
 */
class ModelSpaceSupportNewtonTest {

  /** Variables: 0 free, 1 frozen, {2, 3} group A, {4, 5} group B, 6 free. */
  private static final int SIZE = 7;
  private static final int[][] GROUPS = {{2, 3}, {4, 5}};
  private static final int[] GROUP_OF = {-1, -1, 0, 0, 1, 1, -1};
  private static final boolean[] PENALISED = {false, false, true, true, true, true, false};
  private static final boolean[] FROZEN = {false, true, false, false, false, false, false};

  private final double[][] b = ModelSpaceSolverExamplesTest.correlated(SIZE);
  private final double[] rhs = {0.4, 0.3, -0.2, 0.5, 0.1, -0.1, 0.2};

  private static ModelSpaceSolver.VariablePenalty penalty(double l1a, double l2a, double l1b,
      double l2b) {
    double[] l1 = {0, 0, l1a, l1a, l1b, l1b, 0};
    double[] l2 = {0, 0, l2a, l2a, l2b, l2b, 0};
    double[] scale = Generators.ones(SIZE);
    return ModelSpaceSolverExamplesTest.penalty(l1, l2, scale, PENALISED.clone(),
        FROZEN.clone(), GROUPS);
  }

  /** The model -r'm + 1/2 m'Bm + sum_g l1 ||x_g|| + l2/2 ||x_g||^2, x = c + m. */
  private double model(double[] current, double[] move, ModelSpaceSolver.VariablePenalty p) {
    double value = 0;
    double[] bm = ModelSpaceSolverExamplesTest.times(b, move);
    for (int v = 0; v < SIZE; v++) {
      value += -rhs[v] * move[v] + 0.5 * move[v] * bm[v];
    }
    for (int[] group : GROUPS) {
      double squares = 0;
      for (int v : group) {
        double x = current[v] + move[v];
        squares += x * x;
      }
      value += p.l1()[group[0]] * Math.sqrt(squares) + 0.5 * p.l2()[group[0]] * squares;
    }
    return value;
  }

  /**
   * The model's gradient in the free variables and those of groups where the penalty is
   * differentiable (away from zero, or without l1).
   */
  private double[] gradient(double[] current, double[] move, ModelSpaceSolver.VariablePenalty p,
      int[] support) {
    double[] bm = ModelSpaceSolverExamplesTest.times(b, move);
    double[] out = new double[support.length];
    for (int a = 0; a < support.length; a++) {
      int v = support[a];
      out[a] = bm[v] - rhs[v];
      if (GROUP_OF[v] >= 0) {
        double squares = 0;
        for (int w : GROUPS[GROUP_OF[v]]) {
          squares += (current[w] + move[w]) * (current[w] + move[w]);
        }
        double x = current[v] + move[v];
        out[a] += p.l2()[v] * x;
        if (p.l1()[v] != 0) {
          out[a] += p.l1()[v] * x / Math.sqrt(squares);
        }
      }
    }
    return out;
  }

  /** The independent damped Newton step: the expected move, and t in [1]. */
  private double[] expectedMove(double[] current, double[] move,
      ModelSpaceSolver.VariablePenalty p, int[] support, double[] t) {
    int d = support.length;
    double[] g = gradient(current, move, p, support);
    double[][] hessian = new double[d][d];
    double eps = 1e-6;
    for (int c = 0; c < d; c++) {
      double[] plus = move.clone();
      double[] minus = move.clone();
      plus[support[c]] += eps;
      minus[support[c]] -= eps;
      double[] gp = gradient(current, plus, p, support);
      double[] gm = gradient(current, minus, p, support);
      for (int a = 0; a < d; a++) {
        hessian[a][c] = (gp[a] - gm[a]) / (2 * eps);
      }
    }
    double[] direction = ModelSpaceSolverExamplesTest.gauss(hessian, g);
    double before = model(current, move, p);
    double step = 1;
    for (int k = 0; k <= 30; k++, step *= 0.5) {
      double[] trial = move.clone();
      for (int a = 0; a < d; a++) {
        trial[support[a]] -= step * direction[a];
      }
      if (model(current, trial, p) < before) {
        t[0] = step;
        return trial;
      }
    }
    t[0] = 0;
    return move.clone();
  }

  private void check(double[] current, double[] move, ModelSpaceSolver.VariablePenalty p,
      int[] support, double expectedT) {
    double[] t = new double[1];
    double[] expected = expectedMove(current, move, p, support, t);
    assertEquals(expectedT, t[0], "the step length of the reference");
    double[] actual = move.clone();
    double[] u = ModelSpaceSolverExamplesTest.times(b, actual);
    ModelSpaceSolver.supportNewtonStep(b, SIZE, rhs, current, p, GROUP_OF, actual, u);
    for (int v = 0; v < SIZE; v++) {
      assertEquals(expected[v], actual[v], 1e-6 * (1 + Math.abs(expected[v])),
          "variable " + v + ": expected " + Arrays.toString(expected) + ", got "
              + Arrays.toString(actual));
    }
    double[] bm = ModelSpaceSolverExamplesTest.times(b, actual);
    for (int v = 0; v < SIZE; v++) {
      assertEquals(bm[v], u[v], 1e-12 * (1 + Math.abs(bm[v])), "u = B move at " + v);
    }
    assertTrue(model(current, actual, p) < model(current, move, p), "the model falls");
  }

  /**
   * Group A near zero, where l1 ||x|| curves sharply: the full Newton step overshoots and
   * raises the model; the step is halved six times (t = 1/64) before the model falls.
   * Group B sits at zero with l1, off the support; the frozen variable stays.
   */
  @Test
  void stepIsHalvedUntilTheModelFalls() {
    double[] current = {0.2, 0.5, 0.05, 0.02, 0, 0, -0.1};
    double[] move = {0.1, 0, 0.01, -0.01, 0, 0, 0.05};
    check(current, move, penalty(1, 0.1, 5, 0.1), new int[] {0, 2, 3, 6}, 1.0 / 64);
  }

  /**
   * Group A closer to zero, with more l2: the model still rises at t = 1 and 1/2 and falls
   * at 1/4. Here the line search's terms all weigh: B's quadratic, the l2 part of the
   * penalty, and a direction whose components partly share the gradient's signs.
   */
  @Test
  void stepIsHalvedTwice() {
    double[] current = {0.2, 0.5, 0.2, 0.02, 0, 0, -0.1};
    double[] move = {0.1, 0, 0.01, -0.01, 0, 0, 0.05};
    check(current, move, penalty(1, 0.5, 5, 0.1), new int[] {0, 2, 3, 6}, 0.25);
  }

  /**
   * A step taken from a point already moved well away from the current values (the
   * penalty is that of current + move): the model rises at t = 1 and falls at 1/2.
   */
  @Test
  void stepIsHalvedOnceFromAMovedPoint() {
    double[] current = {0.2, 0.5, 0.4, -0.1, 0, 0, -0.1};
    double[] move = {0.1, 0, 0.2, -0.1, 0, 0, 0.05};
    check(current, move, penalty(1, 0.5, 5, 0.1), new int[] {0, 2, 3, 6}, 0.5);
  }

  /** Group A far from zero with little l1: the model is nearly quadratic, the full step falls. */
  @Test
  void fullStepWhenItLowersTheModel() {
    double[] current = {0.2, 0.5, 1.05, -0.8, 0, 0, -0.1};
    double[] move = {0.1, 0, 0.01, -0.01, 0, 0, 0.05};
    check(current, move, penalty(0.1, 0.1, 5, 0.1), new int[] {0, 2, 3, 6}, 1);
  }

  /**
   * A group at zero without l1 is smooth there (l2/2 ||x||^2 only) and on the support: it
   * moves with the rest.
   */
  @Test
  void groupWithoutL1AtZeroIsOnTheSupport() {
    double[] current = {0.2, 0.5, 1.05, -0.8, 0, 0, -0.1};
    double[] move = {0.1, 0, 0.01, -0.01, 0, 0, 0.05};
    check(current, move, penalty(0.1, 0.1, 0, 0.3), new int[] {0, 2, 3, 4, 5, 6}, 1);
  }
}
