package org.elasticnetlogistic.core;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/**
 * {@link CoordinateDescent} on fixed small problems, judged by {@link DescentBlock}'s plain
 * loops: the fields of the returned {@link QuadraticStep}, the KKT conditions of the model
 * at the step, and the cost of each acceleration in sweeps. The accelerations are guarded
 * (a move is kept only if it lowers the model), so a broken one still lands on the
 * minimiser but crawls there; the sweep bounds are what show it.
 */
class DescentBinomialExamplesTest {

  private static final double TOLERANCE = 1e-10;
  private static final int MAX_SWEEPS = 10_000;
  /**
   * The KKT bound on the standardised scale for a solve to TOLERANCE: every coordinate
   * moved by at most TOLERANCE s_j / c_jj in the last sweep, and the six to twelve coupled
   * columns pass that on at most a few times over; 1e-8 leaves a margin of 100 for it and
   * for rounding (measured: at most 3.2e-10).
   */
  private static final double KKT_BOUND = 1e-8;

  private static final CoordinateDescent.Accelerations EXACT =
      CoordinateDescent.Accelerations.ALL;
  private static final CoordinateDescent.Accelerations SUPPORT_STEPS =
      new CoordinateDescent.Accelerations(0, true, false);
  private static final CoordinateDescent.Accelerations EXTRAPOLATION =
      new CoordinateDescent.Accelerations(0, false, true);
  private static final CoordinateDescent.Accelerations LARGE_SET =
      new CoordinateDescent.Accelerations(0, true, true);
  private static final CoordinateDescent.Accelerations PLAIN =
      new CoordinateDescent.Accelerations(0, false, false);
  /** Plain sweeps, in two blocks on a sparse design from two columns on. */
  private static final CoordinateDescent.Accelerations TWO_BLOCKS =
      new CoordinateDescent.Accelerations(0, false, false, 2);

  private static final double[] SIX = {1, 1, 1, 1, 1, 1};
  private static final long SEED = 20261206;

  // ---------------------------------------------------------------------------------------
  // when an exact solve pays

  /**
   * exactSolvePays: not before two sweeps of the phase and a positive previous violation;
   * always when the violation does not fall; otherwise when the sweeps predicted at the
   * observed rate, log(tolerance / current) / log(rate), exceed max(parity, 1).
   */
  @Test
  void anExactSolvePaysWhenTheSweepsWouldTakeLonger() {
    assertAll(
        () -> assertFalse(CoordinateDescent.exactSolvePays(1, 1.0, 0.999, 1e-12, 1),
            "one sweep of the phase shows no rate"),
        () -> assertTrue(CoordinateDescent.exactSolvePays(2, 1.0, 0.999, 1e-12, 1),
            "two sweeps at rate 0.999: about 27,600 sweeps to go"),
        () -> assertFalse(CoordinateDescent.exactSolvePays(2, Double.NaN, 0.5, 1e-12, 1),
            "no previous violation"),
        () -> assertTrue(CoordinateDescent.exactSolvePays(2, 0.5, 0.5, 1e-12, 1e9),
            "a violation that does not fall never reaches the tolerance"),
        () -> assertTrue(CoordinateDescent.exactSolvePays(3, 0.5, 0.7, 1e-12, 1e9),
            "a rising violation never reaches the tolerance"),
        // rate 1/2 from 1e-3 to 1e-6: about 10 sweeps to go
        () -> assertTrue(CoordinateDescent.exactSolvePays(2, 2e-3, 1e-3, 1e-6, 9)),
        () -> assertFalse(CoordinateDescent.exactSolvePays(2, 2e-3, 1e-3, 1e-6, 11)),
        // rate 1/2 from 1/2 to 1/8: exactly 2 sweeps to go, which is no more than 2
        () -> assertFalse(CoordinateDescent.exactSolvePays(2, 1.0, 0.5, 0.125, 2)),
        () -> assertTrue(CoordinateDescent.exactSolvePays(2, 1.0, 0.5, 0.125, 1.5)),
        // a parity below one counts as one: 0.9 predicted sweeps never pay
        () -> assertFalse(CoordinateDescent.exactSolvePays(2, 1.0, 0.5, 0.5 * Math.pow(0.5,
            0.9), 0.1)));
  }

  // ---------------------------------------------------------------------------------------
  // the step's fields

  /**
   * Just above lambda_max (from b = 0) no column moves: one full sweep, converged even at tolerance
   * zero, no active or changed column, only the intercept moves (to sum g / sum q), and the
   * predicted decrease is -g'e for that move alone.
   */
  @Test
  void atLambdaMaxOnlyTheInterceptMoves() {
    DescentBlock block = DescentBlock.collinear(SEED, 40, SIX, 0.3, 1.0, 1.001, true, null,
        null, null);
    QuadraticStep step = block.solve(EXACT, 0.0, MAX_SWEEPS);
    assertTrue(step.converged());
    assertEquals(1, step.sweeps(), "sweeps at lambda_max");
    assertArrayEquals(new int[0], step.active(), "no column moved, yet some are active");
    assertArrayEquals(new int[0], step.changedColumns());
    double sumG = Arrays.stream(block.g).sum();
    double sumQ = Arrays.stream(block.q).sum();
    assertEquals(sumG / sumQ, step.interceptChange(), 1e-14 * Math.abs(sumG / sumQ));
    block.checkFields(step);
    assertEquals(-sumG * sumG / sumQ, step.modelDecrease(), 1e-12 * sumG * sumG / sumQ);
  }

  /**
   * Six correlated columns (one common factor, noise 0.5) stored sparse, split three and
   * three: each block explains the same signal as if the other had not moved, so their
   * added moves overshoot and block Jacobi does not contract. The plain sweeps must take
   * over at once and reach the minimiser in the plain sweeps' own number of sweeps.
   */
  @Test
  void twoBlockSweepsGiveWayWhereTheBlocksAreCoupled() {
    DescentBlock block = DescentBlock.collinearStoredSparse(SEED, 80, SIX, 0.5, 1e-3);
    QuadraticStep plain = block.solve(PLAIN, TOLERANCE, MAX_SWEEPS);
    QuadraticStep twoBlocks = block.solve(TWO_BLOCKS, TOLERANCE, MAX_SWEEPS);
    // measured: 143 sweeps either way; 146 when the blocks go on until their cap of ten
    // sweeps, and no convergence in 10,000 when they go on for ever
    assertTrue(twoBlocks.converged() && twoBlocks.sweeps() <= plain.sweeps() + 1,
        "two blocks took " + twoBlocks.sweeps() + " sweeps (converged "
            + twoBlocks.converged() + "), plain sweeps " + plain.sweeps());
    block.checkFields(twoBlocks);
    assertTrue(block.kktViolation(twoBlocks) <= KKT_BOUND);
  }

  /**
   * Sweeps in two blocks are for sparse designs: on a dense one the step is bit for bit the
   * plain sweeps' step; on the same values stored sparse the plain sweeps take the dense
   * design's path, and the two blocks another (the blocks' moves are added) to the same
   * minimiser.
   */
  @Test
  void twoBlockSweepsRunOnSparseDesignsOnly() {
    DescentBlock dense = DescentBlock.collinear(SEED, 80, SIX, 1.0, 1.0, 1e-3, true, null,
        null, null);
    QuadraticStep densePlain = dense.solve(PLAIN, TOLERANCE, MAX_SWEEPS);
    QuadraticStep denseTwoBlocks = dense.solve(TWO_BLOCKS, TOLERANCE, MAX_SWEEPS);
    assertArrayEquals(dense.moves(densePlain), dense.moves(denseTwoBlocks), 0.0);
    assertEquals(densePlain.sweeps(), denseTwoBlocks.sweeps());
    DescentBlock sparse = DescentBlock.collinearStoredSparse(SEED, 80, SIX, 1.0, 1e-3);
    QuadraticStep sparsePlain = sparse.solve(PLAIN, TOLERANCE, MAX_SWEEPS);
    QuadraticStep sparseTwoBlocks = sparse.solve(TWO_BLOCKS, TOLERANCE, MAX_SWEEPS);
    // the same values stored sparse: the plain sweeps take the dense design's path (measured:
    // 40 sweeps), the two blocks another (44)
    assertEquals(densePlain.sweeps(), sparsePlain.sweeps(), "plain sweeps, sparse design");
    assertFalse(Arrays.equals(sparse.moves(sparsePlain), sparse.moves(sparseTwoBlocks)),
        "the sparse design was swept in one block");
    for (QuadraticStep step : List.of(sparsePlain, sparseTwoBlocks)) {
      assertTrue(step.converged());
      sparse.checkFields(step);
      assertTrue(sparse.kktViolation(step) <= KKT_BOUND);
    }
  }

  /**
   * A solve to tolerance zero ends at an exact fixed point of the sweeps (the exact solve
   * reaches one): converged, in few sweeps, at the minimiser.
   */
  @Test
  void toleranceZeroReachesAnExactFixedPoint() {
    for (double fraction : new double[] {0.5, 0.1}) {
      DescentBlock block = DescentBlock.collinear(SEED, 80, SIX, 0.05, 1.0, fraction, true,
          null, null, null);
      QuadraticStep step = block.solve(EXACT, 0.0, 200);
      // measured: 11 and 17 sweeps
      assertTrue(step.converged() && step.sweeps() <= 20, "fraction " + fraction + ": "
          + step.sweeps() + " sweeps, converged " + step.converged());
      block.checkFields(step);
      assertTrue(block.kktViolation(step) <= KKT_BOUND);
    }
  }

  /**
   * Without support steps (which spend their passes at once) the sweep budget is exact: a
   * crawling solve stops after maxSweeps sweeps, unconverged, having still descended.
   */
  @Test
  void theSweepBudgetIsKept() {
    DescentBlock block = DescentBlock.collinear(SEED, 80, SIX, 0.05, 1.0, 1e-4, true, null,
        null, null);
    for (int budget : new int[] {1, 2, 3, 7}) {
      QuadraticStep step = block.solve(PLAIN, TOLERANCE, budget);
      assertEquals(budget, step.sweeps(), "sweeps on a budget of " + budget);
      assertFalse(step.converged());
      block.checkFields(step);
      assertTrue(step.modelDecrease() < 0, "no descent in " + budget + " sweeps");
    }
  }

  /**
   * The budget limits the sweeps the solve reports, support steps' passes included: a
   * budget of exactly the sweeps an unbudgeted solve reports suffices (the same path, so
   * the count never passed its final value on the way), and one sweep less does not.
   */
  @Test
  void aBudgetOfTheReportedSweepsSuffices() {
    double[] twelve = Generators.ones(12);
    List<DescentBlock> blocks = List.of(
        DescentBlock.collinear(SEED, 80, SIX, 0.05, 1.0, 1e-4, true, null, null, null),
        DescentBlock.collinear(7, 100, twelve, 0.05, 1.0, 1e-4, true, null, null, null));
    for (DescentBlock block : blocks) {
      for (CoordinateDescent.Accelerations accelerations : List.of(SUPPORT_STEPS,
          LARGE_SET)) {
        QuadraticStep free = block.solve(accelerations, TOLERANCE, MAX_SWEEPS);
        assertTrue(free.converged());
        QuadraticStep enough = block.solve(accelerations, TOLERANCE, free.sweeps());
        assertTrue(enough.converged(), accelerations + ": no convergence on a budget of "
            + free.sweeps() + " sweeps, which the free solve reports");
        assertEquals(free.sweeps(), enough.sweeps());
        assertArrayEquals(free.etaChange(), enough.etaChange());
        QuadraticStep tooFew = block.solve(accelerations, TOLERANCE, free.sweeps() - 1);
        assertFalse(tooFew.converged(), accelerations + ": converged on a budget of "
            + (free.sweeps() - 1) + " sweeps, below the " + free.sweeps() + " reported");
      }
    }
  }

  // ---------------------------------------------------------------------------------------
  // the accelerations: correct, and what each costs

  /** One solve of a scenario and its sweep bound. */
  private record Case(String name, DescentBlock block,
      CoordinateDescent.Accelerations accelerations, int bound) {
  }

  /**
   * The cases of one scenario: the exact solve, support steps, extrapolation, and both large
   * set steps, each with its measured sweeps (0: not run), bounded by {@link #bound}.
   */
  private static List<Case> scenario(String name, DescentBlock block, int exact,
      int supportSteps, int extrapolation, int largeSet) {
    List<Case> cases = new ArrayList<>();
    int[] measured = {exact, supportSteps, extrapolation, largeSet};
    CoordinateDescent.Accelerations[] accelerations = {EXACT, SUPPORT_STEPS, EXTRAPOLATION,
        LARGE_SET};
    for (int a = 0; a < measured.length; a++) {
      if (measured[a] > 0) {
        cases.add(new Case(name, block, accelerations[a], bound(measured[a])));
      }
    }
    return cases;
  }

  /** A sweep bound: the measured sweeps plus 10%, and at least one more. */
  private static int bound(int measured) {
    return Math.max(measured + 1, (int) Math.ceil(1.1 * measured));
  }

  /**
   * Six or twelve columns sharing one factor (correlation about 0.998 at noise 0.05), where
   * plain sweeps crawl (10,000 sweeps do not settle most of these models to 1e-10); each
   * acceleration must land on the minimiser and do so within its bound, the measured
   * sweeps plus 10%. The scenarios vary what the accelerations see: the intercept (its
   * profiling couples the columns), the ridge term (in the curvature of the support steps
   * and in the exact solve's right-hand side), a warm start whose coefficients change sign
   * or reach zero (most do at the larger lambdas), a steep one (probabilities near 0 and 1,
   * so the curvature q is far from uniform), off-centre (an intercept at 2 or -1.5 makes q
   * lopsided in the factor, so that the intercept's re-profiling of a move matters), box
   * limits that hold coefficients (at zero and away from it), unequal penalty factors, column
   * scales from 1e-3 to 30 (the stopping rules are on the
   * standardised scale), and weaker correlation (noise 1, where plain sweeps take 40 and
   * an exact solve pays after two).
   */
  @Test
  void eachAccelerationLandsOnTheMinimiserWithinItsSweeps() {
    double[] start = {0.5, -0.5, 0.3, -0.2, 0.4, 0.1};
    double[] steep = {2, 1.5, 0, -0.5, 1, 0.5};
    double[] scales = {1e-3, 1, 30, 1, 1e-2, 1};
    double[] small = {1e-2, 1e-2, 1e-2, 1e-2, 1e-2, 1e-2};
    double inf = Double.POSITIVE_INFINITY;
    double[] lower = {-0.2, -inf, 0, -inf, -1, -inf};
    double[] upper = {inf, 0.3, inf, 0, 1, inf};
    double[] limits = {0.1, 0.3, 0.05, 1, 1, 0.2};
    // columns 0 and 4 end at their upper limit 0.02, column 1 at its lower limit -0.02
    double[] halfUpper = {0.02, inf, 0.02, inf, 0.02, inf};
    double[] halfLower = {-inf, -0.02, -inf, -0.02, -inf, -0.02};
    // unequal ridge terms: the support steps' preconditioner's diagonal is no multiple of one
    double[] factors = {0.1, 5, 0.5, 3, 1, 0.4};
    double[] twelve = Generators.ones(12);
    double[] eight = {1, 1, 1, 1, 1, 1, 1, 1};
    // eight non-zero columns fill the active list's first allocation exactly
    double[] start8 = {0.5, -0.5, 0.3, -0.2, 0.4, 0.1, 0.2, -0.1};
    List<Case> cases = new ArrayList<>();
    cases.addAll(scenario("lasso", DescentBlock.collinear(SEED, 80, SIX, 0.05, 1.0, 1e-4,
        true, null, null, null), 9, 218, 213, 57));
    cases.addAll(scenario("no intercept", DescentBlock.collinear(SEED, 80, SIX, 0.05, 1.0,
        1e-4, false, null, null, null), 9, 306, 213, 57));
    cases.addAll(scenario("elastic net", DescentBlock.collinear(SEED, 80, SIX, 0.05, 0.5,
        1e-4, true, null, null, null), 9, 218, 213, 57));
    cases.addAll(scenario("elastic net, larger lambda", DescentBlock.collinear(SEED, 80, SIX,
        0.05, 0.2, 1e-2, true, null, null, null), 9, 66, 101, 66));
    cases.addAll(scenario("ridge", DescentBlock.collinear(SEED, 80, SIX, 0.05, 0.0, 1e-4,
        true, null, null, null), 7, 20, 77, 20));
    cases.addAll(scenario("strong ridge", DescentBlock.collinear(SEED, 80, SIX, 0.05, 0.0,
        1e-2, true, null, null, null), 5, 13, 11, 11));
    cases.addAll(scenario("mixed scales", DescentBlock.collinear(SEED, 80, scales, 0.05,
        1.0, 1e-4, true, null, null, null), 9, 218, 0, 46));
    cases.addAll(scenario("small scales", DescentBlock.collinear(SEED, 80, small, 0.05, 1.0,
        1e-4, true, null, null, null), 9, 218, 213, 57));
    cases.addAll(scenario("warm", DescentBlock.collinear(SEED, 80, SIX, 0.05, 1.0, 1e-3,
        true, null, null, start), 7, 46, 201, 46));
    cases.addAll(scenario("warm elastic net", DescentBlock.collinear(SEED, 80, SIX, 0.05,
        0.5, 1e-3, true, null, null, start), 7, 46, 195, 46));
    cases.addAll(scenario("steep", DescentBlock.collinear(SEED, 80, SIX, 0.05, 1.0, 1e-3,
        true, null, null, steep), 7, 24, 135, 24));
    cases.addAll(scenario("steep elastic net", DescentBlock.collinear(SEED, 80, SIX, 0.05,
        0.5, 1e-3, true, null, null, steep), 7, 23, 87, 23));
    cases.addAll(scenario("steep, off-centre", DescentBlock.collinear(SEED, 80, SIX, 0.05,
        1.0, 1e-3, true, null, null, steep, 2.0), 5, 13, 147, 13));
    cases.addAll(scenario("steep elastic net, off-centre", DescentBlock.collinear(SEED, 80,
        SIX, 0.05, 0.5, 1e-3, true, null, null, steep, -1.5), 5, 13, 93, 13));
    cases.addAll(scenario("warm, larger lambda", DescentBlock.collinear(SEED, 80, SIX, 0.05,
        1.0, 0.05, true, null, null, start), 7, 974, 417, 704));
    cases.addAll(scenario("warm, lambda 1e-2", DescentBlock.collinear(SEED, 80, SIX, 0.05,
        1.0, 0.01, true, null, null, start), 7, 1365, 189, 1310));
    cases.addAll(scenario("eight warm", DescentBlock.collinear(3, 80, eight, 0.05, 1.0, 1e-3,
        true, null, null, start8), 7, 94, 447, 54));
    cases.addAll(scenario("upper limits", DescentBlock.collinear(SEED, 80, SIX, 0.05, 0.5,
        1e-4, true, null, limits, null), 11, 316, 117, 169));
    cases.addAll(scenario("held at upper limits", DescentBlock.collinear(SEED, 80, SIX, 0.05,
        1.0, 1e-4, true, null, halfUpper, null), 9, 1451, 495, 213));
    cases.addAll(scenario("elastic net held at upper limits", DescentBlock.collinear(SEED,
        80, SIX, 0.05, 0.5, 1e-4, true, null, halfUpper, null), 9, 1388, 309, 214));
    cases.addAll(scenario("held at a lower limit", DescentBlock.collinear(SEED, 80, SIX,
        0.05, 0.5, 1e-4, true, halfLower, null, null), 9, 193, 164, 52));
    cases.addAll(scenario("ridge with penalty factors", DescentBlock.collinear(SEED, 80, SIX,
        0.05, 0.0, 1e-4, true, null, null, null, 0, factors), 5, 12, 21, 12));
    cases.addAll(scenario("elastic net with penalty factors", DescentBlock.collinear(SEED,
        80, SIX, 0.05, 0.3, 1e-4, true, null, null, null, 0, factors), 11, 35, 239, 35));
    cases.addAll(scenario("limited", DescentBlock.collinear(SEED, 80, SIX, 0.05, 1.0, 1e-4,
        true, lower, upper, null), 5, 214, 99, 214));
    cases.addAll(scenario("weakly correlated", DescentBlock.collinear(SEED, 80, SIX, 1.0,
        1.0, 1e-3, true, null, null, null), 5, 12, 23, 12));
    cases.addAll(scenario("twelve", DescentBlock.collinear(7, 100, twelve, 0.05, 1.0, 1e-4,
        true, null, null, null), 9, 4810, 2061, 192));
    cases.addAll(scenario("twelve elastic net", DescentBlock.collinear(7, 100, twelve, 0.05,
        0.3, 1e-4, true, null, null, null), 9, 3898, 1803, 355));
    List<Executable> checks = new ArrayList<>();
    for (Case c : cases) {
      checks.add(() -> {
        QuadraticStep step = c.block().solve(c.accelerations(), TOLERANCE, MAX_SWEEPS);
        String what = c.name() + " with " + c.accelerations();
        assertTrue(step.converged() && step.sweeps() <= c.bound(), what + " took "
            + step.sweeps() + " sweeps (converged " + step.converged() + "), bound "
            + c.bound());
        c.block().checkFields(step);
        double violation = c.block().kktViolation(step);
        assertTrue(violation <= KKT_BOUND, what + ": KKT violation " + violation);
      });
    }
    assertAll(checks);
  }

  /**
   * The exact limit is the largest active set solved exactly: with six active columns, a
   * limit of six solves them exactly (measured: 9 sweeps), a limit of five leaves them to
   * plain sweeps, which crawl.
   */
  @Test
  void theExactLimitIsInclusive() {
    DescentBlock lasso = DescentBlock.collinear(SEED, 80, SIX, 0.05, 1.0, 1e-4, true, null,
        null, null);
    QuadraticStep atLimit = lasso.solve(new CoordinateDescent.Accelerations(6, false, false),
        TOLERANCE, MAX_SWEEPS);
    assertTrue(atLimit.converged() && atLimit.sweeps() <= 10, atLimit.sweeps() + " sweeps");
    assertEquals(6, atLimit.active().length);
    QuadraticStep aboveLimit = lasso.solve(new CoordinateDescent.Accelerations(5, false,
        false), TOLERANCE, 1000);
    assertFalse(aboveLimit.converged(), "six columns were solved exactly at a limit of five");
  }
}
