package org.elasticnetlogistic.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * Example tests of the model's pieces: the multinomial null model's centred intercepts, the
 * block responses, zero-weight rows in the loss, and the saturation of a linear predictor
 * whose terms overflow both ways.
 */
class UnitModelTest {

  /** Three classes with proportions 1/6, 2/6, 3/6 on one non-constant column. */
  private static LogisticProblem threeClasses() {
    double[][] x = {{0}, {1}, {2}, {3}, {4}, {5}};
    int[] y = {0, 1, 1, 2, 2, 2};
    return LogisticProblem.unweighted(DenseDesignMatrix.fromRows(x), y, 3);
  }

  /**
   * The symmetric multinomial null model: softmax of the intercepts gives the class
   * proportions, and the intercepts are centred to sum to zero (ALGORITHM.md).
   */
  @Test
  void theMultinomialNullModelHasCentredInterceptsGivingTheProportions() {
    FitContext context = new FitContext(threeClasses(), ElasticNetPenalty.of(1.0, 1), true,
        true);
    ModelState state = ModelState.nullModel(context);
    double[] proportion = {1.0 / 6, 2.0 / 6, 3.0 / 6};
    double meanLog = (Math.log(proportion[0]) + Math.log(proportion[1])
        + Math.log(proportion[2])) / 3;
    double sum = 0;
    for (int k = 0; k < 3; k++) {
      assertEquals(Math.log(proportion[k]) - meanLog, state.intercept[k], 1e-14, "class " + k);
      sum += state.intercept[k];
    }
    assertEquals(0.0, sum, 1e-14, "intercepts not centred");
    double[] p = Numerics.softmax(state.intercept.clone());
    for (int k = 0; k < 3; k++) {
      assertEquals(proportion[k], p[k], 1e-14);
      assertEquals(proportion[k], state.prob[k][0], 1e-14);
    }
  }

  /**
   * The binomial probabilities, refreshed from eta row by row (with a bit mask instead of a
   * branch on eta's sign), are Numerics.sigmoid's of eta and of -eta to the last bit, on both
   * sides of zero, at zero of either sign and far out.
   */
  @Test
  void binomialProbabilitiesAreTheSigmoidsOfEtaBitForBit() {
    double[] etas = {0.0, -0.0, 1e-300, -1e-300, 0.3, -0.3, 2.5, -2.5, 37, -37, 745, -745,
        1000, -1000};
    double[][] x = new double[etas.length][1];
    int[] y = new int[etas.length];
    for (int i = 0; i < etas.length; i++) {
      x[i][0] = i;
      y[i] = i % 2;
    }
    FitContext context = new FitContext(LogisticProblem.unweighted(
        DenseDesignMatrix.fromRows(x), y, 2), ElasticNetPenalty.of(1.0, 1), true, true);
    ModelState state = ModelState.nullModel(context);
    System.arraycopy(etas, 0, state.eta[0], 0, etas.length);
    state.refreshProbabilities();
    for (int i = 0; i < etas.length; i++) {
      assertEquals(Double.doubleToRawLongBits(Numerics.sigmoid(etas[i])),
          Double.doubleToRawLongBits(state.prob[1][i]), "p1 at eta " + etas[i]);
      assertEquals(Double.doubleToRawLongBits(Numerics.sigmoid(-etas[i])),
          Double.doubleToRawLongBits(state.prob[0][i]), "p0 at eta " + etas[i]);
    }
  }

  @Test
  void theResponseOfABlockIsMembershipOfItsClass() {
    FitContext multinomial = new FitContext(threeClasses(), ElasticNetPenalty.of(1.0, 1),
        true, true);
    int[] y = {0, 1, 1, 2, 2, 2};
    for (int b = 0; b < 3; b++) {
      for (int i = 0; i < 6; i++) {
        assertEquals(y[i] == b ? 1.0 : 0.0, multinomial.response(b, i), "block " + b);
      }
    }
    double[][] x = {{0}, {1}, {2}, {3}};
    FitContext binomial = new FitContext(LogisticProblem.unweighted(
        DenseDesignMatrix.fromRows(x), new int[] {0, 1, 0, 1}, 2),
        ElasticNetPenalty.of(1.0, 1), true, true);
    // the single binomial block models class 1
    assertEquals(0.0, binomial.response(0, 0));
    assertEquals(1.0, binomial.response(0, 1));
  }

  /**
   * A row without weight takes no part in the loss or a loss change, even where its
   * predictor or its move overflows to infinity (0 * infinity would make them NaN).
   */
  @Test
  void aRowWithoutWeightTakesNoPartInTheLoss() {
    // sparse: stored as given, no centring to swamp the small values
    DesignMatrix x = new SparseDesignMatrix.Builder(4, 1).add(0, 0, 1).add(1, 0, 2)
        .add(3, 0, 1e300).build();
    double[] w = {1, 1, 1, 0};
    for (int classes = 2; classes <= 3; classes++) {
      int[] y = {0, 1, classes - 1, 0};
      LogisticProblem problem = new LogisticProblem(x, y, w,
          classes);
      FitContext context = new FitContext(problem, ElasticNetPenalty.of(1.0, 1), false,
          false);
      int blocks = context.blocks;
      double[][] coefficients = new double[blocks][1];
      coefficients[blocks - 1][0] = 1e10;
      ModelState state = ModelState.at(context, new double[blocks], coefficients);
      assertEquals(Double.POSITIVE_INFINITY, state.eta[blocks - 1][3]);
      double loss = state.loss();
      assertTrue(Double.isFinite(loss), classes + " classes: loss " + loss);
      // the weighted rows alone: predictors 1e10, 2e10, 0 in the last block
      FitContext reduced = new FitContext(problem.selectRows(new int[] {0, 1, 2}),
          ElasticNetPenalty.of(1.0, 1), false, false);
      ModelState without = ModelState.at(reduced, new double[blocks], coefficients);
      assertEquals(without.loss(), loss, 1e-12 * Math.abs(loss));

      // the same for a loss change whose move overflows at the weightless row only
      ModelState zero = ModelState.at(context, new double[blocks], new double[blocks][1]);
      double change = zero.lossChange(blocks - 1, new double[] {1, 2, 0, 1e300}, 1e10);
      assertTrue(Double.isFinite(change), classes + " classes: loss change " + change);
      double expected = ModelState.at(reduced, new double[blocks], new double[blocks][1])
          .lossChange(blocks - 1, new double[] {1, 2, 0}, 1e10);
      assertEquals(expected, change, 1e-12 * Math.abs(expected));
    }
  }

  /**
   * Terms overflowing both ways give NaN in a plain sum; the capped partial sums then
   * decide the sign: here two negative infinities against one positive.
   */
  @Test
  void aLinearPredictorOverflowingBothWaysSaturatesTowardsTheLargerSide() {
    double big = Double.MAX_VALUE;
    Coefficients c = new Coefficients(new double[] {0.5},
        new double[][] {{4, 2, 2, 0}});
    assertEquals(Double.NEGATIVE_INFINITY, c.linearPredictor(0, new double[] {big, -big, -big,
        1}));
    assertEquals(Double.POSITIVE_INFINITY, c.linearPredictor(0, new double[] {-big, big, big,
        1}));
    // balanced overflow: the intercept
    Coefficients balanced = new Coefficients(new double[] {0.5}, new double[][] {{4, 4}});
    assertEquals(0.5, balanced.linearPredictor(0, new double[] {big, -big}));
    // finite: the plain sum
    assertEquals(0.5 + 4 * 1 + 2 * 2 - 2 * 3, c.linearPredictor(0, new double[] {1, 2, -3, 9}));
  }
}
