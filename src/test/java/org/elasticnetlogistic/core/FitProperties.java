package org.elasticnetlogistic.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;

/** Optimality of the fits, checked by an independent implementation of the objective. */
class FitProperties {

  @Provide
  Arbitrary<SmallProblem> problems() {
    return Generators.problems();
  }

  @Provide
  Arbitrary<Double> alphas() {
    return Generators.alphas();
  }

  private static FitSettings pathSettings(double alpha) {
    return FitSettings.builder().alpha(alpha).folds(0).numLambdas(30).build();
  }

  @Property(tries = 150)
  void kktHoldsAtEverySolutionOfThePath(@ForAll("problems") SmallProblem generated,
      @ForAll("alphas") double alpha) {
    Statistics.label("classes").collect(generated.classes());
    Statistics.label("alpha").collect(alpha == 0 ? "0" : alpha == 1 ? "1" : "between");
    FitSettings settings = pathSettings(alpha);
    ElasticNetFit fit = ElasticNetFitter.fit(generated.problem(), settings,
        ProgressListener.NONE);
    ReferenceObjective reference = generated.reference();
    double tolerance = settings.control().tolerance();
    for (PathPoint point : fit.path().points()) {
      Coefficients c = point.coefficients();
      double[] intercepts = new double[c.rows()];
      double[][] slopes = new double[c.rows()][c.columns()];
      for (int r = 0; r < c.rows(); r++) {
        intercepts[r] = c.intercept(r);
        for (int j = 0; j < c.columns(); j++) {
          slopes[r][j] = c.coefficient(r, j);
        }
      }
      double violation = reference.kktViolation(intercepts, slopes, point.lambda(), alpha);
      assertTrue(point.converged(), "solver reports no convergence at " + point.lambda());
      assertTrue(violation <= 2 * tolerance, "KKT violation " + violation + " at lambda "
          + point.lambda() + " (alpha " + alpha + ")");
    }
  }

  @Provide
  Arbitrary<Double> positiveAlphas() {
    return Generators.alphas().filter(a -> a > 0);
  }

  /** For alpha = 0 (ridge) no lambda zeroes a coefficient; lambda_max is a convention. */
  @Property(tries = 150)
  void lambdaAtOrAboveLambdaMaxGivesAllZeroCoefficients(
      @ForAll("problems") SmallProblem generated, @ForAll("positiveAlphas") double alpha) {
    LogisticProblem problem = generated.problem();
    double lambdaMax = ElasticNetFitter.fit(problem, pathSettings(alpha),
        ProgressListener.NONE).path().lambdaMax();
    for (double factor : new double[] {1.0, 1.5, 10}) {
      FitSettings fixed = FitSettings.builder().alpha(alpha).lambda(lambdaMax * factor)
          .build();
      Coefficients c = ElasticNetFitter.fit(problem, fixed, ProgressListener.NONE)
          .selected().coefficients();
      assertEquals(0, c.nonZeroCoefficients(), "non-zero coefficients at "
          + factor + " * lambda_max");
    }
  }
}
