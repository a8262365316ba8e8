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

  /**
   * Each fold is measured on its own rows by the path fitted to all the other rows, and
   * the folds combine into the curve: an oracle that picks each fold's training and
   * held-out rows from the fold assignment, fits the training rows along the same lambdas
   * and measures the deviance of the held-out rows, rebuilt from the raw data. The progress
   * listener hears of each fold once, from
   * daemon threads when the folds run in parallel (a pool must not keep the JVM alive).
   */
  @Property(tries = 40)
  void eachFoldIsMeasuredOnItsRowsByAFitOfTheOthers(
      @ForAll @SmallProblem GeneratedProblem generated, @ForAll @Alpha double alpha,
      @ForAll @IntRange(min = 2, max = 4) int folds, @ForAll long seed,
      @ForAll @IntRange(min = 1, max = 2) int threads) {
    FitSettings settings = settings(alpha, FitSettings.Measure.DEVIANCE,
        FitSettings.Selection.MIN, folds, seed, threads);
    LogisticProblem problem = generated.problem();
    double[] lambdas = ElasticNetFitter.fit(problem, settings, ProgressListener.NONE).path()
        .lambdas();
    java.util.Map<Integer, Integer> heard = new java.util.concurrent.ConcurrentHashMap<>();
    java.util.List<String> complaints = new java.util.concurrent.CopyOnWriteArrayList<>();
    ProgressListener listener = new ProgressListener() {
      @Override
      public void foldFinished(int fold, int count) {
        heard.merge(fold, 1, Integer::sum);
        if (count != folds) {
          complaints.add("told of " + count + " folds");
        }
        if (threads > 1 && !Thread.currentThread().isDaemon()) {
          complaints.add("fold " + fold + " ran on a non-daemon thread");
        }
      }
    };
    CrossValidationResult cv = CrossValidation.run(problem, settings, lambdas, listener);
    assertTrue(complaints.isEmpty(), complaints.toString());
    for (int f = 0; f < folds; f++) {
      assertEquals(1, heard.getOrDefault(f, 0), "fold " + f + " reported");
    }
    assertEquals(folds, heard.size(), "folds reported: " + heard.keySet());

    int[] foldOf = CrossValidation.stratifiedFolds(problem, folds, seed);
    java.util.List<CrossValidation.FoldScore> scores = new java.util.ArrayList<>();
    for (int f = 0; f < folds; f++) {
      final int fold = f;
      int[] train = java.util.stream.IntStream.range(0, foldOf.length)
          .filter(i -> foldOf[i] != fold).toArray();
      int[] test = java.util.stream.IntStream.range(0, foldOf.length)
          .filter(i -> foldOf[i] == fold).toArray();
      GeneratedProblem heldOut = generated.withRowsInOrder(test);
      // the training rows as the fit selects them: a problem rebuilt from the raw rows is
      // the same problem, but near separation its fit may differ within the tolerance by
      // more than a held-out deviance can absorb
      java.util.List<LinearClassifier> models = ElasticNetFitter.classifiersAlong(
          problem.selectRows(train), settings, lambdas);
      double[] values = new double[lambdas.length];
      for (int k = 0; k < lambdas.length; k++) {
        double[][] p = models.get(k).probabilities(heldOut.problem().design());
        values[k] = CrossValidation.measure(FitSettings.Measure.DEVIANCE, p, heldOut.y(),
            heldOut.weights(), generated.classes());
      }
      scores.add(new CrossValidation.FoldScore(values, heldOut.totalWeight()));
    }
    CrossValidationResult expected = CrossValidation.combine(FitSettings.Measure.DEVIANCE,
        folds, lambdas, scores);
    for (int k = 0; k < lambdas.length; k++) {
      // the held-out rows' stored values round differently in the two designs
      assertEquals(expected.mean()[k], cv.mean()[k], 1e-9 * (1 + expected.mean()[k]),
          "mean deviance at lambda " + k);
      assertEquals(expected.standardError()[k], cv.standardError()[k],
          1e-9 * (1 + expected.mean()[k]), "its standard error");
    }
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
