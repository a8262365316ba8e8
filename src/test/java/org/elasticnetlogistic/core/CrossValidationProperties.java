package org.elasticnetlogistic.core;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.statistics.Statistics;

/**
 * Cross-validation (ALGORITHM.md): the curve lies on the path's lambdas, its values are in
 * the measure's range, min and 1se pick from the curve as glmnet's rules say, and the
 * answer depends on the seed only, not on the number of threads.
 */
class CrossValidationProperties {

  private static FitSettings settings(double alpha, FitSettings.Measure measure,
      FitSettings.Selection selection, int folds, long seed, int threads) {
    return FitSettings.builder().alpha(alpha).numLambdas(12).folds(folds).measure(measure)
        .selection(selection).seed(seed).threads(threads).build();
  }

  @Property(tries = 100)
  void lambdaIsChosenFromTheCurveByGlmnetsRules(
      @ForAll @SmallProblem GeneratedProblem generated, @ForAll @Alpha double alpha,
      @ForAll FitSettings.Measure measure, @ForAll FitSettings.Selection selection,
      @ForAll @IntRange(min = 2, max = 5) int folds, @ForAll long seed) {
    Generators.coverProblems(generated);
    Statistics.label("measure").collect(measure);
    ElasticNetFit fit = ElasticNetFitter.fit(generated.problem(),
        settings(alpha, measure, selection, folds, seed, 1), ProgressListener.NONE);
    CrossValidationResult cv = fit.crossValidation().orElseThrow();
    assertEquals(ElasticNetFit.LambdaChoice.CROSS_VALIDATION, fit.lambdaChoice());
    assertEquals(measure, cv.measure());
    assertEquals(folds, cv.folds());
    assertArrayEquals(fit.path().lambdas(), cv.lambdas());
    double[] mean = cv.mean();
    double[] se = cv.standardError();
    assertEquals(cv.size(), mean.length);
    for (int k = 0; k < mean.length; k++) {
      assertEquals(fit.path().lambdas()[k], cv.lambda(k));
      assertTrue(se[k] >= 0, "standard error " + se[k]);
      if (measure == FitSettings.Measure.DEVIANCE) {
        assertTrue(mean[k] >= 0, "deviance " + mean[k]);
      } else {
        assertTrue(mean[k] >= 0 && mean[k] <= 1, measure + " " + mean[k]);
      }
    }
    boolean higher = measure.higherIsBetter();
    int best = 0;
    for (int k = 1; k < mean.length; k++) {
      if (higher ? mean[k] > mean[best] : mean[k] < mean[best]) {
        best = k;
      }
    }
    assertEquals(best, cv.indexMin(), "the best mean, the largest lambda among ties");
    int oneSe = best;
    for (int k = best; k >= 0; k--) {
      boolean within = higher ? mean[k] >= mean[best] - se[best]
          : mean[k] <= mean[best] + se[best];
      if (within) {
        oneSe = k;
      }
    }
    assertEquals(oneSe, cv.indexOneSe(), "the largest lambda within one standard error");
    assertTrue(cv.indexOneSe() <= cv.indexMin());
    assertEquals(cv.selectedIndex(selection), fit.selectedIndex());
    assertEquals(fit.path().lambdas()[fit.selectedIndex()], fit.lambda());
  }

  @Property(tries = 40)
  void crossValidationIsTheSameForAnyThreadCountAndRepeatsFromItsSeed(
      @ForAll @SmallProblem GeneratedProblem generated, @ForAll @Alpha double alpha,
      @ForAll FitSettings.Measure measure, @ForAll long seed) {
    // too few tries for the coverage checks; the regimes are still reported
    Statistics.label("classes").collect(generated.classes() == 2 ? "K = 2" : "K > 2");
    double[][] means = new double[3][];
    int[] threads = {1, 2, 1};
    for (int run = 0; run < 3; run++) {
      means[run] = ElasticNetFitter.fit(generated.problem(), settings(alpha, measure,
          FitSettings.Selection.MIN, 3, seed, threads[run]), ProgressListener.NONE)
          .crossValidation().orElseThrow().mean();
    }
    assertArrayEquals(means[0], means[1], 0.0, "one thread against two");
    assertArrayEquals(means[0], means[2], 0.0, "the same seed twice");
  }
}
