package org.elasticnetlogistic.core;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.util.Arrays;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.statistics.Statistics;

/**
 * The pure kernels of {@link Numerics}: sigmoid and softmax identities, and accuracy against
 * the extended-precision oracle for |z| up to 1000 (ALGORITHM.md, Numerics).
 */
class NumericsProperties {

  private static final double ONE_ULP = Math.ulp(1.0);

  /** Linear predictors of every regime up to |z| = 1000, for the array properties. */
  @Provide
  Arbitrary<Double> predictors() {
    return Generators.linearPredictors(1000);
  }

  /** Each regime of z (near 0, moderate, large up to 1000) makes up a fair share. */
  private static void coverRegimes(double z) {
    Statistics.label("regime").collect(Generators.predictorRegime(z));
    Statistics.label("regime").coverage(c -> {
      c.check("near 0").percentage(p -> p > 10);
      c.check("moderate").percentage(p -> p > 20);
      c.check("large").percentage(p -> p > 20);
    });
  }

  /**
   * The loss bound's exp bound lies above exp(x), up to one rounding where both are 1 + x to
   * the last bit, and within 11% of it: moves from 1e-20 to 1 (the quadratic) and beyond
   * (exp itself), judged against the extended-precision exp.
   */
  @Property(tries = 500)
  void expUpperBoundLiesJustAboveExp(@ForAll("boundMoves") double x) {
    BigDecimal exact = ExtendedPrecision.exp(ExtendedPrecision.of(x));
    BigDecimal bound = ExtendedPrecision.of(Numerics.expUpperBound(x));
    BigDecimal lowest = exact.multiply(ExtendedPrecision.of(1 - ONE_ULP));
    assertTrue(bound.compareTo(lowest) >= 0, "expUpperBound(" + x + ") = " + bound
        + " below exp = " + exact.round(ExtendedPrecision.CONTEXT));
    if (x >= 1e-7) {
      // past a few roundings the quadratic's margin, at least 0.28 x^2, shows
      assertTrue(bound.compareTo(exact) > 0 || x > 1, "not above exp at " + x);
    }
    assertTrue(bound.compareTo(exact.multiply(ExtendedPrecision.of(1.11))) <= 0,
        "expUpperBound(" + x + ") = " + bound + " far above exp");
  }

  @Provide
  Arbitrary<Double> boundMoves() {
    return Arbitraries.oneOf(
        Arbitraries.doubles().between(-20, 0).map(e -> Math.pow(10, e)),
        Arbitraries.doubles().between(0, 1),
        Arbitraries.of(0.0, 1.0, Math.nextUp(1.0), 1e-7, 0.5),
        Arbitraries.doubles().between(1, 30));
  }

  @Property(tries = 1000)
  void sigmoidOfMinusZIsOneMinusSigmoid(@ForAll @LinearPredictor double z) {
    coverRegimes(z);
    double difference = Numerics.sigmoid(-z) - (1 - Numerics.sigmoid(z));
    assertTrue(Math.abs(difference) <= 2 * ONE_ULP, "sigmoid(-z) - (1 - sigmoid(z)) = "
        + difference);
  }

  @Property(tries = 300)
  void sigmoidIsAccurateToTwoUlps(@ForAll @LinearPredictor double z) {
    coverRegimes(z);
    // sigmoid(z) = exp(-log(1 + exp(-z)))
    BigDecimal exact = ExtendedPrecision.exp(ExtendedPrecision.log1pExp(-z).negate());
    double p = Numerics.sigmoid(z);
    assertTrue(p >= 0 && p <= 1);
    assertTrue(ExtendedPrecision.ulpError(p, exact) <= 2, "sigmoid(" + z + ") = " + p
        + ", exact " + exact.round(ExtendedPrecision.CONTEXT));
  }

  @Provide
  Arbitrary<Double> moderatePredictors() {
    return Arbitraries.doubles().between(-30, 30).ofScale(8);
  }

  /**
   * Central differences with h = 1e-5: truncation h^2/6 |sigmoid'''| &lt; 1e-11, rounding
   * ulp(1)/h &lt; 2.3e-11 where sigmoid is near 1.
   */
  @Property(tries = 500)
  void sigmoidDerivativeIsSigmoidTimesOneMinusSigmoid(@ForAll("moderatePredictors") double z) {
    double h = 1e-5;
    double numeric = (Numerics.sigmoid(z + h) - Numerics.sigmoid(z - h)) / (2 * h);
    double s = Numerics.sigmoid(z);
    double analytic = s * (1 - s);
    assertEquals(analytic, numeric, 1e-6 * analytic + 1e-10, "at z = " + z);
  }

  /** Where sigmoid(z) lies strictly inside (0, 1) with a normal value. */
  @Provide
  Arbitrary<Double> invertiblePredictors() {
    return Arbitraries.frequencyOf(
        Tuple.of(3, Arbitraries.doubles().between(-30, 30).ofScale(10)),
        Tuple.of(1, Arbitraries.doubles().between(-700, 36).ofScale(6)),
        Tuple.of(1, Arbitraries.doubles().between(-1e-9, 1e-9).ofScale(20)));
  }

  /**
   * logit(sigmoid(z)) = z, to within the conditioning of logit at p: an error of a few ulps
   * in p costs ulp(p) / (p (1 - p)) in z.
   */
  @Property(tries = 1000)
  void logitInvertsSigmoid(@ForAll("invertiblePredictors") double z) {
    double p = Numerics.sigmoid(z);
    double tolerance = 4 * (Math.ulp(p) / (p * (1 - p)) + Math.ulp(z));
    assertEquals(z, Numerics.logit(p), tolerance, "p = " + p);
  }

  @Property(tries = 300)
  void log1pExpIsAccurateUpToAThousand(@ForAll @LinearPredictor double z) {
    coverRegimes(z);
    double value = Numerics.log1pExp(z);
    BigDecimal exact = ExtendedPrecision.log1pExp(z);
    assertTrue(Double.isFinite(value), "log1pExp(" + z + ") = " + value);
    assertTrue(ExtendedPrecision.ulpError(value, exact) <= 2, "log1pExp(" + z + ") = "
        + value + ", exact " + exact);
  }

  @Property(tries = 300)
  void logSigmoidIsAccurateUpToAThousand(@ForAll @LinearPredictor double z) {
    coverRegimes(z);
    double value = Numerics.logSigmoid(z);
    BigDecimal exact = ExtendedPrecision.log1pExp(-z).negate();
    assertTrue(Double.isFinite(value) && value <= 0, "logSigmoid(" + z + ") = " + value);
    assertTrue(ExtendedPrecision.ulpError(value, exact) <= 2, "logSigmoid(" + z + ") = "
        + value + ", exact " + exact);
  }

  /** Vectors of 1 to 6 linear predictors, each from {@link #predictors()}. */
  @Provide
  Arbitrary<double[]> predictorVectors() {
    return predictors().array(double[].class).ofMinSize(1).ofMaxSize(6);
  }

  @Provide
  Arbitrary<double[]> classPredictors() {
    return predictors().array(double[].class).ofMinSize(2).ofMaxSize(6);
  }

  @Property(tries = 500)
  void softmaxIsAProbabilityVector(@ForAll("classPredictors") double[] eta) {
    Statistics.label("K").collect(eta.length == 2 ? "2" : "more");
    double[] p = Numerics.softmax(eta);
    double sum = 0;
    for (double v : p) {
      assertTrue(v >= 0 && v <= 1, "probability " + v);
      sum += v;
    }
    assertEquals(1.0, sum, eta.length * ONE_ULP);
  }

  @Property(tries = 500)
  void softmaxIsInvariantToAddingAConstant(@ForAll("classPredictors") double[] eta,
      @ForAll @LinearPredictor double constant) {
    double[] moved = new double[eta.length];
    double rounding = 0;
    for (int k = 0; k < eta.length; k++) {
      moved[k] = eta[k] + constant;
      rounding = Math.max(rounding, Math.ulp(moved[k]));
    }
    double[] p = Numerics.softmax(eta);
    double[] q = Numerics.softmax(moved);
    double etaMax = Arrays.stream(eta).max().getAsDouble();
    double movedMax = Arrays.stream(moved).max().getAsDouble();
    for (int k = 0; k < eta.length; k++) {
      // rounding eta + c by half an ulp moves log p by at most an ulp; each side also rounds
      // its exponent eta_k - max, by half an ulp of it, which for a tiny probability (seed
      // 7923203730593008333: eta_k - max = -512) exceeds the ulps of eta_k and of the max
      double exponentRounding = Math.ulp(eta[k] - etaMax) + Math.ulp(moved[k] - movedMax);
      double tolerance = Math.max(p[k], q[k]) * (2 * rounding + exponentRounding
          + 8 * ONE_ULP) + 1e-300;
      assertEquals(p[k], q[k], tolerance, "class " + k + " after adding " + constant);
    }
  }

  @Property(tries = 500)
  void softmaxOfTwoIsTheSigmoidOfTheDifference(@ForAll @LinearPredictor double a,
      @ForAll @LinearPredictor double b) {
    double[] p = Numerics.softmax(new double[] {a, b});
    double rounding = Math.ulp(b - a);
    double s1 = Numerics.sigmoid(b - a);
    double s0 = Numerics.sigmoid(a - b);
    assertEquals(s1, p[1], s1 * (2 * rounding + 8 * ONE_ULP) + 1e-300);
    assertEquals(s0, p[0], s0 * (2 * rounding + 8 * ONE_ULP) + 1e-300);
  }

  @Property(tries = 200)
  void softmaxMatchesTheOracle(@ForAll("classPredictors") double[] eta) {
    double[] p = Numerics.softmax(eta);
    for (int k = 0; k < eta.length; k++) {
      BigDecimal exact = ExtendedPrecision.softmax(eta, k);
      // eta - max is exact or within half an ulp of max; exp and the division add a few ulps
      double tolerance = exact.doubleValue() * (2 * Math.ulp(maxAbs(eta)) + 8 * ONE_ULP)
          + 1e-300;
      assertEquals(exact.doubleValue(), p[k], tolerance, "class " + k);
    }
  }

  /**
   * No overflow at |eta| = 1000, and the error is that of the largest term's rounding plus
   * a few ulps of log K.
   */
  @Property(tries = 300)
  void logSumExpIsStableAndMatchesTheOracle(@ForAll("predictorVectors") double[] eta) {
    Statistics.label("size").collect(eta.length);
    double value = Numerics.logSumExp(eta);
    BigDecimal exact = ExtendedPrecision.logSumExp(eta);
    assertTrue(Double.isFinite(value), "logSumExp = " + value);
    double tolerance = 2 * Math.ulp(maxAbs(eta)) + 4 * Math.ulp(exact.doubleValue())
        + eta.length * ONE_ULP;
    assertEquals(exact.doubleValue(), value, tolerance);
  }

  @Property(tries = 200)
  void logSumExpOfASliceIsThatOfTheSlice(@ForAll("predictorVectors") double[] eta,
      @ForAll @LinearPredictor double before, @ForAll @LinearPredictor double after) {
    double[] padded = new double[eta.length + 2];
    padded[0] = before;
    System.arraycopy(eta, 0, padded, 1, eta.length);
    padded[eta.length + 1] = after;
    assertEquals(Numerics.logSumExp(eta), Numerics.logSumExp(padded, 1, eta.length), 0.0);
    double[] out = new double[eta.length + 2];
    Numerics.softmax(padded, 1, eta.length, out, 1);
    double[] slice = java.util.Arrays.copyOfRange(out, 1, eta.length + 1);
    assertArrayEquals(Numerics.softmax(eta), slice, 0.0);
    assertEquals(0.0, out[0]);
    assertEquals(0.0, out[eta.length + 1]);
  }

  @Example
  void saturatedPredictorsShareTheMassAndNeverGiveNaN() {
    double inf = Double.POSITIVE_INFINITY;
    assertArrayEquals(new double[] {0.5, 0, 0.5}, Numerics.softmax(new double[] {inf, 3, inf}));
    assertArrayEquals(new double[] {0.5, 0.5}, Numerics.softmax(new double[] {-inf, -inf}));
    assertArrayEquals(new double[] {0, 1}, Numerics.softmax(new double[] {-inf, 2}));
    assertEquals(Double.NEGATIVE_INFINITY, Numerics.logSumExp(new double[] {-inf, -inf}));
    assertEquals(1.0, Numerics.sigmoid(inf));
    assertEquals(0.0, Numerics.sigmoid(-inf));
    assertEquals(0.5, Numerics.sigmoid(0.0));
    assertEquals(Double.NEGATIVE_INFINITY, Numerics.logAddExp(-inf, -inf));
    assertEquals(2.0, Numerics.logAddExp(2.0, -inf));
    assertFalse(Double.isNaN(Numerics.log1pExp(1000)));
  }

  /** Probabilities p (from a predictor) and a move d of its predictor, in three regimes. */
  @Provide
  Arbitrary<double[]> predictorAndMove() {
    Arbitrary<Double> moves = Arbitraries.frequencyOf(
        Tuple.of(1, Arbitraries.doubles().between(-1e-9, 1e-9).ofScale(22)),
        Tuple.of(2, Arbitraries.doubles().between(-0.999, 0.999).ofScale(8)),
        Tuple.of(2, Arbitraries.doubles().between(-60, 60).ofScale(6)));
    return Combinators.combine(Arbitraries.doubles().between(-60, 60).ofScale(6), moves)
        .as((eta, d) -> new double[] {eta, d});
  }

  /**
   * log(1 - p + p e^d) to 1e-13 relative, up to the inconsistency |p + complement - 1| of
   * the given probabilities (the kernel may use either).
   */
  @Property(tries = 300)
  void logNormalizerChangeIsAccurate(@ForAll("predictorAndMove") double[] etaAndMove) {
    double eta = etaAndMove[0];
    double d = etaAndMove[1];
    Statistics.label("move").collect(Math.abs(d) < 1e-6 ? "tiny" : Math.abs(d) < 1
        ? "small" : "large");
    double p = Numerics.sigmoid(eta);
    double complement = Numerics.sigmoid(-eta);
    double value = Numerics.logNormalizerChange(p, complement, d);
    BigDecimal exact = ExtendedPrecision.logNormalizerChange(new double[] {complement, p},
        new double[] {0, d});
    double gap = ExtendedPrecision.of(p).add(ExtendedPrecision.of(complement))
        .subtract(BigDecimal.ONE).abs().doubleValue();
    assertEquals(exact.doubleValue(), value, 1e-13 * Math.abs(exact.doubleValue()) + 2 * gap,
        "eta " + eta + ", d " + d);
  }

  /** Class predictors and a step per class; small steps (log1p path) and large ones. */
  @Provide
  Arbitrary<double[][]> predictorsAndSteps() {
    return Arbitraries.integers().between(2, 5).flatMap(k -> {
      Arbitrary<double[]> eta = Arbitraries.doubles().between(-30, 30).ofScale(6)
          .array(double[].class).ofSize(k);
      Arbitrary<double[]> step = Arbitraries.oneOf(
          Arbitraries.doubles().between(-1e-8, 1e-8).ofScale(20).array(double[].class)
              .ofSize(k),
          Arbitraries.doubles().between(-0.9, 0.9).ofScale(8).array(double[].class)
              .ofSize(k),
          Arbitraries.doubles().between(-20, 20).ofScale(6).array(double[].class)
              .ofSize(k));
      return Combinators.combine(eta, step).as((e, s) -> new double[][] {e, s});
    });
  }

  /**
   * log sum_k p_k e^(step_k): to 1e-13 relative for small steps, plus the rounding of the
   * terms p_k (e^(step_k) - 1) where they cancel (each is rounded to about an ulp of itself,
   * which no evaluation in doubles avoids; seed -6289574228499047577 drew terms of 0.103
   * summing to -4.7e-5, off by 0.2 ulp of their magnitude); for a large step it is a
   * difference of two log-normalisers, exact to their rounding.
   */
  @Property(tries = 300)
  void logSumExpChangeIsAccurate(@ForAll("predictorsAndSteps") double[][] etaAndStep) {
    double[] eta = etaAndStep[0];
    double[] step = etaAndStep[1];
    int k = eta.length;
    double[] p = Numerics.softmax(eta);
    double value = Numerics.logSumExpChange(eta, p, step, k);
    BigDecimal exact = ExtendedPrecision.logNormalizerChange(p, step);
    BigDecimal total = BigDecimal.ZERO;
    double[] moved = new double[k];
    for (int c = 0; c < k; c++) {
      total = total.add(ExtendedPrecision.of(p[c]));
      moved[c] = eta[c] + step[c];
    }
    double gap = total.subtract(BigDecimal.ONE).abs().doubleValue();
    double normaliserRounding = 4 * (Math.ulp(Numerics.logSumExp(eta))
        + Math.ulp(Numerics.logSumExp(moved)) + maxAbs(step) * ONE_ULP);
    double termMagnitude = 0;
    for (int c = 0; c < k; c++) {
      termMagnitude += Math.abs(p[c] * Math.expm1(step[c]));
    }
    double cancellation = 2 * (k + 1) * ONE_ULP * termMagnitude;
    double tolerance = 1e-13 * Math.abs(exact.doubleValue()) + 2 * gap
        + (maxAbs(step) >= 1 ? normaliserRounding : cancellation);
    assertEquals(exact.doubleValue(), value, tolerance);
  }

  /** Lengths 0..13 cover every remainder of the unrolled loops. */
  @Provide
  Arbitrary<double[][]> vectorPairs() {
    return Arbitraries.integers().between(0, 13).flatMap(n -> {
      Arbitrary<double[]> v = Arbitraries.doubles().between(-5, 5).ofScale(3)
          .array(double[].class).ofSize(n);
      Arbitrary<double[]> w = Arbitraries.doubles().between(0, 3).ofScale(3)
          .array(double[].class).ofSize(n);
      return Combinators.combine(v, v, w).as((a, b, c) -> new double[][] {a, b, c});
    });
  }

  @Property(tries = 200)
  void unrolledSumsEqualPlainSums(@ForAll("vectorPairs") double[][] vectors,
      @ForAll @IntRange(min = 0, max = 2) int shorter) {
    double[] x = vectors[0];
    double[] y = vectors[1];
    double[] w = vectors[2];
    int n = Math.max(0, x.length - shorter);
    double dot = 0;
    double squares = 0;
    double sum = 0;
    double scale = 0;
    for (int i = 0; i < n; i++) {
      dot += x[i] * y[i];
      squares += w[i] * x[i] * x[i];
      sum += x[i];
      scale += Math.abs(x[i]) * (Math.abs(y[i]) + w[i] * Math.abs(x[i]) + 1);
    }
    double tolerance = 1e-14 * scale;
    assertEquals(dot, Numerics.dot(x, y, n), tolerance);
    assertEquals(squares, Numerics.weightedSquares(x, w, n), tolerance);
    assertEquals(sum, Numerics.sum(x, n), tolerance);
  }

  private static double maxAbs(double[] values) {
    double max = 0;
    for (double v : values) {
      max = Math.max(max, Math.abs(v));
    }
    return max;
  }
}
