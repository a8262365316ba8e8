package org.elasticnetlogistic.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.statistics.Statistics;

/**
 * The penalty's kernels: soft-thresholding is the proximal operator of |.|, the elastic-net
 * coordinate update is the exact (and non-expansive) proximal step, and the multinomial
 * centring shift minimises the penalty without changing a probability.
 */
class PenaltyProperties {

  /** Thresholds: exactly zero sometimes, else spread over [0, 3]. */
  @Provide
  Arbitrary<Double> thresholds() {
    return Arbitraries.frequencyOf(
        Tuple.of(1, Arbitraries.just(0.0)),
        Tuple.of(5, Generators.coefficients(3).map(Math::abs)));
  }

  /**
   * x = S(z, t) minimises (x - z)^2 / 2 + t |x| exactly when z - x is a subgradient of
   * t |.| at x: t sign(x) where x != 0, anything in [-t, t] where x = 0. The subtraction
   * z -+ t is the only rounding, so the residual is within half an ulp of z.
   */
  @Property(tries = 500)
  void softThresholdSatisfiesTheSubgradientCondition(@ForAll @Coefficient(max = 5) double z,
      @ForAll("thresholds") double threshold) {
    double x = Numerics.softThreshold(z, threshold);
    Statistics.label("case").collect(x == 0 ? "zero" : "shrunk");
    Statistics.label("case").coverage(c -> {
      c.check("zero").percentage(p -> p > 10);
      c.check("shrunk").percentage(p -> p > 10);
    });
    if (x == 0) {
      assertTrue(Math.abs(z) <= threshold, "S(" + z + ", " + threshold + ") = 0");
    } else {
      assertEquals(Math.signum(z), Math.signum(x), "the sign is kept");
      assertTrue(Math.abs(x) <= Math.abs(z), "S only shrinks");
      assertEquals(threshold * Math.signum(x), z - x, Math.ulp(z),
          "z - S(z, t) must be t sign(S)");
    }
  }

  /** One coordinate problem: curvature > 0, l1, l2 >= 0, limits straddling zero. */
  record CoordinateProblem(double curvature, double l1, double l2, double lower,
      double upper) {

    /** The minimiser of curvature/2 t^2 - linear t + l1 |t| + l2/2 t^2 on [lower, upper]. */
    double update(double linear) {
      return Numerics.elasticNetUpdate(linear, curvature, l1, l2, lower, upper);
    }

    /** The proximal operator of (l1 |.| + l2/2 (.)^2 + box) / curvature, at z. */
    double prox(double z) {
      return update(curvature * z);
    }

    boolean limited() {
      return lower > Double.NEGATIVE_INFINITY || upper < Double.POSITIVE_INFINITY;
    }
  }

  @Provide
  Arbitrary<CoordinateProblem> coordinateProblems() {
    Arbitrary<Double> curvature = Arbitraries.doubles().between(0.01, 4).ofScale(4);
    Arbitrary<Double> penalty = Arbitraries.frequencyOf(
        Tuple.of(1, Arbitraries.just(0.0)),
        Tuple.of(4, Arbitraries.doubles().between(0, 2).ofScale(4)));
    Arbitrary<Double> lower = Arbitraries.frequencyOf(
        Tuple.of(3, Arbitraries.just(Double.NEGATIVE_INFINITY)),
        Tuple.of(1, Arbitraries.just(0.0)),
        Tuple.of(1, Arbitraries.doubles().between(-2, 0).ofScale(3)));
    Arbitrary<Double> upper = lower.map(v -> -v);
    return Combinators.combine(curvature, penalty, penalty, lower, upper)
        .as(CoordinateProblem::new);
  }

  /**
   * The coordinate update t of elastic-net coordinate descent satisfies the optimality
   * conditions of its one-dimensional problem: with the smooth derivative
   * d = (curvature + l2) t - linear, d + l1 sign(t) = 0 inside the box at t != 0,
   * |linear| &lt;= l1 at t = 0, and d + l1 sign(t) pointing outwards at a limit.
   */
  @Property(tries = 500)
  void elasticNetUpdateSatisfiesItsOptimalityConditions(
      @ForAll("coordinateProblems") CoordinateProblem problem,
      @ForAll @Coefficient(max = 6) double linear) {
    double t = problem.update(linear);
    String where = t == 0 ? "zero" : t == problem.upper() || t == problem.lower() ? "limit"
        : "interior";
    Statistics.label("solution").collect(where);
    Statistics.label("solution").coverage(c -> {
      c.check("zero").percentage(p -> p > 5);
      c.check("limit").percentage(p -> p > 5);
      c.check("interior").percentage(p -> p > 20);
    });
    assertTrue(t >= problem.lower() && t <= problem.upper(), "t = " + t + " outside the box");
    double derivative = (problem.curvature() + problem.l2()) * t - linear;
    // rounding: soft-thresholding, one division, one multiplication
    double rounding = 4 * Math.ulp(Math.abs(linear) + problem.l1());
    if (t == 0) {
      double slack = problem.l1() + rounding;
      // at a zero limit the box may hold the coordinate at zero from one side only
      boolean held = problem.upper() == 0 && linear > 0 || problem.lower() == 0 && linear < 0;
      assertTrue(held || Math.abs(linear) <= slack, "|linear| " + Math.abs(linear)
          + " > l1 " + problem.l1() + " at t = 0");
    } else if (t == problem.upper()) {
      assertTrue(derivative + problem.l1() <= rounding, "the objective falls past the upper "
          + "limit: derivative " + (derivative + problem.l1()));
    } else if (t == problem.lower()) {
      assertTrue(derivative - problem.l1() >= -rounding, "the objective falls past the lower "
          + "limit: derivative " + (derivative - problem.l1()));
    } else {
      assertEquals(0, derivative + problem.l1() * Math.signum(t), rounding,
          "stationarity at t = " + t);
    }
  }

  /**
   * The elastic-net proximal step is firmly non-expansive, and contracts by
   * curvature / (curvature + l2): (P z1 - P z2)(z1 - z2) &gt;= (P z1 - P z2)^2 and
   * |P z1 - P z2| &lt;= curvature / (curvature + l2) |z1 - z2|.
   */
  /**
   * The penalty's value is ALGORITHM.md's sum over columns and classes of
   * v_j [(1 - alpha)/2 b^2 + alpha |b|], or, grouped, v_j [(1 - alpha)/2 ||b_j||^2 +
   * alpha ||b_j||] over each column's classes; penalty factors are rescaled to sum to the
   * number of columns. One block's value is its row's share.
   */
  @Property(tries = 300)
  void penaltyValueIsTheElasticNetSum(@ForAll("blockCoefficients") double[] values,
      @ForAll @IntRange(min = 1, max = 4) int classes,
      @ForAll @IntRange(min = 1, max = 6) int columns, @ForAll @Alpha double alpha,
      @ForAll boolean grouped, @ForAll("factorValues") double[] factorValues) {
    double[][] b = new double[classes][columns];
    for (int k = 0; k < classes; k++) {
      b[k] = Arrays.copyOfRange(values, k * columns, (k + 1) * columns);
    }
    double[] factors = Arrays.copyOf(factorValues, columns);
    double total = Arrays.stream(factors).sum();
    double[] v = new double[columns];
    for (int j = 0; j < columns; j++) {
      v[j] = total > 0 ? factors[j] * columns / total : 1;
    }
    ElasticNetPenalty penalty = ElasticNetPenalty.create(alpha, total > 0 ? factors : null,
        null, null, grouped, columns);
    double expected = 0;
    double magnitude = 0;
    for (int j = 0; j < columns; j++) {
      double squares = 0;
      double absolute = 0;
      for (int k = 0; k < classes; k++) {
        squares += b[k][j] * b[k][j];
        absolute += Math.abs(b[k][j]);
      }
      double l1 = grouped ? Math.sqrt(squares) : absolute;
      expected += v[j] * ((1 - alpha) / 2 * squares + alpha * l1);
      magnitude += v[j] * (squares + l1);
    }
    assertEquals(expected, penalty.value(b), 1e-13 * (1 + magnitude));
    if (!grouped) {
      double rows = 0;
      for (double[] row : b) {
        rows += penalty.value(row);
      }
      assertEquals(expected, rows, 1e-13 * (1 + magnitude));
    }
  }

  @Provide
  Arbitrary<double[]> blockCoefficients() {
    return Arbitraries.frequencyOf(Tuple.of(3, Generators.coefficients(2)),
        Tuple.of(1, Arbitraries.just(0.0))).array(double[].class).ofSize(4 * 6);
  }

  @Provide
  Arbitrary<double[]> factorValues() {
    return Arbitraries.of(0.0, 0.5, 1.0, 3.0).array(double[].class).ofSize(8);
  }

  @Property(tries = 500)
  void elasticNetProximalStepIsNonExpansive(
      @ForAll("coordinateProblems") CoordinateProblem problem,
      @ForAll @Coefficient(max = 4) double z1, @ForAll @Coefficient(max = 4) double z2) {
    Statistics.label("limits").collect(problem.limited());
    double p1 = problem.prox(z1);
    double p2 = problem.prox(z2);
    double moved = p1 - p2;
    double gap = z1 - z2;
    double rounding = 8 * Math.ulp(Math.abs(z1) + Math.abs(z2) + problem.l1() + 1);
    double contraction = problem.curvature() / (problem.curvature() + problem.l2());
    assertTrue(Math.abs(moved) <= contraction * Math.abs(gap) + rounding,
        "|P z1 - P z2| = " + Math.abs(moved) + " > " + contraction + " |z1 - z2| = "
            + contraction * Math.abs(gap));
    assertTrue(moved * gap >= moved * moved - rounding * (Math.abs(gap) + 1),
        "not firmly non-expansive: " + moved * gap + " < " + moved * moved);
  }

  /** K = 2..6 coefficients of one column over the classes; ties are an edge case. */
  @Provide
  Arbitrary<double[]> classCoefficients() {
    Arbitrary<Double> value = Arbitraries.frequencyOf(
        Tuple.of(4, Generators.coefficients(2)),
        Tuple.of(1, Arbitraries.of(0.0, 0.5, -0.5)));
    return value.array(double[].class).ofMinSize(2).ofMaxSize(6);
  }

  private static double columnPenalty(double[] values, double shift, double alpha) {
    double sum = 0;
    for (double v : values) {
      double b = v - shift;
      sum += (1 - alpha) / 2 * b * b + alpha * Math.abs(b);
    }
    return sum;
  }

  /**
   * The shift c that the multinomial centring subtracts minimises
   * sum_k (1-alpha)/2 (b_k - c)^2 + alpha |b_k - c| over c: no other candidate (zero, the
   * mean, the median, nearby values, an arbitrary value) has a smaller penalty.
   */
  @Property(tries = 500)
  void centringShiftMinimisesTheColumnPenalty(@ForAll("classCoefficients") double[] values,
      @ForAll @Alpha double alpha, @ForAll @Coefficient(max = 3) double other) {
    Generators.coverAlpha(alpha, true);
    Statistics.label("K").collect(values.length % 2 == 0 ? "even" : "odd");
    double c = MultinomialCentering.penaltyOptimalShift(values, alpha);
    double best = columnPenalty(values, c, alpha);
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    double mean = Arrays.stream(values).average().orElseThrow();
    double scale = Arrays.stream(values).map(Math::abs).max().orElseThrow() + 1;
    double slack = 16 * values.length * Math.ulp(scale * scale);
    double[] candidates = {0, mean, sorted[sorted.length / 2],
        sorted[(sorted.length - 1) / 2], other, c + 1e-3, c - 1e-3, c + 1e-7, c - 1e-7};
    for (double candidate : candidates) {
      assertTrue(best <= columnPenalty(values, candidate, alpha) + slack, "shift " + c
          + " has penalty " + best + " but " + candidate + " has "
          + columnPenalty(values, candidate, alpha));
    }
    if (alpha == 0) {
      assertEquals(mean, c, 4 * Math.ulp(scale), "ridge centres on the mean");
    }
  }

  /**
   * Centring a multinomial model (each column shifted by its penalty-optimal constant, the
   * intercepts by their mean) changes no probability and does not increase the penalty.
   */
  @Property(tries = 300)
  void centringKeepsProbabilitiesAndDoesNotIncreaseThePenalty(
      @ForAll @IntRange(min = 3, max = 5) int classes,
      @ForAll @IntRange(min = 1, max = 6) int columns, @ForAll @Alpha double alpha,
      @ForAll("rawModels") double[] raw) {
    Generators.coverAlpha(alpha, true);
    // raw holds intercepts, slopes and one row x, in that order
    double[] intercepts = Arrays.copyOf(raw, classes);
    double[][] slopes = new double[classes][columns];
    for (int k = 0; k < classes; k++) {
      System.arraycopy(raw, classes + k * columns, slopes[k], 0, columns);
    }
    double[] row = Arrays.copyOfRange(raw, classes + classes * columns,
        classes + classes * columns + columns);
    double[] centredIntercepts = intercepts.clone();
    double[][] centred = new double[classes][columns];
    double mean = Arrays.stream(intercepts).average().orElseThrow();
    for (int k = 0; k < classes; k++) {
      centredIntercepts[k] -= mean;
    }
    double[] column = new double[classes];
    for (int j = 0; j < columns; j++) {
      for (int k = 0; k < classes; k++) {
        column[k] = slopes[k][j];
      }
      double shift = MultinomialCentering.penaltyOptimalShift(column, alpha);
      for (int k = 0; k < classes; k++) {
        centred[k][j] = slopes[k][j] - shift;
      }
    }
    ElasticNetPenalty penalty = ElasticNetPenalty.of(alpha, columns);
    double before = penalty.value(slopes);
    double after = penalty.value(centred);
    assertTrue(after <= before + 64 * Math.ulp(before + 1), "centring raised the penalty "
        + before + " to " + after);
    double[] p = new LinearClassifier(classes, range(classes),
        new Coefficients(intercepts, slopes)).probabilities(row);
    double[] q = new LinearClassifier(classes, range(classes),
        new Coefficients(centredIntercepts, centred)).probabilities(row);
    // the linear predictors move by a common constant, up to the rounding of their terms;
    // a change e of the predictors' differences changes p by at most 2 e p
    double magnitude = 0;
    for (int k = 0; k < classes; k++) {
      double terms = Math.abs(intercepts[k]) + Math.abs(centredIntercepts[k]);
      for (int j = 0; j < columns; j++) {
        terms += (Math.abs(slopes[k][j]) + Math.abs(centred[k][j])) * Math.abs(row[j]);
      }
      magnitude = Math.max(magnitude, terms);
    }
    double rounding = 4 * (columns + 2) * Math.ulp(magnitude);
    for (int k = 0; k < classes; k++) {
      assertEquals(p[k], q[k], 2 * rounding * Math.max(p[k], q[k]) + Double.MIN_NORMAL,
          "class " + k);
    }
  }

  @Provide
  Arbitrary<double[]> rawModels() {
    return Generators.coefficients(3).array(double[].class).ofSize(5 + 5 * 6 + 6);
  }

  private static int[] range(int count) {
    int[] out = new int[count];
    for (int k = 0; k < count; k++) {
      out[k] = k;
    }
    return out;
  }
}
