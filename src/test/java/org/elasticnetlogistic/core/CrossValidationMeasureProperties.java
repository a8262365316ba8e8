package org.elasticnetlogistic.core;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.statistics.Statistics;

/**
 * The pieces of cross-validation against plain definitions: the stratified fold deal, the
 * three held-out measures (deviance with glmnet's clipping, misclassification, AUC by
 * counting every pair), and glmnet's fold-weighted mean and standard error.
 */
class CrossValidationMeasureProperties {

  /** Held-out predictions: rows of class probabilities, true classes and weights. */
  record HeldOut(double[][] probabilities, int[] classes, double[] weights, int numClasses) {
  }

  /**
   * Probabilities on a coarse grid (so that ties between rows occur), some at 0 and 1 to
   * reach the deviance's clipping; unit or random weights.
   */
  @Provide
  Arbitrary<HeldOut> heldOut() {
    Arbitrary<Integer> numClasses = Arbitraries.integers().between(2, 4);
    Arbitrary<Integer> rows = Arbitraries.integers().between(1, 30);
    return Combinators.combine(numClasses, rows, Arbitraries.of(false, true))
        .flatAs((k, n, weighted) -> {
          Arbitrary<double[][]> scores = Arbitraries.of(0.0, 0.0, 1.0, 2.0, 3.0, 5.0)
              .array(double[].class).ofSize(k).filter(s -> sum(s) > 0)
              .array(double[][].class).ofSize(n);
          Arbitrary<int[]> classes = Arbitraries.integers().between(0, k - 1)
              .array(int[].class).ofSize(n);
          Arbitrary<double[]> weights = weighted
              ? Arbitraries.of(0.0, 0.5, 1.0, 2.5).array(double[].class).ofSize(n)
              : Arbitraries.just(Generators.ones(n));
          return Combinators.combine(scores, classes, weights)
              .as((s, y, w) -> new HeldOut(normalised(s), y, w, k));
        });
  }

  private static double sum(double[] values) {
    double total = 0;
    for (double v : values) {
      total += v;
    }
    return total;
  }

  private static double[][] normalised(double[][] scores) {
    double[][] out = new double[scores.length][];
    for (int i = 0; i < scores.length; i++) {
      double total = sum(scores[i]);
      out[i] = new double[scores[i].length];
      for (int k = 0; k < scores[i].length; k++) {
        out[i][k] = scores[i][k] / total;
      }
    }
    return out;
  }

  private static double totalWeight(HeldOut h) {
    return sum(h.weights());
  }

  @Property(tries = 200)
  void devianceIsTheWeightedMeanOfClippedMinusTwoLogLikelihood(
      @ForAll("heldOut") HeldOut h) {
    double total = totalWeight(h);
    double expected = 0;
    for (int i = 0; i < h.classes().length; i++) {
      double p = h.probabilities()[i][h.classes()[i]];
      p = p < 1e-5 ? 1e-5 : p > 1 - 1e-5 ? 1 - 1e-5 : p;
      expected += h.weights()[i] * -2 * Math.log(p) / total;
    }
    double actual = CrossValidation.deviance(h.probabilities(), h.classes(), h.weights());
    if (total == 0) {
      assertTrue(Double.isNaN(actual), "no weight, deviance " + actual);
    } else {
      assertEquals(expected, actual, 1e-12 * (1 + expected));
    }
  }

  @Property(tries = 200)
  void misclassificationIsTheWeightedShareOfWrongFirstMaxima(@ForAll("heldOut") HeldOut h) {
    double total = totalWeight(h);
    double wrong = 0;
    for (int i = 0; i < h.classes().length; i++) {
      double[] p = h.probabilities()[i];
      int predicted = 0;
      for (int k = 0; k < p.length; k++) {
        // the first of tied maxima is the prediction
        predicted = p[k] > p[predicted] ? k : predicted;
      }
      wrong += predicted == h.classes()[i] ? 0 : h.weights()[i];
    }
    double actual = CrossValidation.misclassification(h.probabilities(), h.classes(),
        h.weights());
    if (total == 0) {
      assertTrue(Double.isNaN(actual));
    } else {
      assertEquals(wrong / total, actual, 1e-12);
    }
  }

  /** The weighted share of (positive, negative) pairs ranked right, ties one half. */
  private static double pairCountingAuc(double[] score, boolean[] positive, double[] w) {
    double pairs = 0;
    double right = 0;
    for (int a = 0; a < score.length; a++) {
      for (int b = 0; b < score.length; b++) {
        if (positive[a] && !positive[b]) {
          double pairWeight = w[a] * w[b];
          pairs += pairWeight;
          right += score[a] > score[b] ? pairWeight : score[a] == score[b]
              ? 0.5 * pairWeight : 0;
        }
      }
    }
    return pairs > 0 ? right / pairs : Double.NaN;
  }

  /**
   * AUC: two classes, of class 1's probability; more, the one-against-rest AUCs averaged
   * with the classes' weights over the classes that have both outcomes; NaN without any.
   */
  @Property(tries = 300)
  void aucCountsEveryPairOfPositiveAndNegativeRows(@ForAll("heldOut") HeldOut h) {
    int n = h.classes().length;
    double expected;
    if (h.numClasses() == 2) {
      double[] score = new double[n];
      boolean[] positive = new boolean[n];
      for (int i = 0; i < n; i++) {
        score[i] = h.probabilities()[i][1];
        positive[i] = h.classes()[i] == 1;
      }
      expected = pairCountingAuc(score, positive, h.weights());
    } else {
      double sum = 0;
      double total = 0;
      for (int c = 0; c < h.numClasses(); c++) {
        double[] score = new double[n];
        boolean[] positive = new boolean[n];
        double classWeight = 0;
        for (int i = 0; i < n; i++) {
          score[i] = h.probabilities()[i][c];
          positive[i] = h.classes()[i] == c;
          classWeight += positive[i] ? h.weights()[i] : 0;
        }
        double value = pairCountingAuc(score, positive, h.weights());
        if (!Double.isNaN(value)) {
          sum += classWeight * value;
          total += classWeight;
        }
      }
      expected = total > 0 ? sum / total : Double.NaN;
    }
    double actual = CrossValidation.auc(h.probabilities(), h.classes(), h.weights(),
        h.numClasses());
    Statistics.label("auc").collect(Double.isNaN(expected) ? "undefined"
        : h.numClasses() == 2 ? "binary" : "one against rest");
    if (Double.isNaN(expected)) {
      assertTrue(Double.isNaN(actual), "expected NaN, got " + actual);
    } else {
      assertEquals(expected, actual, 1e-12);
    }
    assertEquals(CrossValidation.measure(FitSettings.Measure.AUC, h.probabilities(),
        h.classes(), h.weights(), h.numClasses()), actual, 0.0);
  }

  /**
   * glmnet's cvm and cvsd: the fold-weighted mean of the defined fold values, and
   * sqrt(sum_f w_f (v_f - mean)^2 / sum_f w_f / (defined folds - 1)); NaN where no fold
   * is defined, and NaN error with one defined fold.
   */
  @Property(tries = 200)
  void foldValuesCombineIntoGlmnetsMeanAndStandardError(
      @ForAll("foldValues") List<double[]> values, @ForAll("foldWeights") double[] weights) {
    int lambdas = values.get(0).length;
    List<CrossValidation.FoldScore> scores = new ArrayList<>();
    for (int f = 0; f < values.size(); f++) {
      scores.add(new CrossValidation.FoldScore(values.get(f), weights[f % weights.length]));
    }
    double[] grid = new double[lambdas];
    for (int k = 0; k < lambdas; k++) {
      grid[k] = Math.pow(0.5, k);
    }
    CrossValidationResult result = CrossValidation.combine(FitSettings.Measure.DEVIANCE,
        values.size(), grid, scores);
    assertArrayEquals(grid, result.lambdas(), 0.0);
    for (int k = 0; k < lambdas; k++) {
      double weightSum = 0;
      double sum = 0;
      int defined = 0;
      for (CrossValidation.FoldScore s : scores) {
        double v = s.values()[k];
        if (!Double.isNaN(v) && s.weight() > 0) {
          weightSum += s.weight();
          sum += s.weight() * v;
          defined++;
        }
      }
      double mean = result.mean()[k];
      double error = result.standardError()[k];
      if (defined == 0) {
        assertTrue(Double.isNaN(mean) && Double.isNaN(error));
        continue;
      }
      assertEquals(sum / weightSum, mean, 1e-12 * (1 + Math.abs(mean)));
      double squares = 0;
      for (CrossValidation.FoldScore s : scores) {
        double v = s.values()[k];
        if (!Double.isNaN(v) && s.weight() > 0) {
          squares += s.weight() * (v - mean) * (v - mean);
        }
      }
      if (defined == 1) {
        assertTrue(Double.isNaN(error), "one fold, error " + error);
      } else {
        assertEquals(Math.sqrt(squares / weightSum / (defined - 1)), error, 1e-12);
      }
    }
  }

  @Provide
  Arbitrary<List<double[]>> foldValues() {
    return Arbitraries.integers().between(1, 6).flatMap(lambdas ->
        Arbitraries.of(Double.NaN, 0.0, 0.25, 1.0, 1.5, 3.0).array(double[].class)
            .ofSize(lambdas).list().ofMinSize(1).ofMaxSize(6));
  }

  @Provide
  Arbitrary<double[]> foldWeights() {
    return Arbitraries.of(0.0, 1.0, 2.0, 3.5).array(double[].class).ofMinSize(1)
        .ofMaxSize(6);
  }

  /**
   * The deal gives every fold its share of each class, within one row (the deal continues
   * from class to class, so the fold sizes also differ by at most one), and depends only on
   * the seed.
   */
  @Property(tries = 150)
  void foldsAreStratifiedAndBalanced(@ForAll @SmallProblem GeneratedProblem generated,
      @ForAll @IntRange(min = 2, max = 10) int folds, @ForAll long seed) {
    LogisticProblem problem = generated.problem();
    int[] foldOf = CrossValidation.stratifiedFolds(problem, folds, seed);
    assertArrayEquals(foldOf, CrossValidation.stratifiedFolds(problem, folds, seed));
    int[] size = new int[folds];
    int[][] perClass = new int[generated.classes()][folds];
    int[] classTotal = new int[generated.classes()];
    for (int i = 0; i < foldOf.length; i++) {
      assertTrue(foldOf[i] >= 0 && foldOf[i] < folds, "fold " + foldOf[i]);
      size[foldOf[i]]++;
      perClass[generated.y()[i]][foldOf[i]]++;
      classTotal[generated.y()[i]]++;
    }
    assertTrue(spread(size) <= 1, "fold sizes " + java.util.Arrays.toString(size));
    for (int c = 0; c < generated.classes(); c++) {
      assertTrue(spread(perClass[c]) <= 1, "class " + c + " per fold "
          + java.util.Arrays.toString(perClass[c]));
    }
  }

  private static int spread(int[] counts) {
    int min = Integer.MAX_VALUE;
    int max = Integer.MIN_VALUE;
    for (int c : counts) {
      min = Math.min(min, c);
      max = Math.max(max, c);
    }
    return max - min;
  }

  /**
   * min picks the best defined mean (the largest lambda, the first index, among ties); 1se
   * the largest lambda whose mean is within one standard error of it (an undefined error
   * counts as zero); undefined means are never picked unless all are.
   */
  @Property(tries = 300)
  void selectionSkipsUndefinedMeansAndFollowsGlmnetsRules(
      @ForAll("curves") double[] mean, @ForAll("curves") double[] errorDraw,
      @ForAll FitSettings.Measure measure) {
    double[] error = new double[mean.length];
    for (int k = 0; k < mean.length; k++) {
      error[k] = Math.abs(errorDraw[k % errorDraw.length]) / 4;
    }
    double[] lambdas = new double[mean.length];
    for (int k = 0; k < mean.length; k++) {
      lambdas[k] = Math.pow(0.5, k);
    }
    CrossValidationResult result = new CrossValidationResult(measure, 3, lambdas, mean,
        error);
    boolean higher = measure.higherIsBetter();
    int best = -1;
    for (int k = 0; k < mean.length; k++) {
      if (!Double.isNaN(mean[k]) && (best < 0 || (higher ? mean[k] > mean[best]
          : mean[k] < mean[best]))) {
        best = k;
      }
    }
    Statistics.label("all undefined").collect(best < 0);
    best = Math.max(best, 0);
    assertEquals(best, result.indexMin());
    double se = Double.isNaN(error[best]) ? 0 : error[best];
    int oneSe = best;
    for (int k = best; k >= 0; k--) {
      if (!Double.isNaN(mean[k]) && (higher ? mean[k] >= mean[best] - se
          : mean[k] <= mean[best] + se)) {
        oneSe = k;
      }
    }
    assertEquals(oneSe, result.indexOneSe());
    assertEquals(best, result.selectedIndex(FitSettings.Selection.MIN));
    assertEquals(oneSe, result.selectedIndex(FitSettings.Selection.ONE_SE));
    assertEquals(mean.length, result.size());
    assertEquals(measure, result.measure());
    assertEquals(3, result.folds());
  }

  @Provide
  Arbitrary<double[]> curves() {
    return Arbitraries.of(Double.NaN, 0.1, 0.2, 0.25, 0.3, 0.5, 0.8).array(double[].class)
        .ofMinSize(1).ofMaxSize(8);
  }
}
