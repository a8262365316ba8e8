package org.elasticnetlogistic.core;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * The relaxed fit's separation guard and the path's standardised coefficients, on fixed
 * problems: the unpenalised refit of the active columns is used only when it reached its
 * optimum and fits no row (of positive weight) perfectly.
 */
class OrchestrationRelaxationTest {

  private record Penalised(FitContext context, PathPoint point, double nullDeviance) {
  }

  /** The penalised solution at a fraction of lambda_max, with its fit context. */
  private static Penalised penalised(LogisticProblem problem, FitSettings settings,
      double fraction) {
    RegularizationPath atMax = ElasticNetFitter.solveAt(problem, settings, 1e300,
        Parallelism.SERIAL);
    double lambda = fraction * atMax.lambdaMax();
    RegularizationPath path = ElasticNetFitter.solveAt(problem, settings, lambda,
        Parallelism.SERIAL);
    FitContext context = ElasticNetFitter.ClassSubset.of(problem).context(settings);
    PathPoint point = path.point(0);
    assertTrue(point.converged());
    assertTrue(point.nonZeroColumns() > 0);
    return new Penalised(context, point, path.nullDeviance());
  }

  private static FitSettings.Builder settings() {
    return FitSettings.builder().folds(0).threads(1);
  }

  /** The unpenalised refit converges here: the blend is gamma pen + (1 - gamma) unpen. */
  @Test
  void aConvergedRefitIsBlended() {
    GeneratedProblem generated = OrchestrationFitterTest.binomial(40, 3, 21);
    Penalised p = penalised(generated.problem(), settings().build(), 0.3);
    Relaxation.RelaxedPoint relaxed = Relaxation.relax(p.context(), p.point(), 0.0,
        SolverControl.defaults(), p.nullDeviance());
    assertFalse(relaxed.guarded());
    // gamma 0: the unpenalised optimum over the active columns (zero gradient there)
    Coefficients c = relaxed.point().coefficients();
    double[][] g = generated.reference().standardisedGradient(FitProperties.intercepts(c),
        FitProperties.slopes(c));
    for (int j = 0; j < 3; j++) {
      if (p.point().coefficients().coefficient(0, j) != 0) {
        assertEquals(0.0, g[0][j + 1], 1e-7, "column " + j);
      } else {
        assertEquals(0.0, c.coefficient(0, j));
      }
    }
    assertEquals(0.0, g[0][0], 1e-7);
  }

  /** The refit keeps the coefficient limits, as glmnet's relaxed fit does. */
  @Test
  void theRefitKeepsTheLimits() {
    GeneratedProblem generated = OrchestrationFitterTest.binomial(60, 3, 26);
    double inf = Double.POSITIVE_INFINITY;
    Penalised p = penalised(generated.problem(), settings().upperLimits(
        new double[] {0.3, inf, inf}).build(), 0.2);
    assertTrue(p.point().coefficients().coefficient(0, 0) > 0);
    Relaxation.RelaxedPoint relaxed = Relaxation.relax(p.context(), p.point(), 0.0,
        SolverControl.defaults(), p.nullDeviance());
    assertFalse(relaxed.guarded());
    // the unlimited refit would take column 0 to about 1.5; the limit holds it at 0.3
    assertEquals(0.3, relaxed.point().coefficients().coefficient(0, 0), 1e-12);
  }

  /** A refit stopped after one Newton iteration has not reached its optimum: guarded. */
  @Test
  void anUnconvergedRefitKeepsThePenalisedPoint() {
    GeneratedProblem generated = OrchestrationFitterTest.binomial(40, 3, 22);
    for (boolean intercept : new boolean[] {true, false}) {
      Penalised p = penalised(generated.problem(), settings().intercept(intercept).build(),
          0.3);
      Relaxation.RelaxedPoint relaxed = Relaxation.relax(p.context(), p.point(), 0.5,
          new SolverControl(1e-8, 1, 10_000), p.nullDeviance());
      assertTrue(relaxed.guarded(), "intercept " + intercept);
      assertSame(p.point(), relaxed.point());
    }
  }

  /**
   * Classes separated by column 0: the unpenalised refit has no finite optimum (its
   * probabilities run to one), so every relaxed point keeps its penalised coefficients.
   */
  @Test
  void separatedClassesKeepThePenalisedPoint() {
    GeneratedProblem generated = OrchestrationFitterTest.binomial(30, 2, 23);
    double[][] x = generated.x();
    for (int i = 0; i < x.length; i++) {
      x[i][0] = generated.y()[i] == 1 ? 1 + Math.abs(x[i][0]) : -1 - Math.abs(x[i][0]);
    }
    Penalised p = penalised(generated.problem(), settings().build(), 0.5);
    Relaxation.RelaxedPoint relaxed = Relaxation.relax(p.context(), p.point(), 0.5,
        SolverControl.defaults(), p.nullDeviance());
    assertTrue(relaxed.guarded());
    assertSame(p.point(), relaxed.point());
  }

  /**
   * A row of zero weight takes no part in the fit, so that the refit fitting it perfectly
   * (it lies far out on its class's side) is no separation.
   */
  @Test
  void aPerfectlyFittedRowOfZeroWeightIsNoSeparation() {
    GeneratedProblem generated = OrchestrationFitterTest.binomial(40, 2, 24);
    int n = generated.rows();
    double[][] x = Arrays.copyOf(generated.x(), n + 1);
    x[n] = new double[] {400, -400};
    int[] y = Arrays.copyOf(generated.y(), n + 1);
    y[n] = 1;
    double[] w = Arrays.copyOf(generated.weights(), n + 1);
    w[n] = 0;
    GeneratedProblem extended = new GeneratedProblem(x, y, w, 2, false);
    Penalised p = penalised(extended.problem(), settings().build(), 0.3);
    assertTrue(p.point().coefficients().coefficient(0, 0) > 0);
    assertTrue(p.point().coefficients().coefficient(0, 1) < 0);
    Relaxation.RelaxedPoint relaxed = Relaxation.relax(p.context(), p.point(), 0.5,
        SolverControl.defaults(), p.nullDeviance());
    assertFalse(relaxed.guarded());
  }

  /** The standardised coefficients are b_j s_j, row by row, for every class. */
  @Test
  void standardisedCoefficientsAreTheCoefficientsTimesTheColumnScales() {
    GeneratedProblem generated = OrchestrationFitterTest.binomial(40, 3, 25);
    int[] y = generated.y();
    for (int i = 0; i < y.length; i += 3) {
      y[i] = 2;
    }
    GeneratedProblem threeClasses = new GeneratedProblem(generated.x(), y,
        generated.weights(), 3, false);
    RegularizationPath path = ElasticNetFitter.fit(threeClasses.problem(),
        settings().numLambdas(5).lambdaMinRatio(0.05).build(), ProgressListener.NONE).path();
    assertArrayEquals(new int[] {0, 1, 2}, path.modelledClasses());
    double[] scales = path.columnScales();
    int last = path.size() - 1;
    Coefficients c = path.point(last).coefficients();
    double[][] standardised = path.standardisedCoefficients(last);
    assertEquals(3, standardised.length);
    int nonZero = 0;
    for (int r = 0; r < 3; r++) {
      assertEquals(3, standardised[r].length);
      for (int j = 0; j < 3; j++) {
        assertEquals(c.coefficient(r, j) * scales[j], standardised[r][j]);
        assertEquals(threeClasses.reference().sd[j], scales[j], 1e-12);
        nonZero += standardised[r][j] != 0 ? 1 : 0;
      }
    }
    assertTrue(nonZero > 0);
  }
}
