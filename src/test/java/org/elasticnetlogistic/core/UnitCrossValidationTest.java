package org.elasticnetlogistic.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;

/**
 * Example tests of cross-validation's bookkeeping: glmnet's fold-weighted mean and standard
 * error on hand-built fold scores, the direction of each measure, the one-standard-error
 * rule, and how the parallel folds report a failure or the caller's interruption.
 */
class UnitCrossValidationTest {

  private static CrossValidation.FoldScore fold(double weight, double... values) {
    return new CrossValidation.FoldScore(values, weight);
  }

  /**
   * cvm = sum w_f v_f / W; cvsd = sqrt(sum w_f (v_f - cvm)^2 / W / (F - 1)) over the F folds
   * with a value and positive weight.
   */
  @Test
  void combineGivesTheFoldWeightedMeanAndItsStandardError() {
    CrossValidationResult result = CrossValidation.combine(FitSettings.Measure.DEVIANCE, 3,
        new double[] {0.5, 0.1},
        List.of(fold(1, 1, 2), fold(3, 3, Double.NaN), fold(0, 100, 100)));
    // lambda 0: folds 1 and 2 (the weightless fold does not count): mean (1 + 9) / 4 = 2.5,
    // squares 1 * 1.5^2 + 3 * 0.5^2 = 3, standard error sqrt(3 / 4 / 1)
    assertEquals(2.5, result.mean()[0], 1e-15);
    assertEquals(Math.sqrt(0.75), result.standardError()[0], 1e-15);
    // lambda 1: fold 1 alone (fold 2 undefined): its value, no standard error
    assertEquals(2.0, result.mean()[1], 0.0);
    assertTrue(Double.isNaN(result.standardError()[1]));
    assertEquals(3, result.folds());
  }

  /**
   * The standard error sums squared deviations from the mean, which stays accurate when the
   * fold values share a large offset (the expanded form sum w v^2 - W mean^2 would lose
   * about three digits here): values 1e6 + 1/8, 1e6 + 1/4, 1e6 + 1/2.
   */
  @Test
  void theStandardErrorIsAccurateForValuesWithALargeCommonOffset() {
    double[] offsets = {0.125, 0.25, 0.5};
    CrossValidationResult result = CrossValidation.combine(FitSettings.Measure.DEVIANCE, 3,
        new double[] {0.1}, List.of(fold(1, 1e6 + offsets[0]), fold(1, 1e6 + offsets[1]),
            fold(1, 1e6 + offsets[2])));
    double centre = 7.0 / 24;
    double squares = 0;
    for (double a : offsets) {
      squares += (a - centre) * (a - centre);
    }
    double expected = Math.sqrt(squares / 3 / 2);
    assertEquals(expected, result.standardError()[0], 1e-7 * expected);
    assertEquals(1e6 + centre, result.mean()[0], 1e-9);
  }

  @Test
  void onlyTheAreaUnderTheCurveIsBetterWhenHigher() {
    assertTrue(FitSettings.Measure.AUC.higherIsBetter());
    assertFalse(FitSettings.Measure.DEVIANCE.higherIsBetter());
    assertFalse(FitSettings.Measure.MISCLASSIFICATION.higherIsBetter());
  }

  /** The best mean, then the largest lambda (first index) within one standard error of it. */
  @Test
  void theOneStandardErrorRuleOnAHandBuiltCurve() {
    double[] lambdas = {1.0, 0.5, 0.25, 0.125, 0.0625};
    double[] mean = {0.40, 0.30, 0.22, 0.20, 0.21};
    double[] se = {0.01, 0.01, 0.01, 0.05, 0.01};
    CrossValidationResult deviance = new CrossValidationResult(FitSettings.Measure.DEVIANCE,
        5, lambdas, mean, se);
    assertEquals(3, deviance.indexMin());
    assertEquals(2, deviance.indexOneSe(), "0.22 <= 0.20 + 0.05, 0.30 is not");
    assertEquals(2, deviance.selectedIndex(FitSettings.Selection.ONE_SE));
    assertEquals(3, deviance.selectedIndex(FitSettings.Selection.MIN));

    double[] auc = {0.60, 0.70, 0.78, 0.80, 0.79};
    CrossValidationResult area = new CrossValidationResult(FitSettings.Measure.AUC, 5,
        lambdas, auc, se);
    assertEquals(3, area.indexMin());
    assertEquals(2, area.indexOneSe(), "0.78 >= 0.80 - 0.05, 0.70 is not");

    // without a standard error the rule keeps the best
    double[] none = {Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN};
    CrossValidationResult bare = new CrossValidationResult(FitSettings.Measure.DEVIANCE, 5,
        lambdas, mean, none);
    assertEquals(3, bare.indexOneSe());
  }

  private static LogisticProblem problem() {
    int n = 40;
    double[][] x = new double[n][2];
    int[] y = new int[n];
    for (int i = 0; i < n; i++) {
      x[i][0] = Math.sin(i);
      x[i][1] = Math.cos(3 * i);
      y[i] = x[i][0] + 0.3 * x[i][1] > 0 ? 1 : 0;
    }
    return LogisticProblem.unweighted(DenseDesignMatrix.fromRows(x), y, 2);
  }

  private static FitSettings settings() {
    return FitSettings.builder().folds(4).threads(2).build();
  }

  @Test
  void aFailingFoldRethrowsItsRuntimeExceptionUnchanged() {
    IllegalArgumentException thrown = new IllegalArgumentException("listener failed");
    ProgressListener failing = new ProgressListener() {
      @Override
      public void foldFinished(int fold, int folds) {
        throw thrown;
      }
    };
    RuntimeException caught = assertThrows(RuntimeException.class,
        () -> CrossValidation.run(problem(), settings(), new double[] {0.1, 0.01}, failing));
    assertSame(thrown, caught);
  }

  @Test
  void anInterruptedCallerStopsWaitingAndKeepsItsInterruptFlag() {
    CountDownLatch release = new CountDownLatch(1);
    ProgressListener blocking = new ProgressListener() {
      @Override
      public void foldFinished(int fold, int folds) {
        try {
          release.await();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
    };
    try {
      Thread.currentThread().interrupt();
      IllegalStateException e = assertThrows(IllegalStateException.class,
          () -> CrossValidation.run(problem(), settings(), new double[] {0.1}, blocking));
      assertTrue(Thread.interrupted(), "the caller's interrupt flag was lost");
      assertEquals("cross-validation was interrupted", e.getMessage());
    } finally {
      Thread.interrupted();
      release.countDown();
    }
  }

  /**
   * Found by CrossValidationProperties.lambdaIsChosenFromTheCurveByGlmnetsRules (an AUC of
   * 1.0000000000000002): with one negative of weight 1.16 below positives of weights 0.55
   * and 1.02, the concordant pairs 0.55 * 1.16 + 1.02 * 1.16 round above the product of the
   * totals, 1.57 * 1.16. Perfectly ranked scores have an AUC of exactly 1, two classes or
   * more.
   */
  @Test
  void perfectlyRankedScoresHaveAnAucOfExactlyOne() {
    double[] score = {0.1, 0.6, 0.9};
    boolean[] positive = {false, true, true};
    double[] weights = {1.16, 0.55, 1.02};
    assertTrue(0.55 * 1.16 + 1.02 * 1.16 > (0.55 + 1.02) * 1.16,
        "the case is one whose pairs round above the product");
    assertEquals(1.0, CrossValidation.binaryAuc(score, positive, weights));
    double[][] probabilities = {{0.9, 0.1}, {0.4, 0.6}, {0.1, 0.9}};
    assertEquals(1.0, CrossValidation.auc(probabilities, new int[] {0, 1, 1}, weights, 2));
  }
}
