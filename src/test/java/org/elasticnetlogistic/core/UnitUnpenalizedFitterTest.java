package org.elasticnetlogistic.core;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * Example tests of the unpenalised fitter: the iteration count and gradient it reports, the
 * reference class, separation detection on fixed data (overlapping classes with a perfectly
 * fitted outlier, quasi-complete separation), and its Newton step, line search and
 * covariance on hand-built inputs through the package-private {@code Run}.
 */
class UnitUnpenalizedFitterTest {

  /** Overlapping classes on one column: y = 1 above 1.5 except every fifth row flipped. */
  private static LogisticProblem overlapping(int n, double outlier) {
    double[][] x = new double[n][1];
    int[] y = new int[n];
    for (int i = 0; i < n; i++) {
      x[i][0] = 3.0 * i / n;
      y[i] = (x[i][0] > 1.5) != (i % 5 == 0) ? 1 : 0;
    }
    if (!Double.isNaN(outlier)) {
      x[n - 1][0] = outlier;
      y[n - 1] = 1;
    }
    return LogisticProblem.unweighted(DenseDesignMatrix.fromRows(x), y, 2);
  }

  @Test
  void theReportedIterationsAreTheNewtonStepsTakenWithinTheLimit() {
    LogisticProblem problem = overlapping(60, Double.NaN);
    UnpenalizedFit none = UnpenalizedFitter.fit(problem, 0);
    assertEquals(0, none.iterations());
    assertFalse(none.converged());
    // the null model's slope gradient is far from zero on data where x predicts y
    assertTrue(none.gradientNorm() > 1e-3, "gradient at the start: " + none.gradientNorm());

    UnpenalizedFit one = UnpenalizedFitter.fit(problem, 1);
    assertEquals(1, one.iterations());
    assertFalse(one.converged());
    assertTrue(one.gradientNorm() > UnpenalizedFitter.GRADIENT_TOLERANCE);
    assertTrue(one.gradientNorm() < none.gradientNorm());

    UnpenalizedFit full = UnpenalizedFitter.fit(problem, 50);
    assertTrue(full.converged());
    assertTrue(full.iterations() >= 2 && full.iterations() <= 50,
        "iterations " + full.iterations());
    assertTrue(full.gradientNorm() <= UnpenalizedFitter.GRADIENT_TOLERANCE);
  }

  @Test
  void theReferenceIsTheFirstClassWithWeight() {
    // three classes declared, class 0 has no rows: class 1 is the reference
    double[][] x = {{0}, {1}, {2}, {3}, {4}, {5}, {1.5}, {3.5}};
    int[] y = {1, 1, 2, 2, 2, 1, 2, 1};
    UnpenalizedFit fit = UnpenalizedFitter.fit(
        LogisticProblem.unweighted(DenseDesignMatrix.fromRows(x), y, 3), 50);
    assertEquals(1, fit.referenceClass());
    assertArrayEquals(new int[] {1, 2}, fit.modelledClasses());
    assertEquals(1, fit.rows());
  }

  /**
   * A perfectly fitted outlier on data whose classes overlap (more than one block of 256
   * rows) is not separation: no direction raises every row's margin.
   */
  @Test
  void aPerfectlyFittedOutlierOnOverlappingClassesIsNotSeparation() {
    UnpenalizedFit fit = UnpenalizedFitter.fit(overlapping(300, 100.0), 50);
    assertTrue(fit.perfectlyFittedRows() >= 1, "the outlier is fitted perfectly");
    assertTrue(fit.iterations() >= 2);
    assertFalse(fit.separated(), "overlapping classes reported separated");
    assertTrue(fit.converged());
  }

  /** A row without weight is not data: fitting it perfectly counts for nothing. */
  @Test
  void aPerfectlyFittedRowWithoutWeightIsNotCounted() {
    LogisticProblem base = overlapping(60, 100.0);
    double[] w = Generators.ones(60);
    w[59] = 0;
    int[] y = new int[60];
    for (int i = 0; i < 60; i++) {
      y[i] = base.classOf(i);
    }
    UnpenalizedFit fit = UnpenalizedFitter.fit(new LogisticProblem(base.design(), y, w, 2), 50);
    assertTrue(fit.converged());
    assertEquals(59, fit.observations());
    // the outlier (x = 100, class 1) is fitted with probability 1, but has no weight
    assertTrue(fit.probabilities(new double[] {100.0})[1] > 1 - 1e-10);
    assertEquals(0, fit.perfectlyFittedRows());
    assertFalse(fit.separated());
  }

  /**
   * Quasi-complete separation: x = 0 holds one row of each class and the sign of x
   * separates the rest. The separating direction leaves the two x = 0 rows' margins at
   * zero (up to rounding), which must still count as separation.
   */
  @Test
  void quasiCompleteSeparationIsReported() {
    double[][] x = {{-3}, {-2}, {-1}, {0}, {0}, {1}, {2}, {3}};
    int[] y = {0, 0, 0, 0, 1, 1, 1, 1};
    UnpenalizedFit fit = UnpenalizedFitter.fit(
        LogisticProblem.unweighted(DenseDesignMatrix.fromRows(x), y, 2), 100);
    assertTrue(fit.perfectlyFittedRows() > 0);
    assertTrue(fit.separated(), "quasi-complete separation not reported");
    assertFalse(fit.converged());
  }

  /**
   * A row without weight takes no part in the fit, even one so far out that its
   * standardised value overflows (its predictor is then NaN or infinite).
   */
  @Test
  void aWeightlessRowFarOutLeavesTheFitUnchanged() {
    int[] y = {0, 1, 0, 1, 1, 0, 0};
    SparseDesignMatrix.Builder with = new SparseDesignMatrix.Builder(7, 1);
    SparseDesignMatrix.Builder without = new SparseDesignMatrix.Builder(6, 1);
    for (int i = 0; i < 6; i++) {
      with.add(i, 0, 1e-3 * (i + 1));
      without.add(i, 0, 1e-3 * (i + 1));
    }
    with.add(6, 0, 1e308);
    UnpenalizedFit fit = UnpenalizedFitter.fit(new LogisticProblem(with.build(), y,
        new double[] {1, 1, 1, 1, 1, 1, 0}, 2), 50);
    UnpenalizedFit reference = UnpenalizedFitter.fit(LogisticProblem.unweighted(
        without.build(), java.util.Arrays.copyOf(y, 6), 2), 50);
    assertTrue(fit.converged());
    assertEquals(reference.deviance(), fit.deviance(), 1e-12 * reference.deviance());
    assertEquals(reference.nullDeviance(), fit.nullDeviance(),
        1e-12 * reference.nullDeviance());
    for (int c = 0; c < 2; c++) {
      double b = reference.coefficients()[0][c];
      assertEquals(b, fit.coefficients()[0][c], 1e-9 * Math.abs(b));
      double se = reference.standardErrors()[0][c];
      assertEquals(se, fit.standardErrors()[0][c], 1e-9 * se);
    }
    assertEquals(6, fit.observations());
    assertEquals(0, fit.perfectlyFittedRows());
  }

  /**
   * Quasi-complete separation where the rows at x = 0 (two of class 1, one of class 0) have
   * the overall odds 2: their log-odds stays at log 2 from the start, so the direction
   * moved (the end minus the start or an earlier point) leaves their margins at zero,
   * while the coefficients themselves would not.
   */
  @Test
  void quasiSeparationIsFoundFromTheDirectionMovedNotThePosition() {
    double[][] x = {{-2}, {-1}, {0}, {0}, {0}, {1}, {2}, {3}, {4}};
    int[] y = {0, 0, 0, 1, 1, 1, 1, 1, 1};
    UnpenalizedFit fit = UnpenalizedFitter.fit(
        LogisticProblem.unweighted(DenseDesignMatrix.fromRows(x), y, 2), 100);
    assertTrue(fit.perfectlyFittedRows() > 0);
    assertEquals(Math.log(2), fit.coefficients()[0][0], 1e-6, "the log-odds at x = 0");
    assertTrue(fit.separated(), "quasi-complete separation not reported");
    assertFalse(fit.converged());
  }

  /**
   * Two Newton steps are enough to test for separation: x = -1 (class 0) and x = 1
   * (class 1) with weight 1e4 each, and a light class-1 row at x = 50, fitted perfectly
   * once the slope passes about 0.5 (the first step takes it to about 1.8).
   */
  @Test
  void separationIsTestedAfterTwoSteps() {
    LogisticProblem problem = new LogisticProblem(DenseDesignMatrix.fromRows(
        new double[][] {{-1}, {1}, {50}}), new int[] {0, 1, 1}, new double[] {1e4, 1e4, 1}, 2);
    UnpenalizedFit fit = UnpenalizedFitter.fit(problem, 2);
    assertEquals(2, fit.iterations());
    assertTrue(fit.perfectlyFittedRows() > 0, "the far row is fitted perfectly");
    assertTrue(fit.separated(), "separation after two steps not reported");
    assertFalse(fit.converged());
  }

  /**
   * Separation is claimed only once some row is fitted perfectly: separable data stopped
   * after two steps, with every margin still small, is an unconverged fit, not a separated
   * one.
   */
  @Test
  void separationIsNotClaimedBeforeARowIsFittedPerfectly() {
    LogisticProblem problem = new LogisticProblem(DenseDesignMatrix.fromRows(
        new double[][] {{-1}, {1}}), new int[] {0, 1}, new double[] {1e4, 1e4}, 2);
    UnpenalizedFit fit = UnpenalizedFitter.fit(problem, 2);
    assertEquals(2, fit.iterations());
    assertEquals(0, fit.perfectlyFittedRows());
    assertFalse(fit.separated());
    assertFalse(fit.converged());
  }

  private static UnpenalizedFitter.Run run(LogisticProblem problem) {
    UnpenalizedFitter.Run run = new UnpenalizedFitter.Run(problem, new int[] {0, 1}, 2, 50);
    run.refresh();
    return run;
  }

  private static double dot(double[] a, double[] b) {
    double s = 0;
    for (int i = 0; i < a.length; i++) {
      s += a[i] * b[i];
    }
    return s;
  }

  /**
   * A singular Hessian gets the tiny ridge 1e-10 trace / dimension + MIN_NORMAL: the step
   * is finite, a descent direction, and solves the ridged system.
   */
  @Test
  void aSingularHessianGivesTheSlightlyRidgedNewtonStep() {
    UnpenalizedFitter.Run run = run(overlapping(20, Double.NaN));
    assertEquals(2, run.dimension);
    double[][] hessian = {{1, 1}, {1, 1}};
    double[] gradient = {1, -1};
    double[] step = run.newtonStep(new UnpenalizedFitter.Run.Derivatives(gradient, hessian));
    assertNotNull(step, "a singular Hessian must still give a step");
    double ridge = 1e-10 * 2 / 2 + Double.MIN_NORMAL;
    for (int s = 0; s < 2; s++) {
      double lhs = hessian[s][0] * step[0] + hessian[s][1] * step[1] + ridge * step[s];
      assertEquals(-gradient[s], lhs, 1e-6, "row " + s + " of the ridged system");
    }
    assertTrue(dot(step, gradient) < 0, "not a descent direction");
    // the gradient is orthogonal to the Hessian's range: the step is -gradient / ridge
    assertEquals(-1e10, step[0], 1e-6 * 1e10);
    assertEquals(1e10, step[1], 1e-6 * 1e10);

    // a zero Hessian: the ridge is MIN_NORMAL alone, and the step stays finite
    double[] zeroStep = run.newtonStep(new UnpenalizedFitter.Run.Derivatives(
        new double[] {1, 0}, new double[2][2]));
    assertNotNull(zeroStep);
    assertEquals(-1 / Double.MIN_NORMAL, zeroStep[0], 1e-12 / Double.MIN_NORMAL);
    assertTrue(Double.isFinite(zeroStep[0]));
    assertEquals(0.0, zeroStep[1], 0.0);
  }

  @Test
  void aPositiveDefiniteHessianGivesTheExactNewtonStep() {
    UnpenalizedFitter.Run run = run(overlapping(20, Double.NaN));
    // only the lower triangle is read
    double[][] hessian = {{2, Double.NaN}, {1, 3}};
    double[] step = run.newtonStep(new UnpenalizedFitter.Run.Derivatives(
        new double[] {1, 2}, hessian));
    // [[2, 1], [1, 3]] s = -(1, 2): s = (-0.2, -0.6)
    assertEquals(-0.2, step[0], 1e-15);
    assertEquals(-0.6, step[1], 1e-15);
  }

  @Test
  void theLineSearchRejectsAStepThatIsNotADescentDirection() {
    UnpenalizedFitter.Run run = run(overlapping(40, Double.NaN));
    double[] gradient = run.derivatives().gradient();
    double[] before = run.flatten();
    assertFalse(run.lineSearch(new double[2], gradient), "a zero step was accepted");
    assertFalse(run.lineSearch(gradient.clone(), gradient), "an ascent step was accepted");
    assertArrayEquals(before, run.flatten(), "a rejected step moved the coefficients");
  }

  /**
   * A step that really goes uphill, passed with a gradient that claims it descends, never
   * meets the sufficient decrease: after all halvings the search fails and leaves the
   * coefficients where they were.
   */
  @Test
  void theLineSearchFailsWhenNoStepLengthDecreasesTheLoss() {
    UnpenalizedFitter.Run run = run(overlapping(40, Double.NaN));
    double[] gradient = run.derivatives().gradient();
    double[] claimed = new double[gradient.length];
    for (int s = 0; s < gradient.length; s++) {
      claimed[s] = -gradient[s];
    }
    double[] before = run.flatten();
    assertFalse(run.lineSearch(gradient.clone(), claimed));
    assertArrayEquals(before, run.flatten());
  }

  /** The loss change of the step t * direction from the null-model start of a fresh run. */
  private static double lossChange(LogisticProblem problem, double[] direction, double t) {
    UnpenalizedFitter.Run run = run(problem);
    double start = run.loss();
    for (int c = 0; c < run.width; c++) {
      run.theta[0][c] = t * direction[c];
    }
    run.refresh();
    return run.loss() - start;
  }

  /**
   * The Armijo rule: a step length t is taken when the loss change is at most
   * 1e-4 t (gradient . step). With the gradient scaled so that the predicted change is
   * tiny, the full step must still be taken when it decreases the loss clearly.
   */
  @Test
  void theFullStepIsTakenWhenItMeetsTheSufficientDecrease() {
    LogisticProblem problem = overlapping(40, Double.NaN);
    UnpenalizedFitter.Run run = run(problem);
    UnpenalizedFitter.Run.Derivatives derivatives = run.derivatives();
    double[] step = run.newtonStep(derivatives);
    double change = lossChange(problem, step, 1);
    assertTrue(change < -1e-3, "the Newton step decreases the loss: " + change);
    double[] scaled = derivatives.gradient().clone();
    for (int s = 0; s < scaled.length; s++) {
      scaled[s] *= 1e-2;
    }
    double predicted = dot(scaled, step);
    assertTrue(change <= 1e-4 * predicted);
    assertTrue(run.lineSearch(step, scaled));
    assertArrayEquals(step, run.flatten(), "the full step was not taken");
  }

  /**
   * Three times the Newton step overshoots (the loss rises at t = 1); with the predicted
   * change chosen so that t = 1/2 meets 1e-4 t predicted with a factor of two to spare,
   * the search takes exactly half the step.
   */
  @Test
  void anOvershootingStepIsHalvedUntilItMeetsTheSufficientDecrease() {
    LogisticProblem problem = overlapping(40, Double.NaN);
    UnpenalizedFitter.Run run = run(problem);
    UnpenalizedFitter.Run.Derivatives derivatives = run.derivatives();
    double[] step = run.newtonStep(derivatives);
    for (int s = 0; s < step.length; s++) {
      step[s] *= 3;
    }
    double atOne = lossChange(problem, step, 1);
    double atHalf = lossChange(problem, step, 0.5);
    assertTrue(atHalf < 0 && atOne > atHalf, "t = 1: " + atOne + ", t = 1/2: " + atHalf);
    double predicted = atHalf / 1e-4;
    double[] gradient = derivatives.gradient().clone();
    double factor = predicted / dot(gradient, step);
    for (int s = 0; s < gradient.length; s++) {
      gradient[s] *= factor;
    }
    assertTrue(run.lineSearch(step, gradient));
    double[] theta = run.flatten();
    for (int s = 0; s < step.length; s++) {
      assertEquals(0.5 * step[s], theta[s], 1e-12 * Math.abs(step[s]), "half the step");
    }
  }

  @Test
  void aSingularInformationMatrixHasUndefinedCovariance() {
    UnpenalizedFitter.Run run = run(overlapping(20, Double.NaN));
    double[][] covariance = run.covariance(new double[][] {{1, 0}, {1, 1}});
    assertEquals(2, covariance.length);
    for (double[] row : covariance) {
      assertEquals(2, row.length);
      for (double v : row) {
        assertTrue(Double.isNaN(v), "covariance of a singular information matrix: " + v);
      }
    }
    double[][] regular = run.covariance(new double[][] {{2, 0}, {1, 3}});
    // inverse of [[2, 1], [1, 3]] = [[3, -1], [-1, 2]] / 5
    assertEquals(0.6, regular[0][0], 1e-15);
    assertEquals(-0.2, regular[1][0], 1e-15);
    assertEquals(0.4, regular[1][1], 1e-15);
  }
}
