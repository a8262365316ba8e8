package org.elasticnetlogistic.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * {@link ModelSpaceSolver} on small fixed models whose minimiser is known independently: a
 * linear solve when the model is smooth (no l1), the soft-threshold of each coordinate when
 * B is diagonal, the group soft-threshold when B is a multiple of the identity, and the
 * optimality conditions of the group lasso otherwise. Also its stopping rule (a sweep that
 * moves nothing by more than the tolerance, in KKT units, is the last; the sweep budget is
 * kept) and its work on strongly correlated models, as bounds (measured + a tenth, as in
 * {@link SolverEfficiencyTest}): there the exact solves (the orthant's Cholesky, the Newton
 * step on the grouped support) must cross the directions that the sweeps crawl along.
 */
class ModelSpaceSolverExamplesTest {

  private static final double INF = Double.POSITIVE_INFINITY;

  /** A penalty without box limits. */
  static ModelSpaceSolver.VariablePenalty penalty(double[] l1, double[] l2, double[] scale,
      boolean[] penalised, boolean[] frozen, int[][] groups) {
    int n = l1.length;
    double[] lower = new double[n];
    double[] upper = new double[n];
    Arrays.fill(lower, -INF);
    Arrays.fill(upper, INF);
    return new ModelSpaceSolver.VariablePenalty(l1, l2, lower, upper, scale, penalised,
        frozen, groups);
  }

  /**
   * B = M M' with the rows of M sharing one strong common component: every pair of
   * variables correlates at about 0.99, positive definite.
   */
  static double[][] correlated(int size) {
    double correlation = 0.99;
    double[][] m = new double[size][size + 1];
    for (int v = 0; v < size; v++) {
      m[v][0] = 1;
      for (int k = 1; k <= size; k++) {
        m[v][k] = (k == v + 1 ? 1 : 0) * Math.sqrt((1 - correlation) / correlation)
            + 0.1 * Math.sin(1.0 + v * 3.0 + k * 7.0) * Math.sqrt(1 - correlation);
      }
    }
    double[][] b = new double[size][size];
    for (int v = 0; v < size; v++) {
      for (int w = 0; w < size; w++) {
        for (int k = 0; k <= size; k++) {
          b[v][w] += m[v][k] * m[w][k];
        }
      }
    }
    return b;
  }

  /** Solves A x = y by Gaussian elimination with partial pivoting (A, y not changed). */
  static double[] gauss(double[][] a, double[] y) {
    int n = y.length;
    double[][] m = new double[n][n + 1];
    for (int i = 0; i < n; i++) {
      System.arraycopy(a[i], 0, m[i], 0, n);
      m[i][n] = y[i];
    }
    for (int col = 0; col < n; col++) {
      int pivot = col;
      for (int i = col + 1; i < n; i++) {
        if (Math.abs(m[i][col]) > Math.abs(m[pivot][col])) {
          pivot = i;
        }
      }
      double[] swap = m[col];
      m[col] = m[pivot];
      m[pivot] = swap;
      for (int i = col + 1; i < n; i++) {
        double f = m[i][col] / m[col][col];
        for (int j = col; j <= n; j++) {
          m[i][j] -= f * m[col][j];
        }
      }
    }
    double[] x = new double[n];
    for (int i = n - 1; i >= 0; i--) {
      double sum = m[i][n];
      for (int j = i + 1; j < n; j++) {
        sum -= m[i][j] * x[j];
      }
      x[i] = sum / m[i][i];
    }
    return x;
  }

  static double[] times(double[][] a, double[] x) {
    double[] out = new double[x.length];
    for (int i = 0; i < x.length; i++) {
      for (int j = 0; j < x.length; j++) {
        out[i] += a[i][j] * x[j];
      }
    }
    return out;
  }

  static void assertClose(double[] expected, double[] actual, double tolerance) {
    assertEquals(expected.length, actual.length);
    for (int i = 0; i < expected.length; i++) {
      assertEquals(expected[i], actual[i], tolerance * (1 + Math.abs(expected[i])),
          "variable " + i + ": expected " + Arrays.toString(expected) + ", got "
              + Arrays.toString(actual));
    }
  }

  // ---------------------------------------------------------------------------------------
  // ungrouped

  /**
   * Without penalty the model -r'd + 1/2 d'Bd is minimised by B d = r. On correlated
   * columns the sweeps crawl; the orthant's exact solve finishes it in a few sweeps.
   */
  @Test
  void unpenalisedModelIsTheLinearSolve() {
    int size = 5;
    double[][] b = correlated(size);
    double[] rhs = {1.0, -0.5, 2.0, 0.7, -1.2};
    double[] current = {0.1, 0.2, -0.3, 0.4, 0.0};
    double[] zero = new double[size];
    double[] ones = {1, 1, 1, 1, 1};
    ModelSpaceSolver.Solution solution = ModelSpaceSolver.solve(b, size, rhs, current,
        penalty(zero, zero, ones, new boolean[size], new boolean[size], null), 1e-10, 10_000);
    assertTrue(solution.converged());
    assertClose(gauss(b, rhs), solution.move(), 1e-8);
    // measured 4 sweeps: three, the orthant solve, one to confirm
    assertTrue(solution.sweeps() <= 4, solution.sweeps() + " sweeps");
  }

  /**
   * With l2 only the model is smooth: (B + l2 I) d = r - l2 c on the penalised variables.
   * Every penalised variable starts away from zero and stays there, so the orthant solve
   * (which holds signs) is exact.
   */
  @Test
  void ridgeModelIsTheLinearSolve() {
    int size = 5;
    double[][] b = correlated(size);
    double[] rhs = {1.0, -0.5, 2.0, 0.7, -1.2};
    double[] current = {0.1, 0.2, -0.3, 0.4, -0.1};
    double[] l1 = new double[size];
    double[] l2 = {0, 0.5, 0.25, 1.0, 0.75};
    boolean[] penalised = {false, true, true, true, true};
    double[] ones = {1, 1, 1, 1, 1};
    ModelSpaceSolver.Solution solution = ModelSpaceSolver.solve(b, size, rhs, current,
        penalty(l1, l2, ones, penalised, new boolean[size], null), 1e-10, 10_000);
    double[][] a = new double[size][];
    double[] right = rhs.clone();
    for (int v = 0; v < size; v++) {
      a[v] = b[v].clone();
      a[v][v] += l2[v];
      right[v] -= l2[v] * current[v];
    }
    assertTrue(solution.converged());
    assertClose(gauss(a, right), solution.move(), 1e-8);
    // measured 4 sweeps: three, the orthant solve, one to confirm
    assertTrue(solution.sweeps() <= 4, solution.sweeps() + " sweeps");
  }

  /** The orthogonal model of {@link #diagonalModelIsSolvedInTwoSweeps}. */
  private static final double[][] DIAGONAL = {
      {0, 0, 0, 0, 0, 0},
      {0, 1, 0, 0, 0, 0},
      {0, 0, 2, 0, 0, 0},
      {0, 0, 0, 0.5, 0, 0},
      {0, 0, 0, 0, 4, 0},
      {0, 0, 0, 0, 0, 2}};
  private static final double[] DIAGONAL_RHS = {0, 3, -1, 0.25, 8, -5};
  private static final double[] DIAGONAL_CURRENT = {0.5, 0.25, -0.5, 0, 1, 0.5};
  private static final double[] DIAGONAL_L1 = {0, 0.5, 2, 1, 0.5, 1};
  private static final double[] DIAGONAL_L2 = {0, 3, 2, 3.5, 4, 2};
  private static final boolean[] DIAGONAL_PENALISED = {false, true, true, true, true, false};
  private static final boolean[] DIAGONAL_FROZEN = {false, false, false, false, false, true};

  private static ModelSpaceSolver.Solution solveDiagonal(double tolerance, int maxSweeps,
      double scale) {
    double[] scales = new double[6];
    Arrays.fill(scales, scale);
    return ModelSpaceSolver.solve(DIAGONAL, 6, DIAGONAL_RHS.clone(), DIAGONAL_CURRENT.clone(),
        penalty(DIAGONAL_L1.clone(), DIAGONAL_L2.clone(), scales, DIAGONAL_PENALISED.clone(),
            DIAGONAL_FROZEN.clone(), null), tolerance, maxSweeps);
  }

  /**
   * B diagonal: the variables do not interact, and each one's minimiser is the
   * soft-threshold S(h c + r, l1) / (h + l2) of its own curvature h, current value c and
   * gradient r. A variable without curvature (and without gradient) and a frozen one stay.
   * Every penalised variable has l2 >= h, so the stopping rule's weight h + l2 must not be
   * confused with a difference.
   * All numbers are dyadic, so the arithmetic is exact: the first sweep lands every
   * variable, the second moves nothing, and even with tolerance 0 that second sweep ends
   * the solve, converged.
   */
  @Test
  void diagonalModelIsSolvedInTwoSweeps() {
    ModelSpaceSolver.Solution solution = solveDiagonal(0, 100, 1);
    double[] expected = new double[6];
    for (int v = 1; v <= 4; v++) {
      double h = DIAGONAL[v][v];
      double z = h * DIAGONAL_CURRENT[v] + DIAGONAL_RHS[v];
      double shrunk = Math.signum(z) * Math.max(0, Math.abs(z) - DIAGONAL_L1[v]);
      expected[v] = shrunk / (h + DIAGONAL_L2[v]) - DIAGONAL_CURRENT[v];
    }
    assertEquals(Arrays.toString(expected), Arrays.toString(solution.move()));
    assertTrue(solution.converged());
    assertEquals(2, solution.sweeps());
  }

  /**
   * The cost rule's exchange rate: a sweep over n variables costs n^2, a Cholesky of order
   * d costs d^3 / 3, so one Cholesky of order 30 is worth 30^3 / (3 * 10^2) = 90 sweeps
   * over 10 variables, and one of order n is worth n / 3 sweeps over n.
   */
  @Test
  void choleskyCostIsCountedInSweeps() {
    assertEquals(90.0, ModelSpaceSolver.sweepsPerCholesky(30, 10), 1e-12);
    assertEquals(4.0, ModelSpaceSolver.sweepsPerCholesky(12, 12), 1e-12);
    assertEquals(0.0, ModelSpaceSolver.sweepsPerCholesky(0, 12));
  }

  /** An unpenalised variable with curvature h moves by r / h, exactly, in one sweep. */
  @Test
  void unpenalisedVariableMovesByTheNewtonStep() {
    double[] one = {1};
    double[] zero = {0};
    ModelSpaceSolver.Solution solution = ModelSpaceSolver.solve(new double[][] {{4}}, 1,
        new double[] {2}, new double[] {0.25}, penalty(zero, zero, one, new boolean[1],
            new boolean[1], null), 0, 100);
    assertEquals(0.5, solution.move()[0]);
    assertEquals(2, solution.sweeps());
    assertTrue(solution.converged());
  }

  /** The sweep budget is a hard limit: one sweep allowed, one done, not converged. */
  @Test
  void sweepBudgetIsKept() {
    ModelSpaceSolver.Solution solution = solveDiagonal(0, 1, 1);
    assertEquals(1, solution.sweeps());
    assertFalse(solution.converged());
  }

  /**
   * The tolerance is in KKT units on the standardised scale: a move m of a variable counts
   * as (h + l2) |m| / scale. With scales of 10^4 the first sweep's moves (at most
   * (4 + 4) * 1.75 = 14) count as at most 0.0014, within a tolerance of 0.01: that sweep
   * is the last.
   */
  @Test
  void movesAreMeasuredOnTheStandardisedScale() {
    ModelSpaceSolver.Solution solution = solveDiagonal(0.01, 100, 1e4);
    assertEquals(1, solution.sweeps());
    assertTrue(solution.converged());
    // and with scale 10^-4 the same moves count 10^8 times more: a second sweep is needed
    solution = solveDiagonal(0.01, 100, 1e-4);
    assertEquals(2, solution.sweeps());
  }

  // ---------------------------------------------------------------------------------------
  // grouped

  private static final int[][] GROUPS = {{1, 2}, {3, 4, 5}};

  /**
   * B = h I: the groups do not interact, and each group's minimiser of
   * h/2 ||x - y||^2 + l1 ||x|| + l2/2 ||x||^2, y = c + r / h, is the group soft-threshold
   * x = max(0, 1 - l1 / (h ||y||)) h / (h + l2) y; a free variable goes to c + r / h, a
   * frozen one stays. The first sweep lands every group and the second confirms it.
   */
  @Test
  void identityCurvatureGroupsAreGroupSoftThresholds() {
    int size = 7;
    double h = 2;
    double[][] b = new double[size][size];
    for (int v = 0; v < size; v++) {
      b[v][v] = h;
    }
    double[] rhs = {1.5, 3, -2, 0.5, 0.25, -0.5, 1};
    double[] current = {0.5, 0.25, -0.5, 0.1, 0, -0.2, 0.3};
    // group {1, 2} stays away from zero; group {3, 4, 5} is thresholded to zero
    double[] l1 = {0, 1, 1, 3, 3, 3, 0};
    double[] l2 = {0, 3, 3, 5, 5, 5, 0};
    boolean[] penalised = {false, true, true, true, true, true, false};
    boolean[] frozen = {false, false, false, false, false, false, true};
    double[] scale = {1, 1, 1, 1, 1, 1, 1};
    ModelSpaceSolver.Solution solution = ModelSpaceSolver.solve(b, size, rhs, current,
        penalty(l1, l2, scale, penalised, frozen, GROUPS), 1e-12, 100);
    double[] expected = new double[size];
    expected[0] = rhs[0] / h;
    for (int[] group : GROUPS) {
      double norm = 0;
      for (int v : group) {
        double y = current[v] + rhs[v] / h;
        norm += y * y;
      }
      norm = Math.sqrt(norm);
      double l1g = l1[group[0]];
      double l2g = l2[group[0]];
      for (int v : group) {
        double y = current[v] + rhs[v] / h;
        expected[v] = Math.max(0, 1 - l1g / (h * norm)) * h / (h + l2g) * y - current[v];
      }
    }
    assertClose(expected, solution.move(), 1e-14);
    for (int v = 3; v <= 5; v++) {
      assertEquals(0.0, current[v] + solution.move()[v], "group {3, 4, 5} is not zero");
    }
    assertTrue(solution.converged());
    assertEquals(2, solution.sweeps());
  }

  /**
   * The grouped solver measures moves as (L + l2) ||m_g|| / scale (L the group's curvature
   * bound) and a free variable's as h |m| / scale: with scales of 10^4 the first sweep's
   * moves are within a tolerance of 0.01 and that sweep is the last.
   */
  @Test
  void groupedMovesAreMeasuredOnTheStandardisedScale() {
    int size = 3;
    double[][] b = {{2, 0, 0}, {0, 2, 0}, {0, 0, 2}};
    double[] rhs = {3, 3, -2};
    double[] current = {0.5, 0.25, -0.5};
    double[] l1 = {0, 1, 1};
    double[] l2 = {0, 3, 3};
    boolean[] penalised = {false, true, true};
    for (double scale : new double[] {1e4, 1e-4}) {
      ModelSpaceSolver.Solution solution = ModelSpaceSolver.solve(b, size, rhs, current,
          penalty(l1, l2, new double[] {scale, scale, scale}, penalised, new boolean[size],
              new int[][] {{1, 2}}), 0.01, 100);
      assertEquals(scale > 1 ? 1 : 2, solution.sweeps(), "scale " + scale);
      assertTrue(solution.converged());
    }
  }

  /**
   * Grouped, without l1: the penalty l2/2 ||x||^2 is smooth, so the minimiser solves
   * (B + l2 I) d = r - l2 c (the frozen variable's row and column removed). The columns
   * correlate at 0.99, where group steps crawl; the Newton step on the support is exact
   * here, so the solve ends within a few sweeps.
   */
  @Test
  void groupedRidgeIsTheLinearSolve() {
    int size = 7;
    double[][] b = correlated(size);
    double[] rhs = {1.0, -0.5, 2.0, 0.7, -1.2, 0.3, 0.4};
    double[] current = {0.1, 0.2, -0.3, 0.4, -0.1, 0.2, 0.0};
    double[] l1 = new double[size];
    double[] l2 = {0, 0.5, 0.5, 0.25, 0.25, 0.25, 0};
    boolean[] penalised = {false, true, true, true, true, true, false};
    boolean[] frozen = {false, false, false, false, false, false, true};
    double[] scale = {1, 1, 1, 1, 1, 1, 1};
    ModelSpaceSolver.Solution solution = ModelSpaceSolver.solve(b, size, rhs, current,
        penalty(l1, l2, scale, penalised, frozen, GROUPS), 1e-10, 10_000);
    int free = size - 1;
    double[][] a = new double[free][free];
    double[] right = new double[free];
    for (int v = 0; v < free; v++) {
      for (int w = 0; w < free; w++) {
        a[v][w] = b[v][w];
      }
      a[v][v] += l2[v];
      right[v] = rhs[v] - l2[v] * current[v];
    }
    double[] expected = Arrays.copyOf(gauss(a, right), size);
    assertTrue(solution.converged());
    assertClose(expected, solution.move(), 1e-8);
    // measured 4 sweeps: three, the Newton step, one to confirm
    assertTrue(solution.sweeps() <= 4, solution.sweeps() + " sweeps");
  }

  /**
   * Grouped with l1 on correlated columns: the solution meets the group lasso's optimality
   * conditions. With g = B d - r + l2 x the smooth part's gradient (x = c + d), a group away
   * from zero has g + l1 x / ||x|| = 0 and a group at zero ||g|| <= l1; a free variable has
   * g = 0; a frozen one does not move.
   */
  @Test
  void groupedLassoMeetsItsOptimalityConditions() {
    int size = 8;
    double[][] b = correlated(size);
    double[] rhs = {1.0, -0.5, 2.0, 0.7, -1.2, 0.3, 0.4, 0.05};
    double[] current = {0.1, 0.2, -0.3, 0.4, -0.1, 0.2, 0.0, 0.1};
    double[] l1 = {0, 0.3, 0.3, 0.2, 0.2, 0.2, 0, 2.0};
    double[] l2 = {0, 0.5, 0.5, 0.1, 0.1, 0.1, 0, 0.5};
    boolean[] penalised = {false, true, true, true, true, true, false, true};
    boolean[] frozen = {false, false, false, false, false, false, true, false};
    double[] scale = {1, 1, 1, 1, 1, 1, 1, 1};
    int[][] groups = {{1, 2}, {3, 4, 5}, {7}};
    ModelSpaceSolver.Solution solution = ModelSpaceSolver.solve(b, size, rhs, current,
        penalty(l1, l2, scale, penalised, frozen, groups), 1e-10, 10_000);
    assertTrue(solution.converged());
    double[] move = solution.move();
    double[] x = new double[size];
    for (int v = 0; v < size; v++) {
      x[v] = current[v] + move[v];
    }
    double[] g = times(b, move);
    for (int v = 0; v < size; v++) {
      g[v] += l2[v] * x[v] - rhs[v];
    }
    assertEquals(0.0, g[0], 1e-9, "free variable");
    assertEquals(0.0, move[6], "frozen variable");
    for (int[] group : groups) {
      double norm = 0;
      double gradientNorm = 0;
      for (int v : group) {
        norm += x[v] * x[v];
        gradientNorm += g[v] * g[v];
      }
      norm = Math.sqrt(norm);
      if (norm == 0) {
        assertTrue(Math.sqrt(gradientNorm) <= l1[group[0]], "zero group " + group[0]);
      } else {
        for (int v : group) {
          assertEquals(0.0, g[v] + l1[v] * x[v] / norm, 1e-9, "variable " + v);
        }
      }
    }
    // two groups away from zero and one at zero, as the conditions were meant to cover
    assertEquals(0.0, x[7]);
    assertTrue(x[1] != 0 && x[3] != 0);
    // measured 13 sweeps; the group steps alone take hundreds
    assertTrue(solution.sweeps() <= 14, solution.sweeps() + " sweeps");
  }

  /**
   * Lasso on correlated columns, a frozen variable among them: the solution meets the
   * optimality conditions (g = B d - r + l2 x; g + l1 sign(x) = 0 where x != 0, |g| <= l1
   * where x = 0, g = 0 for the free variable), the frozen variable does not move, and the
   * orthant solve, which holds the variables at zero there, keeps the work to a few sweeps.
   */
  @Test
  void correlatedLassoMeetsItsOptimalityConditions() {
    int size = 7;
    double[][] b = correlated(size);
    double[] rhs = {1.0, -0.5, 2.0, 0.7, -1.2, 0.3, 0.05};
    // variable 6 starts away from zero and ends there
    double[] current = {0.1, 0.2, -0.3, 0.0, -0.1, 0.5, 0.3};
    double[] l1 = {0, 0.3, 0.3, 0.2, 0.2, 0, 1.5};
    double[] l2 = {0, 0.5, 0.5, 0.1, 0.1, 0, 0.5};
    boolean[] penalised = {false, true, true, true, true, false, true};
    boolean[] frozen = {false, false, false, false, false, true, false};
    double[] scale = {1, 1, 1, 1, 1, 1, 1};
    ModelSpaceSolver.Solution solution = ModelSpaceSolver.solve(b, size, rhs, current,
        penalty(l1, l2, scale, penalised, frozen, null), 1e-10, 10_000);
    assertTrue(solution.converged());
    double[] move = solution.move();
    assertEquals(0.0, move[5], "frozen variable");
    double[] g = times(b, move);
    for (int v = 0; v < size; v++) {
      if (frozen[v]) {
        continue;
      }
      double x = current[v] + move[v];
      g[v] += l2[v] * x - rhs[v];
      if (!penalised[v]) {
        assertEquals(0.0, g[v], 1e-9, "free variable " + v);
      } else if (x == 0) {
        assertTrue(Math.abs(g[v]) <= l1[v], "variable " + v + " at zero: |g| = " + g[v]);
      } else {
        assertEquals(0.0, g[v] + l1[v] * Math.signum(x), 1e-9, "variable " + v);
      }
    }
    assertEquals(0.0, current[6] + move[6], "variable 6 should end at zero");
    // measured 4 sweeps: three, the orthant solve, one to confirm
    assertTrue(solution.sweeps() <= 4, solution.sweeps() + " sweeps");
  }

  /** The grouped solver keeps its sweep budget too. */
  @Test
  void groupedSweepBudgetIsKept() {
    ModelSpaceSolver.Solution solution = solveDyadicGroups(0, 1);
    assertEquals(1, solution.sweeps());
    assertFalse(solution.converged());
  }

  /**
   * B = 2 I on group A, where y = c + r / 2 = (0.75, 1) has norm 1.25 and the group
   * soft-threshold factor (1 - 1.25 / 2.5) * 2 / 4 = 1/4 is exact: the first sweep lands
   * x = (0.1875, 0.25), the second moves nothing, and with tolerance 0 it ends the solve.
   * The rest must stay: group B without curvature (nothing to step on), group C at zero
   * without l1 or gradient, a free variable without curvature.
   */
  @Test
  void groupedDyadicModelIsSolvedInTwoSweeps() {
    ModelSpaceSolver.Solution solution = solveDyadicGroups(0, 100);
    assertEquals(Arrays.toString(new double[] {0, -0.0625, -0.25, 0, 0, 0, 0}),
        Arrays.toString(solution.move()));
    assertTrue(solution.converged());
    assertEquals(2, solution.sweeps());
  }

  /** Variables: 0 free without curvature, A = {1, 2}, B = {3, 4} no curvature, C = {5, 6}. */
  private static ModelSpaceSolver.Solution solveDyadicGroups(double tolerance, int maxSweeps) {
    int size = 7;
    double[][] b = new double[size][size];
    for (int v : new int[] {1, 2, 5, 6}) {
      b[v][v] = 2;
    }
    double[] rhs = {0, 1, 1, 0, 0, 0, 0};
    double[] current = {0.5, 0.25, 0.5, 0.5, 0, 0, 0};
    double[] l1 = {0, 1.25, 1.25, 1, 1, 0, 0};
    double[] l2 = {0, 2, 2, 1, 1, 2, 2};
    boolean[] penalised = {false, true, true, true, true, true, true};
    double[] scale = {1, 1, 1, 1, 1, 1, 1};
    return ModelSpaceSolver.solve(b, size, rhs, current, penalty(l1, l2, scale, penalised,
        new boolean[size], new int[][] {{1, 2}, {3, 4}, {5, 6}}), tolerance, maxSweeps);
  }

  /**
   * One group of three correlated variables: each visit takes up to
   * {@link ModelSpaceSolver#GROUP_STEPS} majorised steps, so the solve converges within a
   * few sweeps; the solution is the group's optimum (optimality conditions).
   */
  @Test
  void correlatedGroupConvergesInFewSweeps() {
    int size = 3;
    double[][] b = {{1, 0.5, 0.25}, {0.5, 1, 0.5}, {0.25, 0.5, 1}};
    double[] rhs = {1, 0.5, -0.5};
    double[] current = {0.1, 0, 0};
    double[] l1 = {0.2, 0.2, 0.2};
    double[] l2 = {0.1, 0.1, 0.1};
    boolean[] penalised = {true, true, true};
    double[] scale = {1, 1, 1};
    ModelSpaceSolver.Solution solution = ModelSpaceSolver.solve(b, size, rhs, current,
        penalty(l1, l2, scale, penalised, new boolean[size], new int[][] {{0, 1, 2}}),
        1e-10, 10_000);
    assertTrue(solution.converged());
    double[] move = solution.move();
    double[] x = new double[size];
    double norm = 0;
    for (int v = 0; v < size; v++) {
      x[v] = current[v] + move[v];
      norm += x[v] * x[v];
    }
    norm = Math.sqrt(norm);
    double[] g = times(b, move);
    for (int v = 0; v < size; v++) {
      assertEquals(0.0, g[v] - rhs[v] + l2[v] * x[v] + l1[v] * x[v] / norm, 1e-9);
    }
    // measured 5 sweeps
    assertTrue(solution.sweeps() <= 5, solution.sweeps() + " sweeps");
  }

  /**
   * A small orthant among many variables held at zero: 30 variables, three of them
   * correlated (at rho) and away from zero, the other 27 uncoupled and kept at zero by l1.
   * The orthant's Cholesky (order 3) costs a hundredth of a sweep over 30, so it pays as
   * soon as it saves more than one sweep: the solve ends after three sweeps, the exact step
   * and one sweep to confirm (measured 4 for both rho). At rho = 0.05 the sweeps converge
   * fast (rate about 0.05, so about six more sweeps to the tolerance), yet still slower than
   * the cheap Cholesky; pricing that Cholesky at order 27 (the variables at zero) would
   * keep sweeping. The answer is the lasso optimum of the three, the solve of their block
   * with l1 sign(x) moved to the right.
   */
  @Test
  void smallOrthantIsSolvedExactlyAtOnce() {
    int size = 30;
    for (double rho : new double[] {0.05, 0.3}) {
      double[][] b = new double[size][size];
      for (int v = 0; v < size; v++) {
        b[v][v] = 1;
      }
      for (int v = 0; v < 3; v++) {
        for (int w = 0; w < 3; w++) {
          if (v != w) {
            b[v][w] = rho;
          }
        }
      }
      double[] rhs = new double[size];
      double[] current = new double[size];
      double[] l1 = new double[size];
      double[] scale = new double[size];
      boolean[] penalised = new boolean[size];
      Arrays.fill(l1, 0.5);
      Arrays.fill(scale, 1);
      Arrays.fill(penalised, true);
      for (int v = 3; v < size; v++) {
        // within the l1 ball: these stay at zero
        rhs[v] = 0.3 * Math.sin(v);
      }
      rhs[0] = 3;
      rhs[1] = -2;
      rhs[2] = 2.5;
      current[0] = 0.5;
      current[1] = -0.5;
      current[2] = 0.5;
      ModelSpaceSolver.Solution solution = ModelSpaceSolver.solve(b, size, rhs, current,
          penalty(l1, new double[size], scale, penalised, new boolean[size], null), 1e-10,
          100);
      assertTrue(solution.converged());
      assertTrue(solution.sweeps() <= 4, solution.sweeps() + " sweeps at rho " + rho);
      // B_3 (x - c) = r - l1 sign(x) on the three, with the signs of the start kept
      double[][] block = new double[3][];
      double[] right = new double[3];
      for (int v = 0; v < 3; v++) {
        block[v] = Arrays.copyOf(b[v], 3);
        right[v] = rhs[v] - l1[v] * Math.signum(current[v]);
      }
      double[] expected = Arrays.copyOf(gauss(block, right), size);
      assertClose(expected, solution.move(), 1e-9);
    }
  }
}
