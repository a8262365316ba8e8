package org.elasticnetlogistic.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * Validation and plain accessors of the settings and data holders: the grouped flag, the
 * length checks of per-column arrays, the smallest allowed limits, error messages, the
 * count of weighted rows, and a column whose spread underflows.
 */
class UnitSettingsTest {

  @Test
  void theGroupedFlagIsKeptAndReachesThePenalty() {
    assertFalse(FitSettings.builder().build().grouped());
    FitSettings grouped = FitSettings.builder().grouped(true).build();
    assertTrue(grouped.grouped());
    assertTrue(grouped.toBuilder().build().grouped());
    assertTrue(grouped.penalty(3).grouped());
    assertFalse(grouped.toBuilder().grouped(false).build().grouped());
  }

  @Test
  void perColumnArraysOfTheWrongLengthAreRejectedWithTheirName() {
    double[] three = {0.5, 1, 2};
    IllegalArgumentException factors = assertThrows(IllegalArgumentException.class,
        () -> ElasticNetPenalty.create(1, three, null, null, false, 2));
    assertEquals("penalty factors have length 3 but there are 2 columns",
        factors.getMessage());
    IllegalArgumentException lower = assertThrows(IllegalArgumentException.class,
        () -> ElasticNetPenalty.create(1, null, new double[] {-1, -1, -1}, null, false, 2));
    assertEquals("lower limits have length 3 but there are 2 columns", lower.getMessage());
    IllegalArgumentException upper = assertThrows(IllegalArgumentException.class,
        () -> ElasticNetPenalty.create(1, null, null, new double[] {1, 1, 1}, false, 2));
    assertEquals("upper limits have length 3 but there are 2 columns", upper.getMessage());
    // shorter arrays too
    assertThrows(IllegalArgumentException.class,
        () -> ElasticNetPenalty.create(1, null, new double[] {-1}, null, false, 2));
    assertThrows(IllegalArgumentException.class,
        () -> ElasticNetPenalty.create(1, null, null, new double[] {1}, false, 2));
  }

  @Test
  void oneSweepAndOneIterationAreAllowed() {
    SolverControl control = new SolverControl(1e-6, 1, 1,
        SolverControl.SubproblemSpace.BY_COST);
    assertEquals(1, control.maxSweeps());
    assertEquals(1, control.maxIterations());
    assertThrows(IllegalArgumentException.class,
        () -> new SolverControl(1e-6, 1, 0, SolverControl.SubproblemSpace.BY_COST));
  }

  @Test
  void aClassOutsideTheRangeNamesTheRange() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> LogisticProblem.unweighted(DenseDesignMatrix.fromRows(
            new double[][] {{0}, {1}, {2}}), new int[] {0, 3, 1}, 3));
    assertEquals("row 1 has class 3, outside 0..2", e.getMessage());
  }

  @Test
  void onlyRowsWithPositiveWeightAreObservations() {
    LogisticProblem problem = new LogisticProblem(DenseDesignMatrix.fromRows(
        new double[][] {{0}, {1}, {2}, {3}}), new int[] {0, 1, 0, 1},
        new double[] {1, 0, 2, 0}, 2);
    assertEquals(2, problem.rowsWithWeight());
  }

  /**
   * A column that is not constant but whose weighted spread underflows to zero (values 0
   * and 1e-200) has no usable scale: it counts as constant, with scale one.
   */
  @Test
  void aColumnWhoseSpreadUnderflowsCountsAsConstant() {
    DesignMatrix x = DenseDesignMatrix.fromRows(new double[][] {{0, 0}, {1e-200, 1},
        {0, 2}, {1e-200, 3}});
    double[] w = {0.25, 0.25, 0.25, 0.25};
    assertFalse(x.isConstant(0, w, 4), "the values differ");
    Standardization s = Standardization.compute(x, w, true, true);
    assertTrue(s.isConstant(0));
    assertEquals(1.0, s.scale(0));
    assertFalse(s.isConstant(1));
    assertEquals(Math.sqrt(1.25), s.scale(1), 1e-15);
  }
}
