package org.elasticnetlogistic.core;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The lambda loop's screening and early stopping on fixed problems. The problem below has a
 * "twin" column: rows 0 and 1 are identical except that column 2 is +1 on one and -1 on the
 * other (0 elsewhere), and they have the same class. Their predictors are equal whenever
 * b_2 = 0, so the loss gradient in b_2 is exactly zero there and b_2 = 0 at every optimum:
 * the column never violates the KKT conditions and never passes the strong rule.
 */
class OrchestrationLambdaPathTest {

  private static GeneratedProblem withTwinColumn() {
    GeneratedProblem base = OrchestrationFitterTest.binomial(30, 3, 11);
    double[][] x = base.x();
    int[] y = base.y();
    x[1][0] = x[0][0];
    x[1][1] = x[0][1];
    y[1] = y[0];
    for (double[] row : x) {
      row[2] = 0;
    }
    x[0][2] = 1;
    x[1][2] = -1;
    // both classes still occur
    y[2] = 1 - y[0];
    return base;
  }

  private record Run(List<PathPoint> points, WorkingSet working) {
  }

  private static Run run(GeneratedProblem generated, double alpha, double[] lambdaFractions) {
    FitContext context = new FitContext(generated.problem(), ElasticNetPenalty.of(alpha, 3),
        true, true);
    SolverControl control = SolverControl.defaults();
    ModelState state = LambdaPath.startState(context, control);
    WorkingSet working = new WorkingSet(context);
    double lambdaMax = LambdaPath.lambdaMax(context, state, working);
    double[] lambdas = new double[lambdaFractions.length];
    for (int k = 0; k < lambdas.length; k++) {
      lambdas[k] = lambdaFractions[k] * lambdaMax;
    }
    boolean[] record = new boolean[lambdas.length];
    Arrays.fill(record, true);
    List<PathPoint> points = new LambdaPath(context, control, ProgressListener.NONE).run(
        lambdas, record, control.tolerance(), false, state, working, alpha > 0);
    return new Run(points, working);
  }

  @Test
  void anEmptySequenceOfLambdasGivesAnEmptyPath() {
    Run run = run(withTwinColumn(), 1.0, new double[0]);
    assertTrue(run.points().isEmpty());
  }

  /**
   * The lasso screens: the twin column, whose gradient stays exactly zero, never enters the
   * strong set, and screening misses no violator (every point is optimal over all columns).
   * The lambdas fall slowly enough that the rule's threshold alpha (2 lambda - previous)
   * stays positive.
   */
  @Test
  void theLassoPathLeavesTheZeroGradientColumnOutOfTheStrongSet() {
    GeneratedProblem generated = withTwinColumn();
    Run run = run(generated, 1.0, new double[] {1.0, 0.8, 0.6, 0.45, 0.35});
    assertArrayEquals(new int[] {0, 1}, run.working().strongColumns());
    assertArrayEquals(new int[] {2}, run.working().excludedColumns());
    for (PathPoint point : run.points()) {
      assertTrue(point.converged());
      assertEquals(0.0, point.coefficients().coefficient(0, 2));
      assertTrue(OrchestrationFitterTest.kkt(generated, point, 1.0, null) <= 1e-6, "lambda " + point.lambda());
    }
    assertEquals(2, run.points().get(4).nonZeroColumns());
  }

  /** Ridge is not screened: every included column is in the working set from the start. */
  @Test
  void theRidgePathWorksOnEveryColumn() {
    GeneratedProblem generated = withTwinColumn();
    Run run = run(generated, 0.0, new double[] {1.0, 0.1});
    assertArrayEquals(new int[] {0, 1, 2}, run.working().strongColumns());
    for (PathPoint point : run.points()) {
      assertTrue(point.converged());
      assertEquals(0.0, point.coefficients().coefficient(0, 2));
      assertTrue(OrchestrationFitterTest.kkt(generated, point, 0.0, null) <= 1e-6, "lambda " + point.lambda());
    }
  }

  /**
   * glmnet's early stopping applies only from the fifth lambda on (mnlam = 5). Here the
   * lambdas fall by a factor of about 170 each, so that from the third lambda on the fit is
   * the unpenalised one to within far less than fdev = 1e-5 of deviance ratio: the path stops
   * at the first lambda where the rules may apply, the fifth.
   */
  @Test
  void earlyStoppingWaitsForTheFifthLambda() {
    GeneratedProblem generated = OrchestrationFitterTest.binomial(40, 2, 12);
    ElasticNetFit fit = ElasticNetFitter.fit(generated.problem(), FitSettings.builder()
        .folds(0).threads(1).numLambdas(10).lambdaMinRatio(1e-20).build(),
        ProgressListener.NONE);
    List<PathPoint> points = fit.path().points();
    assertEquals(LambdaPath.MIN_LAMBDAS_BEFORE_STOPPING, points.size());
    double change = points.get(4).devianceRatio() - points.get(3).devianceRatio();
    assertTrue(change < LambdaPath.MIN_DEVIANCE_RATIO_CHANGE, "change " + change);
  }
}
