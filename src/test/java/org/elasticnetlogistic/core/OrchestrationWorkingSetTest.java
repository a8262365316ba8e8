package org.elasticnetlogistic.core;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/**
 * The working set's bookkeeping, column by column, on a fixed three-class problem whose
 * column scales are powers of two (so every threshold below is exact): which columns are
 * strong, which are left out, which a Newton step may move. Column 2 is constant and so
 * belongs to neither list.
 */
class OrchestrationWorkingSetTest {

  /**
   * Eight rows; columns with weighted standard deviation 1, 2, (constant), 4 and 1, all with
   * mean zero.
   */
  private static LogisticProblem problem() {
    double[][] x = new double[8][];
    int[] pattern0 = {1, -1, 1, -1, 1, -1, 1, -1};
    int[] pattern1 = {1, 1, -1, -1, 1, 1, -1, -1};
    int[] pattern3 = {1, 1, 1, 1, -1, -1, -1, -1};
    int[] pattern4 = {1, -1, -1, 1, 1, -1, -1, 1};
    for (int i = 0; i < 8; i++) {
      x[i] = new double[] {pattern0[i], 2 * pattern1[i], 3, 4 * pattern3[i], pattern4[i]};
    }
    int[] y = {0, 1, 2, 0, 1, 2, 0, 1};
    return LogisticProblem.unweighted(DenseDesignMatrix.fromRows(x), y, 3);
  }

  /** Penalty factors 2, 1, 1, 1/2, 1/2 (they sum to the number of columns, as given). */
  private static FitContext context(double alpha) {
    ElasticNetPenalty penalty = ElasticNetPenalty.create(alpha,
        new double[] {2, 1, 1, 0.5, 0.5}, null, null, false, 5);
    FitContext context = new FitContext(problem(), penalty, true, true);
    assertArrayEquals(new int[] {0, 1, 3, 4}, context.included);
    assertEquals(2.0, context.standardization.scale(1));
    assertEquals(4.0, context.standardization.scale(3));
    assertEquals(2.0, penalty.factor(0));
    assertEquals(0.5, penalty.factor(3));
    return context;
  }

  private static ModelState zeroState(FitContext context) {
    return ModelState.at(context, new double[context.blocks],
        new double[context.blocks][context.columns]);
  }

  @Test
  void aNewWorkingSetHasNoStrongColumnAndLeavesOutEveryIncludedOne() {
    WorkingSet working = new WorkingSet(context(1.0));
    assertArrayEquals(new int[0], working.strongColumns());
    assertArrayEquals(new int[] {0, 1, 3, 4}, working.excludedColumns());
  }

  @Test
  void admittingColumnsMovesThemFromTheExcludedToTheStrongList() {
    WorkingSet working = new WorkingSet(context(1.0));
    working.admit(new int[] {3, 0});
    assertArrayEquals(new int[] {0, 3}, working.strongColumns());
    assertArrayEquals(new int[] {1, 4}, working.excludedColumns());
  }

  @Test
  void admitAllMakesEveryIncludedColumnStrongButNotTheConstantOne() {
    WorkingSet working = new WorkingSet(context(0.0));
    working.admitAll();
    assertArrayEquals(new int[] {0, 1, 3, 4}, working.strongColumns());
    assertArrayEquals(new int[0], working.excludedColumns());
  }

  /**
   * alpha (2 lambda - previous) = 0.5 (2 * 2 - 3.5) = 0.25, times the factor: thresholds 0.5,
   * 0.25, 0.125 and 0.125. A column is kept when its gradient norm is strictly above its
   * threshold, or when it is non-zero in some class (here only the last), and a column
   * once strong stays strong.
   */
  @Test
  void theStrongRuleKeepsColumnsAboveTheirFactorScaledThresholdAndNonZeroColumns() {
    FitContext context = context(0.5);
    WorkingSet working = new WorkingSet(context);
    ModelState state = zeroState(context);
    state.coef[2][4] = 0.1;
    working.gradientNorm[0] = 0.3; // below 2 * 0.25
    working.gradientNorm[1] = 0.25; // exactly at 1 * 0.25: not strictly above
    working.gradientNorm[3] = 0.2; // above 0.5 * 0.25
    working.gradientNorm[4] = 0.0; // zero gradient, but non-zero in class 2
    working.applyStrongRule(state, 2.0, 3.5);
    assertArrayEquals(new int[] {3, 4}, working.strongColumns());
    assertArrayEquals(new int[] {0, 1}, working.excludedColumns());

    // the next lambda: nothing passes the rule, but the strong columns stay strong
    java.util.Arrays.fill(working.gradientNorm, 0.0);
    state.coef[2][4] = 0;
    working.applyStrongRule(state, 1.9, 2.0);
    assertArrayEquals(new int[] {3, 4}, working.strongColumns());
  }

  @Test
  void theStrongRuleLeavesOutZeroColumnsWithSmallGradients() {
    FitContext context = context(1.0);
    WorkingSet working = new WorkingSet(context);
    ModelState state = zeroState(context);
    state.coef[0][1] = -0.5;
    // thresholds 1 * (2 - 1) * v_j: 2, 1, 0.5, 0.5; every norm below
    working.gradientNorm[0] = 1.0;
    working.gradientNorm[1] = 0.0;
    working.gradientNorm[3] = 0.25;
    working.gradientNorm[4] = 0.25;
    working.applyStrongRule(state, 1.0, 1.0);
    assertArrayEquals(new int[] {1}, working.strongColumns());
    assertArrayEquals(new int[] {0, 3, 4}, working.excludedColumns());
  }

  /**
   * A zero coefficient violates the KKT conditions when its gradient norm exceeds
   * lambda alpha v_j (the standardised l1 threshold, l1_j / s_j) by more than the tolerance.
   * At lambda 1 and alpha 1/2 the thresholds are 1, 1/2, 1/4, 1/4; the tolerance is 1/4.
   */
  @Test
  void admitViolatorsAddsTheColumnsWhoseGradientExceedsTheThresholdByMoreThanTheTolerance() {
    FitContext context = context(0.5);
    ScaledPenalty penalty = new ScaledPenalty(context, 1.0);
    assertEquals(4.0 * 0.5 * 0.5 * 1.0, penalty.l1[3]);
    WorkingSet working = new WorkingSet(context);
    working.gradientNorm[0] = 1.25; // exceeds 1 by exactly the tolerance: no violation
    working.gradientNorm[1] = 0.8; // exceeds 1/2 by more
    working.gradientNorm[3] = 0.5; // exceeds 1/4 by exactly the tolerance
    working.gradientNorm[4] = 0.2; // below its threshold
    working.admitViolators(new int[] {0, 1, 3, 4}, penalty, 0.25);
    assertArrayEquals(new int[] {1}, working.strongColumns());
    assertArrayEquals(new int[] {0, 3, 4}, working.excludedColumns());
  }

  @Test
  void admitViolatorsLooksOnlyAtTheColumnsItIsGiven() {
    FitContext context = context(1.0);
    ScaledPenalty penalty = new ScaledPenalty(context, 0.1);
    WorkingSet working = new WorkingSet(context);
    java.util.Arrays.fill(working.gradientNorm, 10.0);
    working.admitViolators(new int[] {4, 0}, penalty, 1e-8);
    assertArrayEquals(new int[] {0, 4}, working.strongColumns());
    assertArrayEquals(new int[] {1, 3}, working.excludedColumns());
  }

  /**
   * A strong column may move when it is non-zero in some class or its zero violates the
   * KKT conditions; a zero column with no violation (exactly 0) stays out of the step.
   */
  @Test
  void movableColumnsAreTheStrongOnesThatAreNonZeroOrViolating() {
    FitContext context = context(1.0);
    WorkingSet working = new WorkingSet(context);
    working.admitAll();
    ModelState state = zeroState(context);
    state.coef[2][3] = 0.7; // non-zero only in the last class
    working.violation[0] = 0.0;
    working.violation[1] = 1e-3;
    working.violation[3] = 0.0;
    working.violation[4] = 0.0;
    assertArrayEquals(new int[] {1, 3}, working.movableColumns(state));
  }

  @Test
  void onlyStrongColumnsAreMovable() {
    FitContext context = context(1.0);
    WorkingSet working = new WorkingSet(context);
    working.admit(new int[] {4});
    ModelState state = zeroState(context);
    state.coef[0][0] = 1.0;
    java.util.Arrays.fill(working.violation, 1.0);
    assertArrayEquals(new int[] {4}, working.movableColumns(state));
  }
}
