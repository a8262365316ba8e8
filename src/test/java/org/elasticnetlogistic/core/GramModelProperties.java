package org.elasticnetlogistic.core;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;

/**
 * The Newton model's curvature matrix, entry by entry, against the plain-loop weighted cross
 * products of the stored columns (the intercept's column is all ones) with the IRLS weights
 * read straight from the state's probabilities: binomial, one block,
 * {@code h = w max(p (1 - p), floor)} with p = p_1; multinomial,
 * {@code h^kk = w p_k (1 - p_k) + c (K - 1)/K} and {@code h^kl = -w p_k p_l - c/K} for
 * k != l, with the floor's excess c of {@link DescentMultinomialModel#floorExcess}.
 */
class GramModelProperties {

  private static final double ULP = Math.ulp(1.0);

  /** Floors: none, glmnet's, and one above every p(1 - p) so that all weights are floored. */
  @Provide
  Arbitrary<Double> floors() {
    return Arbitraries.of(0.0, ModelState.CURVATURE_FLOOR, 0.3);
  }

  /** Random seeds for the column order and the state, drawn as 0..1 fractions. */
  @Provide
  Arbitrary<double[]> draws() {
    return Arbitraries.doubles().between(0, 1).ofScale(4).array(double[].class).ofSize(64)
        .withoutEdgeCases();
  }

  /** A context and a state at random coefficients (drawn from the draws, in [-1, 1]). */
  private static ModelState randomState(FitContext context, double[] draws) {
    double[] intercepts = new double[context.blocks];
    double[][] coefficients = new double[context.blocks][context.columns];
    int d = 0;
    for (int b = 0; b < context.blocks; b++) {
      intercepts[b] = 2 * draws[d++ % draws.length] - 1;
      for (int j = 0; j < context.columns; j++) {
        coefficients[b][j] = 2 * draws[d++ % draws.length] - 1;
      }
    }
    return ModelState.at(context, intercepts, coefficients);
  }

  /** The included columns in an order shuffled by the draws. */
  private static int[] shuffledIncluded(FitContext context, double[] draws) {
    List<Integer> order = new ArrayList<>();
    for (int j : context.included) {
      order.add(j);
    }
    for (int s = order.size() - 1; s > 0; s--) {
      int t = (int) (draws[(s + 31) % draws.length] * (s + 1)) % (s + 1);
      Integer kept = order.get(s);
      order.set(s, order.get(t));
      order.set(t, kept);
    }
    return order.stream().mapToInt(Integer::intValue).toArray();
  }

  /** The curvature weight of the block pair (k, l), by plain loops. */
  private static double[] pairWeight(FitContext context, ModelState state, int k, int l,
      double floor) {
    double[] w = context.weights;
    double[] h = new double[context.rows];
    int classK = context.classOfBlock(k);
    int classL = context.classOfBlock(l);
    int blocks = context.blocks;
    for (int i = 0; i < context.rows; i++) {
      double pk = state.prob[classK][i];
      double pl = state.prob[classL][i];
      if (context.binomial) {
        h[i] = w[i] * Math.max(pk * (1 - pk), floor);
      } else {
        double excess = DescentMultinomialModel.floorExcess(state, i, w[i], floor);
        h[i] = k == l ? w[i] * pk * (1 - pk) + excess * (blocks - 1) / blocks
            : -w[i] * pk * pl - excess / blocks;
      }
    }
    return h;
  }

  /** Column j's stored value at row i; column -1 is the intercept's column of ones. */
  private static double value(FitContext context, int column, int row) {
    return column < 0 ? 1.0 : context.design.stored(row, column);
  }

  /**
   * Every entry of the model over {@code columns} (in slot order) against the plain loop;
   * the sum of n products is within gamma_(n+2) of the sum of absolute terms.
   */
  private static void assertMatchesPlainLoops(GramModel model, FitContext context,
      ModelState state, double floor, int[] columns) {
    int blocks = context.blocks;
    assertEquals((columns.length + 1) * blocks, model.size());
    assertArrayEquals(columns, model.columns());
    int[] withIntercept = new int[columns.length + 1];
    withIntercept[0] = -1;
    System.arraycopy(columns, 0, withIntercept, 1, columns.length);
    double[][] matrix = model.matrix();
    for (int k = 0; k < blocks; k++) {
      for (int l = 0; l < blocks; l++) {
        double[] h = pairWeight(context, state, Math.min(k, l), Math.max(k, l), floor);
        for (int a : withIntercept) {
          for (int b : withIntercept) {
            double sum = 0;
            double absoluteSum = 0;
            for (int i = 0; i < context.rows; i++) {
              double term = value(context, a, i) * value(context, b, i) * h[i];
              sum += term;
              absoluteSum += Math.abs(term);
            }
            int u = model.variable(a, k);
            int v = model.variable(b, l);
            assertEquals(sum, matrix[u][v], (context.rows + 2) * ULP * absoluteSum
                + Double.MIN_NORMAL, "columns " + a + ", " + b + ", blocks " + k + ", " + l);
          }
        }
      }
    }
  }

  private static void cover(GeneratedProblem generated, boolean intercept, double floor) {
    Generators.coverProblems(generated);
    Statistics.label("intercept").collect(intercept);
    Statistics.label("floor").collect(floor);
  }

  /**
   * After refresh at a random state, with or without intercept (the stored columns are then
   * uncentred), the variables are (slot, block) with slot 0 the intercept, slot s + 1 the
   * s-th column, and every entry is the plain-loop curvature cross product.
   */
  @Property(tries = 80)
  void refreshedMatrixIsTheWeightedCrossProductOfTheColumns(
      @ForAll @SmallProblem GeneratedProblem generated, @ForAll boolean intercept,
      @ForAll("floors") double floor, @ForAll("draws") double[] draws) {
    cover(generated, intercept, floor);
    FitContext context = new FitContext(generated.problem(),
        ElasticNetPenalty.of(0.5, generated.columns()), true, intercept);
    ModelState state = randomState(context, draws);
    int[] columns = shuffledIncluded(context, draws);
    GramModel model = new GramModel(context);
    assertFalse(model.hasSnapshot());
    model.refresh(state, floor, columns);
    assertTrue(model.hasSnapshot());
    assertEquals(floor, model.snapshotFloor());
    for (int s = 0; s < columns.length; s++) {
      assertTrue(model.contains(columns[s]));
      for (int b = 0; b < context.blocks; b++) {
        assertEquals((s + 1) * context.blocks + b, model.variable(columns[s], b));
        assertEquals(b, model.variable(-1, b));
      }
    }
    assertMatchesPlainLoops(model, context, state, floor, columns);
  }

  /**
   * Columns added by ensure (some of them already present, which are skipped) give the same
   * entries as a fresh refresh over the union, with the refresh's snapshot of the weights
   * even after the state has moved; a later refresh replaces the column set.
   */
  @Property(tries = 80)
  void ensureExtendsTheMatrixWithTheSnapshotWeights(
      @ForAll @SmallProblem GeneratedProblem generated, @ForAll boolean intercept,
      @ForAll("floors") double floor, @ForAll("draws") double[] draws) {
    cover(generated, intercept, floor);
    FitContext context = new FitContext(generated.problem(),
        ElasticNetPenalty.of(0.5, generated.columns()), true, intercept);
    ModelState state = randomState(context, draws);
    int[] all = shuffledIncluded(context, draws);
    int split = (int) (draws[0] * (all.length + 1)) % (all.length + 1);
    int[] first = Arrays.copyOfRange(all, 0, split);
    // the needed list repeats the first part, so that ensure must skip present columns
    int[] needed = all.clone();
    Statistics.label("first part").collect(split == 0 ? "empty" : split == all.length
        ? "everything" : "some");

    GramModel grown = new GramModel(context);
    grown.refresh(state, floor, first);
    // the weights are a snapshot: moving the state afterwards changes nothing
    ModelState moved = randomState(context, reversed(draws));
    for (int b = 0; b < context.blocks; b++) {
      System.arraycopy(moved.eta[b], 0, state.eta[b], 0, context.rows);
    }
    for (int k = 0; k < context.numClasses; k++) {
      System.arraycopy(moved.prob[k], 0, state.prob[k], 0, context.rows);
    }
    ModelState snapshot = randomState(context, draws);
    grown.ensure(needed);
    assertMatchesPlainLoops(grown, context, snapshot, floor, all);

    GramModel fresh = new GramModel(context);
    fresh.refresh(snapshot, floor, all);
    assertEquals(fresh.size(), grown.size());
    for (int u = 0; u < fresh.size(); u++) {
      for (int v = 0; v < fresh.size(); v++) {
        double scale = Math.abs(fresh.matrix()[u][u]) + Math.abs(fresh.matrix()[v][v]);
        // the same sums cut into other tiles: rounding of n terms of size at most the diagonal
        assertEquals(fresh.matrix()[u][v], grown.matrix()[u][v],
            (context.rows + 2) * ULP * scale + Double.MIN_NORMAL, "entry " + u + ", " + v);
      }
    }

    // a new refresh with only the second part forgets the first
    int[] second = Arrays.copyOfRange(all, split, all.length);
    grown.refresh(state, floor, second);
    for (int j : first) {
      assertFalse(grown.contains(j), "column " + j + " survived a refresh");
    }
    assertMatchesPlainLoops(grown, context, state, floor, second);
  }

  private static double[] reversed(double[] values) {
    double[] out = new double[values.length];
    for (int i = 0; i < values.length; i++) {
      out[i] = values[values.length - 1 - i];
    }
    return out;
  }

  /**
   * On a dense design of 9,000 rows, a model of three columns grown by eighteen (enough for
   * the cross products to be cut into chunks of rows, with every block pair's weights in one
   * pass) matches the plain loops, binomial and with three classes; and the chunks' partial
   * sums give the same bits on one thread as on three.
   */
  @org.junit.jupiter.api.Test
  void manyColumnsOnManyRowsAreCutByRowsWithTheSameBitsOnAnyThreadCount() {
    int n = 9_000;
    int p = 21;
    java.util.Random random = new java.util.Random(11);
    double[][] x = new double[n][p];
    int[] y = new int[n];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < p; j++) {
        x[i][j] = random.nextGaussian() + (j % 4 == 0 ? 1 : 0);
      }
      y[i] = random.nextInt(3);
    }
    double[] draws = new double[64];
    for (int d = 0; d < draws.length; d++) {
      draws[d] = random.nextDouble() * 0.3;
    }
    int[] first = {4, 17, 9};
    int[] all = new int[p];
    for (int j = 0, k = 3; j < p; j++) {
      if (j != 4 && j != 17 && j != 9) {
        all[k++] = j;
      }
    }
    System.arraycopy(first, 0, all, 0, 3);
    for (int classes : new int[] {2, 3}) {
      int[] labels = y.clone();
      for (int i = 0; i < n; i++) {
        labels[i] %= classes;
      }
      LogisticProblem problem = LogisticProblem.unweighted(DenseDesignMatrix.fromRows(x),
          labels, classes);
      double[][] reference = null;
      for (int threads : new int[] {1, 3}) {
        try (Parallelism parallel = new Parallelism(threads)) {
          FitContext context = new FitContext(problem, ElasticNetPenalty.of(0.5, p), true,
              true, parallel);
          ModelState state = randomState(context, draws);
          GramModel model = new GramModel(context);
          model.refresh(state, ModelState.CURVATURE_FLOOR, first);
          model.ensure(all);
          assertMatchesPlainLoops(model, context, state, ModelState.CURVATURE_FLOOR, all);
          if (reference == null) {
            reference = model.matrix();
          } else {
            for (int u = 0; u < reference.length; u++) {
              assertArrayEquals(reference[u], model.matrix()[u], 0.0,
                  classes + " classes, row " + u);
            }
          }
        }
      }
    }
  }
}
