package org.elasticnetlogistic.core;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The fitter's orchestration on fixed small problems: which path it solves (the default
 * lambda-min ratio, the null path, the short path to a fixed lambda), what it reports at
 * the null point, which lambda it selects without cross-validation, and the classifiers it
 * fits along given lambdas for cross-validation folds. Solutions are checked against the
 * independent {@link ReferenceObjective}.
 */
class OrchestrationFitterTest {

  /** The KKT violation a converged fit may show under the reference (tolerance 1e-8). */
  private static final double KKT = 1e-6;

  /** n rows of p standard normal columns, classes from a logistic model on the first two. */
  static GeneratedProblem binomial(int n, int p, long seed) {
    Random random = new Random(seed);
    double[][] x = new double[n][p];
    int[] y = new int[n];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < p; j++) {
        x[i][j] = random.nextGaussian();
      }
      double eta = 1.5 * x[i][0] - x[i][1 % p];
      y[i] = random.nextDouble() < 1 / (1 + Math.exp(-eta)) ? 1 : 0;
    }
    // both classes occur
    y[0] = 0;
    y[1] = 1;
    return new GeneratedProblem(x, y, Generators.ones(n), 2, false);
  }

  private static FitSettings.Builder settings() {
    return FitSettings.builder().folds(0).threads(1);
  }

  /** The point's KKT violation under the reference, with penalty factors (null: none). */
  static double kkt(GeneratedProblem generated, PathPoint point, double alpha,
      double[] factors) {
    Coefficients c = point.coefficients();
    return generated.reference().kktViolation(FitProperties.intercepts(c),
        FitProperties.slopes(c), point.lambda(),
        new ReferenceObjective.Options(alpha, factors, null, null, false, true, true));
  }

  @Test
  void withoutCrossValidationTheSmallestLambdaOfThePathIsSelected() {
    GeneratedProblem generated = binomial(30, 4, 1);
    ElasticNetFit fit = ElasticNetFitter.fit(generated.problem(),
        settings().numLambdas(8).build(), ProgressListener.NONE);
    RegularizationPath path = fit.path();
    assertEquals(ElasticNetFit.LambdaChoice.SMALLEST_ON_PATH, fit.lambdaChoice());
    assertEquals(path.size() - 1, fit.selectedIndex());
    double[] lambdas = path.lambdas();
    assertEquals(lambdas[lambdas.length - 1], fit.lambda());
  }

  /** Leave-one-out: as many folds as rows with weight is allowed (one more is not). */
  @Test
  void asManyFoldsAsRowsWithWeightIsLeaveOneOut() {
    GeneratedProblem generated = binomial(12, 2, 2);
    ElasticNetFit fit = ElasticNetFitter.fit(generated.problem(),
        settings().numLambdas(4).folds(12).build(), ProgressListener.NONE);
    assertEquals(ElasticNetFit.LambdaChoice.CROSS_VALIDATION, fit.lambdaChoice());
    assertTrue(fit.crossValidation().isPresent());
  }

  /**
   * glmnet's default lambda-min ratio: 1e-2 when there are fewer rows (with weight) than
   * columns, 1e-4 otherwise, so also when they are equal. Two lambdas, so no early stop.
   */
  @Test
  void theDefaultRatioIsSmallOnlyWhenRowsAreFewerThanColumns() {
    double[] square = ElasticNetFitter.fit(binomial(6, 6, 3).problem(),
        settings().numLambdas(2).build(), ProgressListener.NONE).path().lambdas();
    assertEquals(2, square.length);
    assertEquals(1e-4, square[1] / square[0], 1e-12);
    double[] wide = ElasticNetFitter.fit(binomial(6, 7, 3).problem(),
        settings().numLambdas(2).build(), ProgressListener.NONE).path().lambdas();
    assertEquals(2, wide.length);
    assertEquals(1e-2, wide[1] / wide[0], 1e-12);
  }

  /**
   * When no column can enter (every column constant) lambda_max is zero and the path is the
   * intercept-only fit alone, at lambda 0, announced once.
   */
  @Test
  void withLambdaMaxZeroThePathIsTheNullModelAlone() {
    double[][] x = new double[10][2];
    int[] y = new int[10];
    for (int i = 0; i < 10; i++) {
      x[i][0] = 1;
      x[i][1] = -2;
      y[i] = i % 3 == 0 ? 1 : 0;
    }
    List<Integer> heard = new ArrayList<>();
    ProgressListener listener = new ProgressListener() {
      @Override
      public void pathPoint(int index, PathPoint point) {
        heard.add(index);
      }
    };
    ElasticNetFit fit = ElasticNetFitter.fit(
        LogisticProblem.unweighted(DenseDesignMatrix.fromRows(x), y, 2),
        settings().numLambdas(10).build(), listener);
    RegularizationPath path = fit.path();
    assertEquals(0.0, path.lambdaMax());
    assertEquals(1, path.size());
    assertEquals(0.0, path.point(0).lambda());
    assertEquals(List.of(0), heard);
    assertEquals(0, path.point(0).nonZeroColumns());
    assertEquals(Math.log(4.0 / 6.0), path.point(0).coefficients().intercept(0), 1e-12);
    assertEquals(0.0, path.point(0).devianceRatio(), 1e-12);
  }

  /**
   * At and above lambda_max the lasso's solution is the start state (here the intercept and
   * the unpenalised column 2), reported with the deviance it explains: 1 - deviance / null
   * deviance, positive because the unpenalised column carries signal.
   */
  @Test
  void aFixedLambdaAboveLambdaMaxGivesTheStartStateWithItsDevianceRatio() {
    GeneratedProblem generated = binomial(40, 3, 4);
    double[] factors = {1, 1, 0};
    // column 2 carries signal (the classes overlap on it)
    for (int i = 0; i < 40; i++) {
      generated.x()[i][2] += generated.y()[i] == 1 ? 0.8 : -0.8;
    }
    double lambdaMax = ElasticNetFitter.fit(generated.problem(),
        settings().penaltyFactors(factors).numLambdas(1).build(), ProgressListener.NONE)
        .path().lambdaMax();
    ElasticNetFit fit = ElasticNetFitter.fit(generated.problem(),
        settings().penaltyFactors(factors).lambda(2 * lambdaMax).build(),
        ProgressListener.NONE);
    PathPoint point = fit.selected();
    assertEquals(2 * lambdaMax, point.lambda());
    assertEquals(0.0, point.coefficients().coefficient(0, 0));
    assertEquals(0.0, point.coefficients().coefficient(0, 1));
    assertNotEquals(0.0, point.coefficients().coefficient(0, 2));
    assertEquals(1, point.nonZeroColumns());
    double nullDeviance = fit.path().nullDeviance();
    assertEquals(1 - point.deviance() / nullDeviance, point.devianceRatio(), 1e-12);
    assertTrue(point.devianceRatio() > 0.1, "ratio " + point.devianceRatio());
    assertTrue(kkt(generated, point, 1.0, factors) <= KKT);
  }

  /** Pure ridge never zeroes the coefficients, however large lambda is. */
  @Test
  void ridgeAboveLambdaMaxStillHasNonZeroCoefficients() {
    GeneratedProblem generated = binomial(30, 3, 5);
    double lambdaMax = ElasticNetFitter.fit(generated.problem(),
        settings().alpha(0).numLambdas(1).build(), ProgressListener.NONE).path().lambdaMax();
    for (double lambda : new double[] {lambdaMax, 3 * lambdaMax}) {
      ElasticNetFit fit = ElasticNetFitter.fit(generated.problem(),
          settings().alpha(0).lambda(lambda).build(), ProgressListener.NONE);
      PathPoint point = fit.selected();
      assertEquals(3, point.nonZeroColumns(), "lambda " + lambda);
      assertTrue(kkt(generated, point, 0.0, null) <= KKT);
    }
  }

  /** Exactly at lambda_max the lasso solution is the intercept-only fit, found with no solve. */
  @Test
  void theLassoAtLambdaMaxIsTheNullModelWithoutASolve() {
    GeneratedProblem generated = binomial(30, 3, 6);
    double lambdaMax = ElasticNetFitter.fit(generated.problem(),
        settings().numLambdas(1).build(), ProgressListener.NONE).path().lambdaMax();
    PathPoint point = ElasticNetFitter.fit(generated.problem(),
        settings().lambda(lambdaMax).build(), ProgressListener.NONE).selected();
    assertEquals(0, point.nonZeroColumns());
    assertEquals(0, point.iterations());
    assertEquals(0, point.sweeps());
    assertTrue(point.converged());
    assertEquals(0.0, point.devianceRatio(), 1e-12);
  }

  /** Below lambda_max a fixed lambda is solved (along the short path) to its optimum. */
  @Test
  void aFixedLambdaBelowLambdaMaxIsSolved() {
    GeneratedProblem generated = binomial(30, 3, 9);
    double lambda = 0.2 * generated.reference().lambdaMax(1.0);
    PathPoint point = ElasticNetFitter.fit(generated.problem(), settings().lambda(lambda)
        .build(), ProgressListener.NONE).selected();
    assertEquals(lambda, point.lambda());
    assertTrue(point.nonZeroColumns() > 0);
    assertTrue(point.iterations() > 0);
    assertTrue(kkt(generated, point, 1.0, null) <= KKT);
  }

  /** A fold's classifiers solve each given lambda (binomial: two modelled classes). */
  @Test
  void classifiersAlongSolveEveryGivenLambda() {
    GeneratedProblem generated = binomial(30, 4, 7);
    double lambdaMax = generated.reference().lambdaMax(0.5);
    double[] lambdas = {lambdaMax, 0.3 * lambdaMax, 0.05 * lambdaMax};
    FitSettings settings = settings().alpha(0.5).build();
    List<LinearClassifier> models = ElasticNetFitter.classifiersAlong(generated.problem(),
        settings, lambdas);
    assertEquals(3, models.size());
    for (int k = 0; k < 3; k++) {
      Coefficients c = models.get(k).coefficients();
      PathPoint asPoint = new PathPoint(lambdas[k], c, c.nonZeroColumns(), 0, 0, 0, 0, 0,
          true);
      assertTrue(kkt(generated, asPoint, 0.5, null) <= KKT, "lambda " + k);
      assertArrayEquals(new int[] {0, 1}, models.get(k).modelledClasses());
    }
    assertTrue(models.get(2).coefficients().nonZeroColumns() > 0);
  }

  /** With one class of positive weight every lambda gets the constant model of that class. */
  @Test
  void classifiersAlongAProblemWithOneClassAreConstant() {
    GeneratedProblem generated = binomial(20, 3, 8);
    double[] w = new double[20];
    for (int i = 0; i < 20; i++) {
      w[i] = generated.y()[i] == 1 ? 1.0 : 0.0;
    }
    LogisticProblem problem = new LogisticProblem(generated.design(), generated.y(), w, 2);
    double[] lambdas = {0.5, 0.1, 0.01, 0.001};
    List<LinearClassifier> models = ElasticNetFitter.classifiersAlong(problem,
        settings().build(), lambdas);
    assertEquals(4, models.size());
    for (LinearClassifier model : models) {
      assertArrayEquals(new int[] {1}, model.modelledClasses());
      double[] p = model.probabilities(generated.x()[0]);
      assertEquals(0.0, p[0]);
      assertEquals(1.0, p[1]);
    }
  }

  /** n lambdas from lambda_max down to ratio * lambda_max, evenly spaced in log scale. */
  @Test
  void theGeometricSequenceRunsFromLambdaMaxToItsRatio() {
    double[] lambdas = ElasticNetFitter.geometric(8.0, 1e-2, 5);
    assertEquals(5, lambdas.length);
    assertEquals(8.0, lambdas[0]);
    for (int k = 1; k < 5; k++) {
      assertEquals(Math.pow(1e-2, 0.25), lambdas[k] / lambdas[k - 1], 1e-12);
    }
    assertEquals(0.08, lambdas[4], 1e-14);
    assertArrayEquals(new double[] {3.0}, ElasticNetFitter.geometric(3.0, 1e-4, 1));
  }

  /**
   * The short path to a fixed lambda: SHORT_PATH_LAMBDAS_PER_DECADE lambdas per decade below
   * lambda_max, evenly spaced in log scale, ending exactly at the target; ridge goes straight
   * to the target.
   */
  @Test
  void theShortPathTakesFiveLambdasPerDecadeDownToTheTarget() {
    double[] lambdas = ElasticNetFitter.shortPath(50.0, 0.5, 0.7);
    assertEquals(10, lambdas.length); // two decades
    double step = Math.pow(10, -1.0 / ElasticNetFitter.SHORT_PATH_LAMBDAS_PER_DECADE);
    assertEquals(50.0 * step, lambdas[0], 1e-12);
    for (int k = 1; k < lambdas.length; k++) {
      assertEquals(step, lambdas[k] / lambdas[k - 1], 1e-12);
    }
    assertEquals(0.5, lambdas[9]);
    // a fraction of a decade still takes a step; a target at lambda_max is one step
    double[] third = ElasticNetFitter.shortPath(1.0, Math.pow(10, -0.3), 1.0);
    assertEquals(2, third.length);
    assertEquals(Math.pow(10, -0.15), third[0], 1e-12);
    assertArrayEquals(new double[] {2.0}, ElasticNetFitter.shortPath(2.0, 2.0, 1.0));
    assertArrayEquals(new double[] {0.5}, ElasticNetFitter.shortPath(50.0, 0.5, 0.0));
  }
}
